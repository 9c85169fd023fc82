import { z } from 'zod';
import { logSchema } from './api-schemas.ts';

// "Request as Twilio": the server sends a request to one of the service's environment domains
// twice, without and with an X-Twilio-Signature made with the Auth Token, and reports both answers.
// The token never leaves the server; the signature it made is valid only for that URL and those
// parameters.

/** Methods a request as Twilio may use (what functions answer; assets answer GET). */
export const SIGNED_REQUEST_METHODS = ['GET', 'POST'] as const;
export type SignedRequestMethod = (typeof SIGNED_REQUEST_METHODS)[number];

/** At most this many parameters, and this many characters of keys and values together. */
export const MAX_SIGNED_PARAMS = 100;
export const MAX_SIGNED_PARAM_CHARS = 64 * 1024;

/** Bytes of a text body kept for the preview (the rest is counted, not kept). */
export const TEXT_PREVIEW_BYTES = 64 * 1024;
/** Bytes of an image or audio body kept for the preview. */
export const MEDIA_PREVIEW_BYTES = 1024 * 1024;

/** A parameter as sent: key and value; a key may repeat. */
export type ParamPair = [string, string];

/** Why a Parameters value (a JSON array of [key, value] string pairs) is refused, or null. */
export function parametersProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'Parameters must be a JSON array of [key, value] pairs';
  if (value.length > MAX_SIGNED_PARAMS) return `Parameters may hold at most ${MAX_SIGNED_PARAMS} pairs`;
  let chars = 0;
  for (const pair of value) {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      return 'Each parameter must be a [key, value] pair of strings';
    }
    if (pair[0] === '') return 'A parameter key must not be empty';
    chars += pair[0].length + pair[1].length;
  }
  return chars > MAX_SIGNED_PARAM_CHARS ? `Parameters may hold at most ${MAX_SIGNED_PARAM_CHARS} characters` : null;
}

const pair = z.tuple([z.string(), z.string()]);

/** One answer: what the environment sent back, with a bounded preview of the body. */
export const signedAnswerSchema = z.object({
  status: z.number(),
  headers: z.array(pair),
  /** Bytes of the whole body (counted as it streamed by). */
  size: z.number(),
  content_type: z.string().nullable(),
  duration_ms: z.number(),
  /** The start of the body: text as utf8, images and audio as base64; null for other types. */
  preview: z.object({ encoding: z.enum(['utf8', 'base64']), body: z.string(), truncated: z.boolean() }).nullable(),
});
export type SignedAnswer = z.infer<typeof signedAnswerSchema>;

/** The result of a request as Twilio. */
export const signedRequestSchema = z.object({
  url: z.string(),
  method: z.enum(SIGNED_REQUEST_METHODS),
  parameters: z.array(pair),
  /** The X-Twilio-Signature sent: valid for this URL and these parameters only. */
  signature: z.string(),
  /** The signed request as a shell command. */
  curl: z.string(),
  unsigned: signedAnswerSchema,
  signed: signedAnswerSchema,
  /** The invocation's request sid when a function answered the signed request. */
  request_sid: z.string().nullable(),
  /** The log lines that invocation wrote, oldest first. */
  logs: z.array(logSchema),
});
export type SignedRequest = z.infer<typeof signedRequestSchema>;

/** A word for the shell: single-quoted, with each ' closed, escaped and reopened. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** application/x-www-form-urlencoded text of the pairs, in order. */
export function formEncode(params: readonly ParamPair[]): string {
  const form = new URLSearchParams();
  for (const [key, value] of params) form.append(key, value);
  return form.toString();
}

/**
 * The signed request as a curl command. POST parameters go as the form body they were signed
 * with; a binary answer is written to a file (curl will not print it to a terminal).
 */
export function curlCommand(request: {
  url: string;
  method: SignedRequestMethod;
  params: readonly ParamPair[];
  signature: string;
  outputFile?: string;
}): string {
  const words = ['curl', '-sS'];
  if (request.outputFile) words.push('-D', '-', '-o', shellQuote(request.outputFile));
  else words.push('-i');
  words.push('-H', shellQuote(`X-Twilio-Signature: ${request.signature}`));
  if (request.method === 'POST') {
    // --data-raw makes it a POST with Content-Type application/x-www-form-urlencoded, sent as is.
    words.push('--data-raw', shellQuote(formEncode(request.params)));
  }
  words.push(shellQuote(request.url));
  return words.join(' ');
}
