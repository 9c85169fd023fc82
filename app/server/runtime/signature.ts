import { createHmac, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/**
 * X-Twilio-Signature for a request: HMAC-SHA1 of the full URL followed by each POST parameter as
 * key+value in key order, keyed with the Auth Token, base64 — what twilio's
 * getExpectedTwilioSignature computes.
 */
export function expectedSignature(
  authToken: string,
  url: string,
  params: Record<string, string | string[]> = {},
): string {
  let data = url;
  for (const key of Object.keys(params).sort()) {
    const value = params[key]!;
    const values = Array.isArray(value) ? [...new Set(value)].sort() : [value];
    for (const v of values) data += key + v;
  }
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf-8')).digest('base64');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  // Compare against itself when lengths differ so the time spent does not depend on the guess.
  return left.length === right.length ? timingSafeEqual(left, right) : !timingSafeEqual(left, left);
}

/** The URL as received, and with the scheme's default port added or removed, as validateRequest tries. */
function urlVariants(scheme: string, host: string, pathAndQuery: string): string[] {
  const defaultPort = scheme === 'https' ? '443' : '80';
  const colon = host.lastIndexOf(':');
  const hasPort = colon > host.lastIndexOf(']');
  const variants = [`${scheme}://${host}${pathAndQuery}`];
  if (!hasPort) variants.push(`${scheme}://${host}:${defaultPort}${pathAndQuery}`);
  else if (host.slice(colon + 1) === defaultPort) variants.push(`${scheme}://${host.slice(0, colon)}${pathAndQuery}`);
  return variants;
}

/**
 * Checks signatures of GET requests for one Auth Token. The expected signature of a URL never
 * changes, so the last URLs' signatures are kept (bounded) and a repeated URL costs no HMAC; the
 * comparison with what the client sent is constant-time either way.
 */
export function signatureChecker(authToken: string, maxUrls = 10_000) {
  const expected = new LRUCache<string, string>({ max: maxUrls });
  const signatureOf = (url: string) => {
    let value = expected.get(url);
    if (value === undefined) {
      value = expectedSignature(authToken, url);
      expected.set(url, value);
    }
    return value;
  };
  /** True when `signature` is valid for a GET of the URL made of scheme, Host and request target. */
  return function validSignature(
    signature: string | undefined,
    scheme: string,
    host: string,
    pathAndQuery: string,
  ): boolean {
    if (!signature) return false;
    let ok = false;
    // Check every variant (no early exit) so timing does not reveal which one matched.
    for (const url of urlVariants(scheme, host, pathAndQuery)) {
      if (safeEqual(signatureOf(url), signature)) ok = true;
    }
    return ok;
  };
}

/**
 * True when `signature` is valid for the URL made of scheme, Host and request target, with the
 * form parameters of a POST (none for a GET or a JSON body).
 */
export function validSignature(
  authToken: string,
  signature: string | undefined,
  scheme: string,
  host: string,
  pathAndQuery: string,
  params: Record<string, string | string[]> = {},
): boolean {
  if (!signature) return false;
  let ok = false;
  // Check every variant (no early exit) so timing does not reveal which one matched.
  for (const url of urlVariants(scheme, host, pathAndQuery)) {
    if (safeEqual(expectedSignature(authToken, url, params), signature)) ok = true;
  }
  return ok;
}
