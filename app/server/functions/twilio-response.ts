/** Cookies may live at most one day on Twilio Functions; a longer Max-Age makes the response a 400. */
export const MAX_COOKIE_AGE_SECONDS = 24 * 60 * 60;

const SET_COOKIE = 'set-cookie';

/**
 * `Twilio.Response` as function code sees it. Header names keep the case the code gave them;
 * names are matched case-insensitively so that appending repeats a header instead of adding a twin.
 */
export class TwilioResponse {
  statusCode = 200;
  body: unknown = null;
  headers: Record<string, string | string[]> = {};
  /** Set by the runner for requests that came in over https. */
  static secure = false;

  constructor(options?: { statusCode?: number; body?: unknown; headers?: Record<string, string | string[]> }) {
    if (options?.statusCode) this.statusCode = options.statusCode;
    if (options?.body !== undefined) this.body = options.body;
    if (options?.headers) this.setHeaders(options.headers);
  }

  setStatusCode(statusCode: number): this {
    this.statusCode = statusCode;
    return this;
  }

  setBody(body: unknown): this {
    this.body = body;
    return this;
  }

  setHeaders(headers: Record<string, string | string[]>): this {
    if (typeof headers !== 'object' || headers === null) return this;
    this.headers = {};
    for (const [name, value] of Object.entries(headers)) this.appendHeader(name, value);
    return this;
  }

  appendHeader(name: string, value: string | string[]): this {
    if (typeof value === 'object' && !Array.isArray(value)) throw new Error('Header value cannot be an object');
    const key = Object.keys(this.headers).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
    const existing = this.headers[key];
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    if (existing === undefined)
      this.headers[key] = key.toLowerCase() === SET_COOKIE ? values : values.length === 1 ? values[0]! : values;
    else this.headers[key] = [existing, values].flat();
    return this;
  }

  setCookie(name: string, value: string, attributes: string[] = []): this {
    const attrs = [...attributes];
    const has = (attr: string) => attrs.some((a) => a.split('=')[0]!.trim().toLowerCase() === attr);
    if (!has('httponly')) attrs.push('HttpOnly');
    if (TwilioResponse.secure && !has('secure')) attrs.push('Secure');
    return this.appendHeader('Set-Cookie', `${name}=${value};${attrs.join(';')}`);
  }

  removeCookie(name: string): this {
    const key = Object.keys(this.headers).find((k) => k.toLowerCase() === SET_COOKIE) ?? 'Set-Cookie';
    const existing = this.headers[key];
    const kept = (Array.isArray(existing) ? existing : existing ? [existing] : []).filter(
      (cookie) => !cookie.startsWith(`${name}=`),
    );
    this.headers[key] = [...kept, `${name}=;Max-Age=0`];
    return this;
  }
}

/** The longest Max-Age among Set-Cookie values, or 0. */
export function longestCookieAge(cookies: string[]): number {
  let longest = 0;
  for (const cookie of cookies) {
    const match = /(?:^|;)\s*max-age\s*=\s*(\d+)/i.exec(cookie);
    if (match) longest = Math.max(longest, Number(match[1]));
  }
  return longest;
}
