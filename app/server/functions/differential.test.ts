import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient } from '../test-client.ts';
import { callDomain, deployFunctions, type Deployed } from '../test-functions.ts';
import { startTestServer, type TestServer } from '../test-server.ts';

// The same functions and requests against @twilio/runtime-handler's dev server (what `twilio-run start` runs)
// and against a deployed build here: `event` and response shapes must match. Intended differences:
// - event.request.headers: each server has its own connection headers (host, connection, …);
//   only the headers the client sent are compared.
// - Content-Type charset: ours always names utf-8 (text/plain; charset=utf-8, text/xml; charset=utf-8).
// - callback(err): the dev server answers the error as JSON with its stack; we answer its message as
//   text (FUNCTIONS.md's choice: no stack traces to callers). Only the status is compared.

const { LocalDevelopmentServer } = createRequire(import.meta.url)('@twilio/runtime-handler/dev') as {
  LocalDevelopmentServer: new (
    port: number,
    config: object,
  ) => { getApp(): { listen(port: number, host: string, done: () => void): Server } };
};

const FUNCTIONS: Record<string, string> = {
  '/echo': `exports.handler = (context, event, callback) => callback(null, event);`,
  '/text': `exports.handler = (context, event, callback) => callback(null, 'words');`,
  '/voice': `exports.handler = (context, event, callback) => {
    const twiml = new Twilio.twiml.VoiceResponse();
    twiml.say('Ahoy');
    callback(null, twiml);
  };`,
  '/response': `exports.handler = (context, event, callback) => {
    const response = new Twilio.Response();
    response.setStatusCode(202);
    response.appendHeader('X-Thing', 'one');
    response.setBody({ accepted: true });
    callback(null, response);
  };`,
  '/error': `exports.handler = (context, event, callback) => callback(new Error('broken'));`,
};

type Request = { path: string; method?: string; headers?: Record<string, string>; body?: string };

const MATRIX: [string, Request][] = [
  ['query, repeated keys', { path: '/echo?a=1&b=2&b=3' }],
  [
    'form body over query, repeated keys',
    {
      path: '/echo?a=query&q=1',
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=body&c=x&c=y',
    },
  ],
  [
    'JSON object',
    {
      path: '/echo?q=1',
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"n":5,"nested":{"x":true},"list":[1,2]}',
    },
  ],
  ['JSON array', { path: '/echo', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '["x","y"]' }],
  ['cookies and headers', { path: '/echo', headers: { Cookie: 'a=1; b=two%20words', 'X-Custom': 'yes' } }],
];

let server: TestServer;
let site: Deployed;
let devServer: Server;
let runPort: number;
let project: string;

beforeAll(async () => {
  server = await startTestServer();
  site = await deployFunctions(testClient(server), FUNCTIONS);
  project = mkdtempSync(join(tmpdir(), 'differential-'));
  mkdirSync(join(project, 'functions'));
  for (const [path, code] of Object.entries(FUNCTIONS)) writeFileSync(join(project, 'functions', `${path}.js`), code);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'diff', version: '1.0.0', private: true }));
  const dev = new LocalDevelopmentServer(0, {
    baseDir: project,
    env: {},
    port: 0,
    url: 'http://127.0.0.1',
    detailedLogs: false,
    live: true,
    logs: false,
    legacyMode: false,
    appName: 'differential',
    forkProcess: false,
    enableDebugLogs: false,
    routes: {
      functions: Object.keys(FUNCTIONS).map((path) => ({
        name: path.slice(1),
        path,
        access: 'public',
        filePath: join(project, 'functions', `${path}.js`),
      })),
      assets: [],
    },
  });
  devServer = await new Promise<Server>((resolve) => {
    const listening = dev.getApp().listen(0, '127.0.0.1', () => resolve(listening));
  });
  runPort = (devServer.address() as AddressInfo).port;
}, 90_000);

afterAll(async () => {
  devServer?.close();
  rmSync(project, { recursive: true, force: true });
  await server.close();
});

const both = async (request: Request) => {
  const init = { method: request.method, headers: request.headers, body: request.body };
  const [ours, theirs] = await Promise.all([
    callDomain(server.port, site.domain, request.path, init),
    callDomain(runPort, `127.0.0.1:${runPort}`, request.path, init),
  ]);
  return { ours, theirs };
};

const sentHeaders = (event: any, sent: Record<string, string> = {}) => {
  const keep = Object.keys(sent).map((k) => k.toLowerCase());
  const headers = Object.fromEntries(Object.entries(event.request.headers).filter(([k]) => keep.includes(k)));
  return { ...event, request: { ...event.request, headers } };
};

describe('against the runtime-handler dev server', () => {
  it.each(MATRIX)(
    'event: %s',
    async (_name, request) => {
      const { ours, theirs } = await both(request);
      expect(ours.status).toBe(theirs.status);
      expect(sentHeaders(ours.json(), request.headers)).toEqual(sentHeaders(theirs.json(), request.headers));
    },
    30_000,
  );

  it.each(['/text', '/voice', '/response', '/error'])(
    'response shape of %s',
    async (path) => {
      const { ours, theirs } = await both({ path });
      expect(ours.status).toBe(theirs.status);
      if (path === '/error') return;
      expect(ours.text).toBe(theirs.text);
      const type = (h: unknown) => String(h).split(';')[0];
      expect(type(ours.headers['content-type'])).toBe(type(theirs.headers['content-type']));
      if (path === '/response') expect(ours.headers['x-thing']).toBe(theirs.headers['x-thing']);
    },
    30_000,
  );
});
