import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { isTextType } from '../../shared/content-type.ts';
import { MEDIA_PREVIEW_BYTES, TEXT_PREVIEW_BYTES, type SignedAnswer } from '../../shared/signed-request.ts';
import { ApiError } from '../errors.ts';

export interface SelfRequest {
  /** Where this server listens (the local end of the editor's own connection). */
  address: string;
  port: number;
  method: 'GET' | 'POST';
  /** Host header and request target, exactly as signed. */
  host: string;
  target: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/** How much of a body of this type the preview keeps, and how. */
function previewPlan(contentType: string | null): { encoding: 'utf8' | 'base64'; cap: number } | null {
  if (contentType === null) return null;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('image/') || type.startsWith('audio/')) return { encoding: 'base64', cap: MEDIA_PREVIEW_BYTES };
  return isTextType(type) ? { encoding: 'utf8', cap: TEXT_PREVIEW_BYTES } : null;
}

function headerPairs(raw: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  return pairs;
}

/** An answer, with its headers parsed by name. */
export type Received = SignedAnswer & { rawHeaders: IncomingHttpHeaders };

/** The answer as the API reports it. */
export function answerOf({ rawHeaders: _parsed, ...answer }: Received): SignedAnswer {
  return answer;
}

/** The first value of a response header. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Sends one request to an environment domain served by this very server, over loopback (so the
 * Host can be any environment's name without DNS), and reads the answer as it streams: every byte
 * is counted, only the preview's share is kept. Gives up after `timeoutMs` with a 504.
 */
export function sendToSelf(req: SelfRequest): Promise<Received> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: req.address,
        port: req.port,
        method: req.method,
        path: req.target,
        // One connection per request: nothing is pooled with the editor's own traffic.
        agent: false,
        headers: {
          Host: req.host,
          ...req.headers,
          ...(req.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(req.body)) } : {}),
        },
        signal: AbortSignal.timeout(req.timeoutMs),
      },
      (res) => {
        const contentType = headerValue(res.headers, 'content-type') ?? null;
        const plan = previewPlan(contentType);
        const kept: Buffer[] = [];
        let keptBytes = 0;
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (plan && keptBytes < plan.cap) {
            const part = chunk.subarray(0, plan.cap - keptBytes);
            kept.push(part);
            keptBytes += part.length;
          }
        });
        res.on('end', () => {
          const bytes = Buffer.concat(kept);
          resolve({
            status: res.statusCode ?? 0,
            headers: headerPairs(res.rawHeaders),
            size,
            content_type: contentType,
            duration_ms: Math.round(performance.now() - started),
            preview: plan
              ? {
                  encoding: plan.encoding,
                  body: bytes.toString(plan.encoding),
                  truncated: size > bytes.length,
                }
              : null,
            rawHeaders: res.headers,
          });
        });
        res.on('error', (err) => reject(failure(err, req.timeoutMs)));
      },
    );
    outgoing.on('error', (err) => reject(failure(err, req.timeoutMs)));
    outgoing.end(req.body);
  });
}

function failure(err: Error, timeoutMs: number): ApiError {
  if (err.name === 'AbortError' || err.name === 'TimeoutError') {
    return new ApiError(504, 20504, `The environment did not answer within ${timeoutMs / 1000} s`);
  }
  return new ApiError(502, 20502, `The environment could not be reached: ${err.message}`);
}
