import type { IncomingMessage } from 'node:http';

export type Params = Record<string, string | string[]>;

/** Form or query parameters; a repeated key becomes an array, in order. */
export function formParams(text: string): Params {
  const params: Params = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = params[key];
    if (existing === undefined) params[key] = value;
    else params[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return params;
}

const REMOVED = new Set([
  'connection',
  'proxy-connection',
  'expect',
  'host',
  'proxy-authorization',
  'proxy-authenticate',
  'referer',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
  'x-real-ip',
]);

/** Request headers as function code sees them: lower-case names, a repeated header as an array, hop and proxy headers removed. */
export function eventHeaders(req: IncomingMessage): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (!values || REMOVED.has(name) || name.startsWith('x-accel-') || name.startsWith('x-forwarded-')) continue;
    headers[name] = values.length === 1 ? values[0]! : values;
  }
  return headers;
}

/** Cookie name → value; the first of a duplicate name wins. */
export function eventCookies(req: IncomingMessage): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const header of req.headersDistinct.cookie ?? []) {
    for (const pair of header.split(';')) {
      const eq = pair.indexOf('=');
      if (eq === -1) continue;
      const name = pair.slice(0, eq).trim();
      if (!name || name in cookies) continue;
      let value = pair.slice(eq + 1).trim();
      if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
      try {
        cookies[name] = decodeURIComponent(value);
      } catch {
        cookies[name] = value;
      }
    }
  }
  return cookies;
}

export type ParsedBody =
  { kind: 'none' } | { kind: 'form'; params: Params } | { kind: 'json'; params: Record<string, unknown> };

/** A body's parameters: form and JSON are parsed, anything else gives none. Throws on malformed JSON. */
export function parseBody(contentType: string | undefined, body: Buffer): ParsedBody {
  if (body.length === 0) return { kind: 'none' };
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return { kind: 'form', params: formParams(body.toString('utf8')) };
  if (type === 'application/json' || type.endsWith('+json')) {
    const value: unknown = JSON.parse(body.toString('utf8'));
    // A top-level array is spread as keys "0", "1", …; a primitive gives no parameters.
    const params = typeof value === 'object' && value !== null ? { ...(value as Record<string, unknown>) } : {};
    return { kind: 'json', params };
  }
  return { kind: 'none' };
}

/** The `event` of an invocation: query and body parameters (the body wins) and the request. */
export function buildEvent(req: IncomingMessage, query: string, body: ParsedBody): Record<string, unknown> {
  const params = body.kind === 'none' ? {} : body.params;
  return {
    ...formParams(query),
    ...params,
    request: { headers: eventHeaders(req), cookies: eventCookies(req) },
  };
}
