import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionsConfig } from '../config.ts';
import { testClient } from '../test-client.ts';
import { callDomain, deployFunctions, type Deployed } from '../test-functions.ts';
import { startTestServer, type TestServer } from '../test-server.ts';

// Each row of FUNCTIONS.md's tables, over HTTP, against one deployed build.

const mp3 = readFileSync(new URL('../../../e2e/files/ahoy.mp3', import.meta.url));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const FUNCTIONS: Record<string, string | [string, string]> = {
  '/echo': `exports.handler = (context, event, callback) => {
    const { getTwilioClient, ...values } = context;
    callback(null, { event, context: values, client: typeof getTwilioClient });
  };`,
  '/text': `exports.handler = (context, event, callback) => callback(null, 'plain words');`,
  '/voice': `exports.handler = (context, event, callback) => {
    const twiml = new Twilio.twiml.VoiceResponse();
    twiml.say('Ahoy');
    callback(null, twiml);
  };`,
  '/messaging': `exports.handler = (context, event, callback) => {
    const twiml = new Twilio.twiml.MessagingResponse();
    twiml.message('Hi');
    callback(null, twiml);
  };`,
  '/response': `exports.handler = (context, event, callback) => {
    const response = new Twilio.Response();
    response.setStatusCode(201);
    response.appendHeader('X-Multi', 'one');
    response.appendHeader('X-Multi', 'two');
    response.setCookie('session', 'abc', ['Path=/']);
    response.removeCookie('old');
    response.setBody({ created: true });
    callback(null, response);
  };`,
  '/headers': `exports.handler = (context, event, callback) => {
    const response = new Twilio.Response();
    response.appendHeader('X-Gone', 'yes');
    response.setHeaders({ 'Content-Type': 'text/csv', 'X-Only': '1' });
    response.setBody('a,b');
    callback(null, response);
  };`,
  '/long-cookie': `exports.handler = (context, event, callback) => {
    const response = new Twilio.Response();
    response.setCookie('c', 'v', ['Max-Age=90000']);
    callback(null, response);
  };`,
  '/mp3': `const fs = require('fs');
  exports.handler = (context, event, callback) => {
    const response = new Twilio.Response();
    response.setBody(fs.readFileSync(Runtime.getAssets()['/ahoy.mp3'].path));
    response.appendHeader('Content-Type', 'audio/mpeg');
    callback(null, response);
  };`,
  '/config': `exports.handler = (context, event, callback) =>
    callback(null, { text: Runtime.getAssets()['/config.json'].open(), keys: Object.keys(Runtime.getAssets()) });`,
  '/uses-helper': `exports.handler = (context, event, callback) => {
    const fns = Runtime.getFunctions();
    callback(null, { keys: Object.keys(fns).sort(), greeting: require(fns['lib/helper'].path).greet('you') });
  };`,
  '/lib/helper': [
    `exports.greet = (name) => 'hello ' + name; exports.handler = (c, e, cb) => cb(null, 'x');`,
    'private',
  ],
  '/signed': [`exports.handler = (context, event, callback) => callback(null, { ok: true, event });`, 'protected'],
  '/object': `exports.handler = (context, event, callback) => callback(null, { list: [1, 2], nested: { a: null } });`,
  '/empty': `exports.handler = (context, event, callback) => callback();`,
  '/error': `exports.handler = (context, event, callback) => callback(new Error('it broke'));`,
  '/error-text': `exports.handler = (context, event, callback) => callback('a plain failure');`,
  '/first-wins': `exports.handler = (context, event, callback) => { callback(null, 'first'); callback(null, 'second'); };`,
  '/async': `exports.handler = async (context, event, callback) => {
    await new Promise((r) => setTimeout(r, 20));
    callback(null, 'awaited');
  };`,
  '/async-throws': `exports.handler = async () => { throw new Error('async failure'); };`,
  '/throws': `exports.handler = () => { throw new Error('sync failure'); };`,
  '/no-handler': `exports.somethingElse = () => {};`,
  '/counter': `let n = 0; exports.handler = (context, event, callback) => callback(null, { n: ++n });`,
  '/logs': `exports.handler = (context, event, callback) => {
    console.log('info line', { a: 1 });
    console.warn('warn line');
    console.error('error line');
    callback(null, 'logged');
  };`,
  '/chatty': `exports.handler = (context, event, callback) => {
    for (let i = 0; i < 600; i++) console.log('chatty ' + i);
    callback(null, 'done');
  };`,
  '/client': `exports.handler = async (context, event, callback) => {
    const services = await context.getTwilioClient().serverless.v1.services.list();
    callback(null, { names: services.map((s) => s.uniqueName) });
  };`,
  '/too-big': `exports.handler = (context, event, callback) => {
    const response = new Twilio.Response();
    response.setBody(Buffer.alloc(4 * 1024 * 1024 + 1, 1));
    callback(null, response);
  };`,
};

let server: TestServer;
let client: ReturnType<typeof testClient>;
let site: Deployed;
const call = (path: string, init?: Parameters<typeof callDomain>[3]) =>
  callDomain(server.port, site.domain, path, init);

/** Every log entry of the environment, following the pages. */
async function logs(): Promise<any[]> {
  const all: any[] = [];
  let path: string | null = `/v1/Services/${site.serviceSid}/Environments/${site.envSid}/Logs?PageSize=200`;
  while (path) {
    const res = await client.get(path);
    all.push(...(res.json!.logs as any[]));
    const next = res.json!.meta.next_page_url as string | null;
    path = next ? next.slice(server.origin.length) : null;
  }
  return all;
}

beforeAll(async () => {
  server = await startTestServer({ functions: { ...functionsConfig({}), twilioApi: 'local' } });
  client = testClient(server);
  site = await deployFunctions(client, FUNCTIONS, {
    '/ahoy.mp3': [mp3, 'private'],
    '/config.json': ['{"greeting":"ahoy"}', 'private'],
    '/public.txt': ['public text', 'public'],
  });
}, 60_000);

afterAll(() => server.close());

describe('routing', () => {
  it('answers GET and POST at the function path, and assets as before', async () => {
    expect((await call('/text')).text).toBe('plain words');
    expect((await call('/text', { method: 'POST' })).text).toBe('plain words');
    expect((await call('/public.txt')).text).toBe('public text');
  });

  it('answers OPTIONS with CORS headers', async () => {
    const res = await call('/text', { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-headers']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toBe('GET, POST, OPTIONS');
  });

  it.each(['PUT', 'DELETE', 'PATCH', 'HEAD'])('refuses %s with 405', async (method) => {
    const res = await call('/text', { method });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, POST, OPTIONS');
  });

  it('never serves a private function by URL', async () => {
    const res = await call('/lib/helper');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('hello');
  });
});

describe('protected functions', () => {
  const url = () => `http://${site.domain}/signed`;

  it('refuse requests without a valid signature with 403', async () => {
    const none = await call('/signed');
    expect(none.status).toBe(403);
    expect(none.json().message).toBe('Unauthorized - you are not authenticated to perform this request');
    const wrong = await call('/signed', {
      headers: { 'X-Twilio-Signature': twilio.getExpectedTwilioSignature('f'.repeat(32), url(), {}) },
    });
    expect(wrong.status).toBe(403);
  });

  it('accept a signed GET and a signed form POST (sorted params appended)', async () => {
    const get = await call('/signed?x=1', {
      headers: { 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(server.authToken, `${url()}?x=1`, {}) },
    });
    expect(get.status).toBe(200);
    const params = { To: '+15550001111', Body: 'hi', From: '+15552223333' };
    const post = await call('/signed', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': twilio.getExpectedTwilioSignature(server.authToken, url(), params),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(post.status).toBe(200);
    expect(post.json().event).toMatchObject(params);
    const tampered = await call('/signed', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': twilio.getExpectedTwilioSignature(server.authToken, url(), params),
      },
      body: new URLSearchParams({ ...params, Body: 'changed' }).toString(),
    });
    expect(tampered.status).toBe(403);
  });

  it('accept a JSON body signed with bodySHA256, and refuse a changed body', async () => {
    const body = JSON.stringify({ hello: 'world' });
    const target = `/signed?bodySHA256=${createHash('sha256').update(body).digest('hex')}`;
    const signature = twilio.getExpectedTwilioSignature(server.authToken, `http://${site.domain}${target}`, {});
    expect(twilio.validateRequestWithBody(server.authToken, signature, `http://${site.domain}${target}`, body)).toBe(
      true,
    );
    const headers = { 'Content-Type': 'application/json', 'X-Twilio-Signature': signature };
    const ok = await call(target, { method: 'POST', headers, body });
    expect(ok.status).toBe(200);
    expect(ok.json().event.hello).toBe('world');
    const changed = await call(target, { method: 'POST', headers, body: JSON.stringify({ hello: 'there' }) });
    expect(changed.status).toBe(403);
  });
});

describe('context', () => {
  it('has the variables, names and credentials, and getTwilioClient', async () => {
    await client.post(`/v1/Services/${site.serviceSid}/Environments/${site.envSid}/Variables`, {
      Key: 'GREETING',
      Value: 'ahoy',
    });
    const { context, client: kind } = (await call('/echo')).json();
    expect(context).toEqual({
      GREETING: 'ahoy',
      DOMAIN_NAME: site.domain,
      PATH: '/echo',
      SERVICE_SID: site.serviceSid,
      ENVIRONMENT_SID: site.envSid,
      ACCOUNT_SID: server.accountSid,
      AUTH_TOKEN: server.authToken,
    });
    expect(kind).toBe('function');
  });

  it('reads variables at call time: a change through the API shows on the next call', async () => {
    const created = await client.post(`/v1/Services/${site.serviceSid}/Environments/${site.envSid}/Variables`, {
      Key: 'MOOD',
      Value: 'calm',
    });
    expect((await call('/echo')).json().context.MOOD).toBe('calm');
    await client.post(`/v1/Services/${site.serviceSid}/Environments/${site.envSid}/Variables/${created.json!.sid}`, {
      Value: 'stormy',
    });
    expect((await call('/echo')).json().context.MOOD).toBe('stormy');
  });

  it('gives a client that reaches this server’s API (FUNCTIONS_TWILIO_API=local)', async () => {
    const res = await call('/client');
    expect(res.status).toBe(200);
    expect(res.json().names.length).toBeGreaterThan(0);
  });
});

describe('event', () => {
  it('merges query and form body, the body winning, repeated keys as arrays', async () => {
    const res = await call('/echo?a=query&b=1&b=2', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=body&c=x&c=y',
    });
    const { event } = res.json();
    expect(event.a).toBe('body');
    expect(event.b).toEqual(['1', '2']);
    expect(event.c).toEqual(['x', 'y']);
  });

  it('parses JSON bodies; a top-level array is spread as "0", "1"', async () => {
    const object = await call('/echo?q=1', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ n: 5, nested: { deep: true } }),
    });
    expect(object.json().event).toMatchObject({ q: '1', n: 5, nested: { deep: true } });
    const array = await call('/echo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(['x', 'y']),
    });
    expect(array.json().event).toMatchObject({ 0: 'x', 1: 'y' });
  });

  it('has request headers (lower-case, repeats as arrays, proxy and hop headers removed) and cookies', async () => {
    const res = await call('/echo', {
      headers: {
        'X-Custom': 'one',
        'X-Repeat': ['a', 'b'],
        Referer: 'http://elsewhere',
        'X-Forwarded-For': '10.0.0.1',
        'X-Accel-Buffering': 'no',
        'X-Real-IP': '10.0.0.2',
        Via: '1.1 proxy',
        Cookie: 'first=1; second=two%20words; first=ignored',
      },
    });
    const { request } = res.json().event;
    expect(request.headers['x-custom']).toBe('one');
    expect(request.headers['x-repeat']).toEqual(['a', 'b']);
    for (const gone of ['host', 'connection', 'referer', 'x-forwarded-for', 'x-accel-buffering', 'x-real-ip', 'via']) {
      expect(request.headers).not.toHaveProperty(gone);
    }
    expect(request.cookies).toEqual({ first: '1', second: 'two words' });
  });
});

describe('callback', () => {
  it('callback(err) → 500 with the error message; a string error as text', async () => {
    const res = await call('/error');
    expect(res.status).toBe(500);
    expect(res.text).toBe('it broke');
    expect((await call('/error-text')).text).toBe('a plain failure');
  });

  it("callback(null, 'text') → 200 text/plain", async () => {
    const res = await call('/text');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
  });

  it.each([
    ['/voice', '<Response><Say>Ahoy</Say></Response>'],
    ['/messaging', '<Response><Message>Hi</Message></Response>'],
  ])('callback(null, twiml) at %s → 200 text/xml', async (path, xml) => {
    const res = await call(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect(res.text).toContain(xml);
  });

  it('callback(null, Twilio.Response) → its status, headers (repeats as a list), cookies and JSON body', async () => {
    const res = await call('/response');
    expect(res.status).toBe(201);
    expect(res.headers['x-multi']).toBe('one, two');
    expect(res.headers['set-cookie']).toEqual(['session=abc;Path=/;HttpOnly', 'old=;Max-Age=0']);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ created: true });
  });

  it('setHeaders replaces every header', async () => {
    const res = await call('/headers');
    expect(res.headers['x-gone']).toBeUndefined();
    expect(res.headers['x-only']).toBe('1');
    expect(res.headers['content-type']).toBe('text/csv');
    expect(res.text).toBe('a,b');
  });

  it('a cookie living longer than one day → 400', async () => {
    expect((await call('/long-cookie')).status).toBe(400);
  });

  it('a Buffer body crosses the process boundary byte for byte', async () => {
    const res = await call('/mp3');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('audio/mpeg');
    expect(sha(res.body)).toBe(sha(mp3));
  });

  it('callback(null, object) → 200 JSON; callback() → 200 empty', async () => {
    const object = await call('/object');
    expect(object.headers['content-type']).toMatch(/^application\/json/);
    expect(object.json()).toEqual({ list: [1, 2], nested: { a: null } });
    const empty = await call('/empty');
    expect(empty.status).toBe(200);
    expect(empty.body.length).toBe(0);
  });

  it('only the first call counts', async () => {
    expect((await call('/first-wins')).text).toBe('first');
  });

  it('async handlers: awaited callbacks work, a rejection or throw → 500 logged', async () => {
    expect((await call('/async')).text).toBe('awaited');
    const rejected = await call('/async-throws');
    expect(rejected.status).toBe(500);
    expect(rejected.text).toBe('async failure');
    expect((await call('/throws')).status).toBe(500);
    const messages = (await logs()).filter((l) => l.level === 'error').map((l) => l.message as string);
    expect(messages).toEqual(expect.arrayContaining(['async failure', 'sync failure']));
  });

  it('a module without handler → 500 with a log line', async () => {
    const res = await call('/no-handler');
    expect(res.status).toBe(500);
    expect((await logs()).some((l) => /no handler/.test(l.message as string))).toBe(true);
  });

  it('a response body over 4 MB → 500, logged', async () => {
    expect((await call('/too-big')).status).toBe(500);
    expect((await logs()).some((l) => /response body/.test(l.message as string))).toBe(true);
  });

  it('keeps module state between invocations of a warm process', async () => {
    const first = (await call('/counter')).json().n as number;
    expect((await call('/counter')).json().n).toBe(first + 1);
  });
});

describe('globals', () => {
  it('Runtime.getAssets(): private assets keyed with a leading slash, open() gives the text', async () => {
    const res = await call('/config');
    expect(res.json()).toEqual({ text: '{"greeting":"ahoy"}', keys: ['/ahoy.mp3', '/config.json'] });
  });

  it('Runtime.getFunctions(): every function keyed without the slash, require()-able by path', async () => {
    const res = await call('/uses-helper');
    expect(res.json().greeting).toBe('hello you');
    expect(res.json().keys).toContain('lib/helper');
    expect(res.json().keys).toContain('uses-helper');
  });
});

describe('logs', () => {
  it('console.log/warn/error become Logs entries with the function, build, deployment and request', async () => {
    await call('/logs');
    const entries = (await logs()).filter((l) => /line/.test(l.message as string));
    expect(entries.map((l) => [l.level, l.message]).sort()).toEqual([
      ['error', 'error line'],
      ['info', 'info line { a: 1 }'],
      ['warn', 'warn line'],
    ]);
    const functionSid = entries[0].function_sid as string;
    expect(functionSid).toMatch(/^ZH/);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        build_sid: site.buildSid,
        environment_sid: site.envSid,
        function_sid: functionSid,
      });
      expect(entry.deployment_sid).toMatch(/^ZD/);
      expect(entry.request_sid).toBe(entries[0].request_sid);
    }
  });

  it('keeps at most 500 lines of one invocation, and says the rest were dropped', async () => {
    expect((await call('/chatty')).text).toBe('done');
    // The invocation's own lines, not the line that recorded the function's version.
    const entries = (await logs()).filter(
      (l) => /chatty|dropped/.test(l.message as string) && !/^Function ZH/.test(l.message as string),
    );
    expect(entries).toHaveLength(501);
    expect(entries.some((l) => l.level === 'warn' && /dropped/.test(l.message as string))).toBe(true);
  });
});
