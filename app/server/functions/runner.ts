/**
 * The entry of a function process (a child of the server, see pool.ts). It runs one invocation
 * at a time, keeps loaded modules between invocations (module state persists, as on Twilio) and
 * talks to the server only over IPC. The Twilio and Runtime globals, the context and the
 * callback follow FUNCTIONS.md.
 */
/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   the build's own `twilio` (any version) and function code are untyped here */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { format } from 'node:util';
import type { FromRunner, InitMessage, InvokeMessage, ResultMessage, ToRunner, TwilioApi } from './protocol.ts';
import { longestCookieAge, MAX_COOKIE_AGE_SECONDS, TwilioResponse } from './twilio-response.ts';

type Callback = (error?: unknown, payload?: unknown) => void;
type Handler = (context: Record<string, unknown>, event: Record<string, unknown>, callback: Callback) => unknown;

const send = (message: FromRunner) => process.send!(message);

let functions = new Map<string, string>();
let assets = new Map<string, string>();
/** The invocation running now (one at a time), for console output and uncaught errors. */
let current: { id: string; done: boolean } | null = null;

// Resolves `twilio` the way function code does: the build's dependencies, then NODE_PATH.
const requireFromBuild = () => createRequire(functions.values().next().value ?? `${process.cwd()}/x.js`);

let twilioModule: any = null;
function twilioLib(): any {
  twilioModule ??= requireFromBuild()('twilio');
  return twilioModule;
}

// `Twilio` is loaded on first use: a handler that never touches it starts faster.
let twilioGlobal: any = null;
Object.defineProperty(globalThis, 'Twilio', {
  configurable: true,
  get() {
    if (!twilioGlobal) {
      twilioGlobal = Object.create(twilioLib() as object);
      twilioGlobal.Response = TwilioResponse;
    }
    return twilioGlobal;
  },
});

function twilioClient(context: Record<string, string>, api: TwilioApi, options?: object): unknown {
  const { ACCOUNT_SID: accountSid, AUTH_TOKEN: authToken } = context;
  if (!accountSid || !authToken) {
    throw new Error(
      'getTwilioClient() needs ACCOUNT_SID and AUTH_TOKEN: enable Include Credentials on the service, or set them as environment variables',
    );
  }
  const twilio = twilioLib();
  if (api.kind === 'twilio') return twilio(accountSid, authToken, options);
  const base = api.url.replace(/\/+$/, '');
  const Base = twilio.RequestClient as new () => { request(opts: { uri: string }): Promise<unknown> };
  // Every *.twilio.com API host goes to one base URL: `serverless.twilio.com/v1/...` → `<base>/v1/...`.
  class LocalClient extends Base {
    override request(opts: { uri: string }) {
      return super.request({ ...opts, uri: opts.uri.replace(/^https:\/\/[^/]*twilio\.com/i, base) });
    }
  }
  return twilio(accountSid, authToken, { ...options, httpClient: new LocalClient() });
}

/** The current invocation's client maker, for Runtime.getSync(). */
let clientOfCurrent: (() => any) | null = null;

(globalThis as any).Runtime = {
  getAssets: () =>
    Object.fromEntries(
      [...assets].map(([path, file]) => [path, { path: file, open: () => readFileSync(file, 'utf8') }]),
    ),
  getFunctions: () =>
    Object.fromEntries([...functions].map(([path, file]) => [path.replace(/^\//, ''), { path: file }])),
  getSync: (options: { serviceName?: string } = {}) => {
    if (!clientOfCurrent) throw new Error('Runtime.getSync() works only during an invocation');
    return clientOfCurrent().sync.v1.services(options.serviceName ?? 'default');
  },
};

for (const [method, level] of [
  ['log', 'info'],
  ['info', 'info'],
  ['debug', 'info'],
  ['warn', 'warn'],
  ['error', 'error'],
] as const) {
  console[method] = (...args: unknown[]) =>
    send({ type: 'log', id: current?.id ?? null, level, message: format(...args) });
}

function isTwiml(payload: object): boolean {
  if (!twilioModule) return false;
  const { VoiceResponse, MessagingResponse, FaxResponse } = twilioModule.twiml;
  return [VoiceResponse, MessagingResponse, FaxResponse].some((T) => T && payload instanceof T);
}

/** An error as the response and log show it; a permission denial says what it was denied. */
function errorText(error: unknown): string {
  if (!(error instanceof Error)) return typeof error === 'string' ? error : format(error);
  const denied = error as Error & { code?: string; permission?: string; resource?: string };
  if (denied.code === 'ERR_ACCESS_DENIED') return `${error.message} (${denied.permission}: ${denied.resource})`;
  return error.message;
}

function resultOf(id: string, error: unknown, payload: unknown): ResultMessage {
  if (error !== null && error !== undefined) {
    const text = errorText(error);
    return {
      type: 'result',
      id,
      status: 500,
      headers: [['Content-Type', 'text/plain; charset=utf-8']],
      body: text,
      error: text,
    };
  }
  if (payload === undefined || payload === null) return { type: 'result', id, status: 200, headers: [], body: '' };
  if (typeof payload === 'string') {
    return { type: 'result', id, status: 200, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: payload };
  }
  if (Buffer.isBuffer(payload)) {
    return { type: 'result', id, status: 200, headers: [['Content-Type', 'application/octet-stream']], body: payload };
  }
  if (payload instanceof TwilioResponse) return responseResult(id, payload);
  if (typeof payload === 'object' && isTwiml(payload)) {
    return {
      type: 'result',
      id,
      status: 200,
      headers: [['Content-Type', 'text/xml; charset=utf-8']],
      body: (payload as { toString(): string }).toString(),
    };
  }
  return {
    type: 'result',
    id,
    status: 200,
    headers: [['Content-Type', 'application/json; charset=utf-8']],
    body: JSON.stringify(payload) ?? '',
  };
}

function responseResult(id: string, response: TwilioResponse): ResultMessage {
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(response.headers)) {
    for (const v of Array.isArray(value) ? value : [value]) headers.push([name, String(v)]);
  }
  const cookies = headers.filter(([name]) => name.toLowerCase() === 'set-cookie').map(([, v]) => v);
  if (longestCookieAge(cookies) > MAX_COOKIE_AGE_SECONDS) {
    const text = `A cookie's Max-Age is over ${MAX_COOKIE_AGE_SECONDS} seconds (one day)`;
    return {
      type: 'result',
      id,
      status: 400,
      headers: [['Content-Type', 'text/plain; charset=utf-8']],
      body: text,
      error: text,
    };
  }
  const hasType = headers.some(([name]) => name.toLowerCase() === 'content-type');
  const { body } = response;
  let bytes: Uint8Array | string;
  if (body === null || body === undefined) bytes = '';
  else if (typeof body === 'string') bytes = body;
  else if (body instanceof Uint8Array) bytes = body;
  else if (body instanceof ArrayBuffer) bytes = new Uint8Array(body);
  else {
    bytes = JSON.stringify(body) ?? '';
    if (!hasType) headers.push(['Content-Type', 'application/json; charset=utf-8']);
  }
  if (!hasType && typeof bytes === 'string' && typeof body === 'string') {
    headers.push(['Content-Type', 'text/html; charset=utf-8']);
  }
  return { type: 'result', id, status: response.statusCode, headers, body: bytes };
}

function invoke(message: InvokeMessage): void {
  const invocation = { id: message.id, done: false };
  current = invocation;
  TwilioResponse.secure = message.secure;
  const values = message.context;
  const finish = (result: ResultMessage) => {
    if (invocation.done) return;
    invocation.done = true;
    if (current === invocation) current = null;
    send(result);
  };
  const callback: Callback = (error = null, payload) => {
    try {
      finish(resultOf(message.id, error, payload));
    } catch (err) {
      finish(resultOf(message.id, err, undefined));
    }
  };
  const context = {
    ...values,
    getTwilioClient: (options?: object) => twilioClient(values, message.twilioApi, options),
  };
  clientOfCurrent = () => twilioClient(values, message.twilioApi);
  let handler: Handler | undefined;
  try {
    const mod = createRequire(message.file)(message.file) as { handler?: unknown };
    handler = typeof mod?.handler === 'function' ? (mod.handler as Handler) : undefined;
  } catch (err) {
    callback(err);
    return;
  }
  if (!handler) {
    const text = `The function module has no handler: export one as exports.handler = (context, event, callback) => { … }`;
    finish({
      type: 'result',
      id: message.id,
      status: 500,
      headers: [['Content-Type', 'text/plain; charset=utf-8']],
      body: text,
      error: text,
    });
    return;
  }
  try {
    const returned = handler(context, message.event, callback);
    if (returned && typeof (returned as Promise<unknown>).then === 'function') {
      (returned as Promise<unknown>).then(undefined, (err: unknown) =>
        callback(err ?? new Error('The handler rejected')),
      );
    }
  } catch (err) {
    callback(err);
  }
}

// An error nothing caught: answer the invocation (500) and leave; the pool starts a fresh process.
const fatal = (err: unknown) => {
  const text = err instanceof Error ? (err.stack ?? err.message) : format(err);
  if (current && !current.done) {
    current.done = true;
    const result: ResultMessage = { type: 'result', id: current.id, status: 500, headers: [], body: errorText(err) };
    process.send!({ ...result, error: text, fatal: true }, () => process.exit(1));
  } else {
    process.send!({ type: 'log', id: null, level: 'error', message: `Uncaught error: ${text}` }, () => process.exit(1));
  }
};
process.on('uncaughtException', fatal);
// The server went away (or stopped this process): nothing more will come.
process.on('disconnect', () => process.exit(0));
process.on('unhandledRejection', fatal);

process.on('message', (message: ToRunner) => {
  if (message.type === 'init') {
    const init: InitMessage = message;
    functions = new Map(init.functions);
    assets = new Map(init.assets);
    send({ type: 'ready' });
  } else if (message.type === 'invoke') {
    invoke(message);
  }
});
