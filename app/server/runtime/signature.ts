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

function safeEqual(left: Buffer, right: Buffer): boolean {
  // Compare against itself when lengths differ so the time spent does not depend on the guess.
  return left.length === right.length ? timingSafeEqual(left, right) : !timingSafeEqual(right, right);
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
 * Checks signatures of GET requests for one Auth Token. The expected signatures of a URL never
 * change, so for the last URLs received (bounded) the signatures of all their variants are kept as
 * bytes: a repeated URL costs one lookup and no HMAC; the comparison with what the client sent is
 * constant-time either way and covers every variant.
 */
export function signatureChecker(authToken: string, maxUrls = 10_000) {
  const expected = new LRUCache<string, Buffer[]>({ max: maxUrls });
  /** True when `signature` is valid for a GET of the URL made of scheme, Host and request target. */
  return function validSignature(
    signature: string | undefined,
    scheme: string,
    host: string,
    pathAndQuery: string,
  ): boolean {
    if (!signature) return false;
    // Newlines cannot occur in a scheme or a header value, so the key names one URL.
    const key = `${scheme}\n${host}\n${pathAndQuery}`;
    let wanted = expected.get(key);
    if (wanted === undefined) {
      wanted = urlVariants(scheme, host, pathAndQuery).map((url) => Buffer.from(expectedSignature(authToken, url)));
      expected.set(key, wanted);
    }
    const given = Buffer.from(signature);
    let ok = false;
    // Check every variant (no early exit) so timing does not reveal which one matched.
    for (const bytes of wanted) if (safeEqual(bytes, given)) ok = true;
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
  const given = Buffer.from(signature);
  let ok = false;
  // Check every variant (no early exit) so timing does not reveal which one matched.
  for (const url of urlVariants(scheme, host, pathAndQuery)) {
    if (safeEqual(Buffer.from(expectedSignature(authToken, url, params)), given)) ok = true;
  }
  return ok;
}
