import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Ctx } from '../context.ts';
import { validSignature } from '../runtime/signature.ts';
import type { FunctionRoute, Site } from '../runtime/sites.ts';
import { newSid } from '../store/ids.ts';
import { buildEvent, parseBody, type ParsedBody } from './event.ts';
import type { Outcome } from './pool.ts';
import type { TwilioApi } from './protocol.ts';
import type { FunctionsRuntime } from './runtime.ts';
import type { RequestHost } from '../runtime/host.ts';

const MAX_BODY = 1024 * 1024;
const MAX_RESPONSE = 4 * 1024 * 1024;
const MAX_HEADERS = 90;
const MAX_HEADER_BYTES = 15 * 1024;
/** Longer log messages are cut: a log entry is for reading, not for data. */
const MAX_LOG_MESSAGE = 8 * 1024;
/** Log entries kept per invocation: a logging loop must not fill the database. */
const MAX_LOG_LINES = 500;

const CORS = [
  'Access-Control-Allow-Origin',
  '*',
  'Access-Control-Allow-Headers',
  '*',
  'Access-Control-Allow-Methods',
  'GET, POST, OPTIONS',
];

/**
 * Every invocation's answer names its request sid (RQ…, the request_sid of its log lines), under
 * the header name Twilio's API uses for it, so a caller can find the lines that request wrote.
 */
export const REQUEST_SID_HEADER = 'Twilio-Request-Id';

const UNAUTHORIZED = 'Unauthorized - you are not authenticated to perform this request';

/** A Twilio-shaped error reply; `close` ends the connection (a body was left unread). */
function fail(res: ServerResponse, status: number, message: string, extra: string[] = [], close = false): void {
  const code = 20000 + status;
  const body = Buffer.from(
    JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }),
  );
  // An error answers this one request (its signature, its body): never stored by a cache.
  const headers = [
    'Content-Type',
    'application/json; charset=utf-8',
    'Cache-Control',
    'no-store',
    'Content-Length',
    String(body.length),
    ...extra,
  ];
  if (close) headers.push('Connection', 'close');
  res.writeHead(status, headers);
  res.end(body);
}

function headerBytes(req: IncomingMessage): number {
  let n = 0;
  for (const part of req.rawHeaders) n += part.length + 2;
  return n;
}

/** The body, or null when it went over the limit (the reply is then sent here). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        req.removeAllListeners('data');
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The Twilio API base for getTwilioClient(): Twilio, a set URL, or the address this request came in on. */
function twilioApiFor(ctx: Ctx, req: IncomingMessage): TwilioApi {
  const setting = ctx.config.functions.twilioApi;
  if (setting === 'twilio') return { kind: 'twilio' };
  if (setting !== 'local') return { kind: 'base', url: setting };
  const address = req.socket.localAddress ?? '127.0.0.1';
  const host = address.includes(':') ? `[${address.replace(/^::ffff:/, '')}]` : address;
  return { kind: 'base', url: `http://${host.replace(/^\[(\d+\.\d+\.\d+\.\d+)\]$/, '$1')}:${req.socket.localPort}` };
}

/**
 * Answers requests for a deployed function's path: method, limits and visibility are checked here,
 * the event and context are made from the request and the environment as it is now, and the
 * invocation runs in the build's pool (functions/pool.ts).
 */
export function createFunctionGateway(ctx: Ctx, runtime: FunctionsRuntime) {
  const { store, config } = ctx;
  const deployments = new Map<string, { buildSid: string; deploymentSid: string | null }>();

  async function deploymentOf(site: Site): Promise<string | null> {
    const cached = deployments.get(site.environmentSid);
    if (cached?.buildSid === site.buildSid) return cached.deploymentSid;
    const latest = (await store.environments.deployments(site.environmentSid, { limit: 1, offset: 0 })).items[0];
    const deploymentSid = latest?.build_sid === site.buildSid ? latest.sid : null;
    deployments.set(site.environmentSid, { buildSid: site.buildSid, deploymentSid });
    return deploymentSid;
  }

  /** Records an invocation's log lines in order; flushed() settles once all so far are stored. */
  function logger(site: Site, fn: FunctionRoute, requestSid: string, deploymentSid: string | null) {
    let lines = 0;
    let written = Promise.resolve();
    const log = (level: 'info' | 'warn' | 'error', message: string) => {
      if (++lines > MAX_LOG_LINES + 1) return;
      if (lines === MAX_LOG_LINES + 1) {
        level = 'warn';
        message = `More than ${MAX_LOG_LINES} log lines in one invocation: the rest are dropped`;
      }
      const add = () =>
        store.logs.add({
          service_sid: site.serviceSid,
          environment_sid: site.environmentSid,
          build_sid: site.buildSid,
          deployment_sid: deploymentSid,
          function_sid: fn.sid,
          request_sid: requestSid,
          level,
          message: message.length > MAX_LOG_MESSAGE ? `${message.slice(0, MAX_LOG_MESSAGE)}…` : message,
        });
      written = written.then(add).then(
        () => undefined,
        (err: unknown) => {
          // The environment may have been deleted meanwhile: its logs go with it.
          if (config.log) console.error('could not record a function log', err);
        },
      );
    };
    return Object.assign(log, { flushed: () => written });
  }

  async function context(site: Site, fn: FunctionRoute): Promise<Record<string, string>> {
    const values: Record<string, string> = {
      DOMAIN_NAME: site.domainName,
      PATH: fn.path,
      SERVICE_SID: site.serviceSid,
      ENVIRONMENT_SID: site.environmentSid,
    };
    const service = await store.services.find(site.serviceSid);
    if (service?.include_credentials) {
      values.ACCOUNT_SID = config.accountSid;
      values.AUTH_TOKEN = config.authToken;
    }
    for (const { key, value } of await store.variables.all(site.environmentSid)) values[key] = value;
    return values;
  }

  function schemeOf(req: IncomingMessage): string {
    const forwarded = config.trustProxy ? req.headers['x-forwarded-proto'] : undefined;
    return typeof forwarded === 'string' ? forwarded.split(',')[0]!.trim() : 'http';
  }

  function signed(req: IncomingMessage, host: RequestHost, body: Buffer, parsed: ParsedBody): boolean {
    const signature = req.headers['x-twilio-signature'];
    const target = req.url ?? '/';
    const sign = (params?: Record<string, string | string[]>) =>
      validSignature(
        config.authToken,
        typeof signature === 'string' ? signature : undefined,
        schemeOf(req),
        host.raw,
        target,
        params,
      );
    if (parsed.kind === 'form') return sign(parsed.params);
    const q = target.indexOf('?');
    const bodyHash = q === -1 ? null : new URLSearchParams(target.slice(q + 1)).get('bodySHA256');
    if (bodyHash !== null) {
      return sign() && createHash('sha256').update(body).digest('hex') === bodyHash.toLowerCase();
    }
    return body.length === 0 && sign();
  }

  /** Answers with the outcome once its log lines are stored (a client reading the logs next finds them). */
  async function reply(
    res: ServerResponse,
    outcome: Outcome,
    log: ReturnType<typeof logger>,
    timeoutMs: number,
    visibility: FunctionRoute['visibility'],
    requestSid: string,
  ): Promise<void> {
    const sidHeader = [REQUEST_SID_HEADER, requestSid];
    const send = async (respond: () => void) => {
      await log.flushed();
      if (!res.destroyed) respond();
    };
    if (outcome.kind === 'timeout') {
      log('error', `runtime application timed out (after ${timeoutMs} ms)`);
      return send(() => fail(res, 504, 'Runtime application timed out', sidHeader));
    }
    if (outcome.kind === 'crash') {
      log('error', outcome.reason);
      return send(() => fail(res, 500, 'The function stopped unexpectedly', sidHeader));
    }
    const { result } = outcome;
    if (result.error) log('error', result.error);
    const body =
      typeof result.body === 'string'
        ? Buffer.from(result.body)
        : Buffer.from(result.body.buffer, result.body.byteOffset, result.body.byteLength);
    if (body.length > MAX_RESPONSE) {
      log('error', `The response body is ${body.length} bytes; at most ${MAX_RESPONSE} bytes are allowed`);
      return send(() => fail(res, 500, 'The response body is too large', sidHeader));
    }
    const headers: string[] = [];
    for (const [name, value] of result.headers) {
      const lower = name.toLowerCase();
      if (lower === 'content-length' || lower === 'transfer-encoding' || lower === 'connection') continue;
      // A protected function answered a signed request: no shared cache may keep that answer.
      if (lower === 'cache-control' && visibility === 'protected') continue;
      headers.push(name, value);
    }
    if (visibility === 'protected') headers.push('Cache-Control', 'private, no-store');
    await log.flushed();
    if (res.destroyed) return;
    try {
      res.writeHead(result.status, [...headers, ...sidHeader, 'Content-Length', String(body.length)]);
    } catch (err) {
      log('error', `The response could not be sent: ${(err as Error).message}`);
      return send(() => fail(res, 500, 'The function returned an invalid response', sidHeader));
    }
    res.end(body);
  }

  async function serve(
    req: IncomingMessage,
    res: ServerResponse,
    site: Site,
    fn: FunctionRoute,
    host: RequestHost,
  ): Promise<void> {
    const method = req.method;
    if (fn.visibility === 'private') return fail(res, 404, `The requested resource ${fn.path} was not found`);
    if (method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    if (method !== 'GET' && method !== 'POST') {
      return fail(res, 405, `Method ${method} is not allowed: functions answer GET, POST and OPTIONS`, [
        'Allow',
        'GET, POST, OPTIONS',
      ]);
    }
    if (req.rawHeaders.length / 2 > MAX_HEADERS || headerBytes(req) > MAX_HEADER_BYTES) {
      return fail(res, 431, `Request headers too large: at most ${MAX_HEADERS} headers and 15 KB`, [], true);
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    const hasBody = declared > 0 || req.headers['transfer-encoding'] !== undefined;
    if (method === 'GET' && hasBody) return fail(res, 403, 'A GET request cannot have a body', [], true);
    if (declared > MAX_BODY) return fail(res, 413, 'The request body is larger than 1 MB', [], true);
    if (!runtime.enter(site.serviceSid)) {
      return fail(res, 429, 'Too many requests: this service has too many invocations in flight', [], hasBody);
    }
    try {
      const body = await readBody(req);
      if (body === null) return fail(res, 413, 'The request body is larger than 1 MB', [], true);
      let parsed: ParsedBody;
      try {
        parsed = parseBody(req.headers['content-type'], body);
      } catch {
        return fail(res, 400, 'The request body is not valid JSON');
      }
      if (fn.visibility === 'protected' && !signed(req, host, body, parsed)) return fail(res, 403, UNAUTHORIZED);

      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const event = buildEvent(req, q === -1 ? '' : url.slice(q + 1), parsed);
      const requestSid = newSid('request');
      const log = logger(site, fn, requestSid, await deploymentOf(site));
      const pool = await runtime.pool(site.buildSid);
      const file = pool.layout.functions.get(fn.path)?.file;
      if (!file) return fail(res, 404, `The requested resource ${fn.path} was not found`);
      const outcome = await pool.invoke(
        {
          id: requestSid,
          file,
          context: await context(site, fn),
          event,
          twilioApi: twilioApiFor(ctx, req),
          secure: schemeOf(req) === 'https',
        },
        log,
      );
      if (!res.destroyed) await reply(res, outcome, log, config.functions.timeoutMs, fn.visibility, requestSid);
    } finally {
      runtime.leave(site.serviceSid);
    }
  }

  return function handle(
    req: IncomingMessage,
    res: ServerResponse,
    site: Site,
    fn: FunctionRoute,
    host: RequestHost,
  ): void {
    serve(req, res, site, fn, host).catch((err: unknown) => {
      if (config.log) console.error(`function ${fn.path} on ${site.domainName} failed`, err);
      if (!res.headersSent) fail(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  };
}
