import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedRequestSchema, TEXT_PREVIEW_BYTES } from '../../shared/signed-request.ts';
import { testClient } from '../test-client.ts';
import { deployFunctions, type Deployed } from '../test-functions.ts';
import { startTestServer, type TestServer } from '../test-server.ts';

// Request as Twilio over real HTTP: a real server deploys real assets and functions, the endpoint
// sends real requests to the environment domain, and what it reports is checked against them.

const grumpy = readFileSync(join(import.meta.dirname, '../../../e2e/files/grumpy.jpg'));
const bigText = 'x'.repeat(TEXT_PREVIEW_BYTES * 3);

const ECHO = `exports.handler = (context, event, callback) => {
  console.log('echo got ' + event.Body);
  console.warn('second line');
  callback(null, { body: event.Body, tags: event.Tag, method: event.request.headers['x-twilio-signature'] ? 'signed' : 'no' });
};`;

let server: TestServer;
let client: ReturnType<typeof testClient>;
let site: Deployed;

beforeAll(async () => {
  server = await startTestServer();
  client = testClient(server);
  site = await deployFunctions(
    client,
    { '/echo': [ECHO, 'protected'], '/open': 'exports.handler = (c, e, cb) => cb(null, "open " + (e.q || ""));' },
    {
      '/grumpy.jpg': [grumpy, 'protected'],
      '/big.txt': [bigText, 'protected'],
      '/public.txt': ['hello', 'public'],
    },
  );
}, 60_000);
afterAll(() => server?.close());

const url = (path: string) => `http://${site.domain}${path}`;
const send = (fields: Record<string, string>, serviceSid = site.serviceSid) =>
  client.post(`/v1/Services/${serviceSid}/SignedRequests`, fields);

describe('POST /v1/Services/{ServiceSid}/SignedRequests', () => {
  it('answers a protected asset 403 unsigned and 200 signed, with the bytes previewed', async () => {
    const res = await send({ Url: url('/grumpy.jpg') });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const body = signedRequestSchema.parse(res.json);
    expect(body.unsigned.status).toBe(403);
    expect(body.signed.status).toBe(200);
    expect(body.signed.content_type).toBe('image/jpeg');
    expect(body.signed.size).toBe(grumpy.length);
    expect(body.signed.preview).toMatchObject({ encoding: 'base64', truncated: false });
    expect(Buffer.from(body.signed.preview!.body, 'base64').equals(grumpy)).toBe(true);
    expect(body.signed.headers).toContainEqual(['Content-Length', String(grumpy.length)]);
    // The signature it reports is the one the environment accepts for that URL.
    const direct = await client.site(site.domain, '/grumpy.jpg', { headers: { 'X-Twilio-Signature': body.signature } });
    expect(direct.status).toBe(200);
    expect(body.curl).toContain(`-o grumpy.jpg`);
    expect(body.curl).toContain(`'X-Twilio-Signature: ${body.signature}'`);
    expect(body.logs).toEqual([]);
  });

  it('counts a large body but keeps only the preview', async () => {
    const body = signedRequestSchema.parse((await send({ Url: url('/big.txt') })).json);
    expect(body.signed.size).toBe(bigText.length);
    expect(body.signed.preview).toMatchObject({ encoding: 'utf8', truncated: true });
    expect(body.signed.preview!.body.length).toBe(TEXT_PREVIEW_BYTES);
  });

  it('POSTs signed form parameters to a function and returns its answer and its log lines', async () => {
    const params = [
      ['Body', 'ahoy & welcome'],
      ['Tag', 'b'],
      ['Tag', 'a'],
    ];
    const res = await send({ Url: url('/echo'), Method: 'POST', Parameters: JSON.stringify(params) });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const body = signedRequestSchema.parse(res.json);
    expect(body.unsigned.status).toBe(403);
    expect(body.signed.status).toBe(200);
    expect(JSON.parse(body.signed.preview!.body)).toEqual({
      body: 'ahoy & welcome',
      tags: ['b', 'a'],
      method: 'signed',
    });
    expect(body.request_sid).toMatch(/^RQ[0-9a-f]{32}$/);
    expect(body.logs.map((l) => [l.level, l.message])).toEqual([
      ['info', 'echo got ahoy & welcome'],
      ['warn', 'second line'],
    ]);
    expect(body.logs.every((l) => l.request_sid === body.request_sid)).toBe(true);
    expect(body.curl).toContain(`--data-raw 'Body=ahoy+%26+welcome&Tag=b&Tag=a'`);
  });

  it('adds GET parameters to the query string it signs', async () => {
    const body = signedRequestSchema.parse(
      (await send({ Url: url('/open'), Method: 'GET', Parameters: JSON.stringify([['q', 'two words']]) })).json,
    );
    expect(body.url).toBe(url('/open?q=two+words'));
    expect(body.signed.preview?.body).toBe('open two words');
    expect(body.unsigned.status).toBe(200);
  });

  it('refuses bad input with a Twilio error and sends nothing', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{}, /Missing required parameter Url/],
      [{ Url: 'not a url' }, /absolute URL/],
      [{ Url: url('/echo'), Method: 'PUT' }, /GET or POST/],
      [{ Url: url('/echo'), Parameters: '{"a":"b"}' }, /JSON array/],
      [{ Url: url('/echo'), Parameters: '[["a"]]' }, /pair of strings/],
      [{ Url: url('/echo'), Parameters: 'nope' }, /JSON array/],
      [{ Url: url('/echo#x') }, /fragment/],
      [{ Url: `https://${site.domain}/echo` }, /must use http/],
      [{ Url: `http://user:pw@${site.domain}/echo` }, /user name/],
    ];
    for (const [fields, message] of cases) {
      const res = await send(fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.json).toMatchObject({ code: 20001, status: 400, message: expect.stringMatching(message) });
    }
    expect((await send({ Url: url('/echo') }, 'ZS00000000000000000000000000000000')).status).toBe(404);
  });

  it("refuses hosts that are not the service's own environments", async () => {
    const other = await deployFunctions(client, { '/x': 'exports.handler = (c, e, cb) => cb(null, "x");' });
    const foreign = [
      'http://example.com/',
      `http://127.0.0.1:${server.port}/v1/Services`,
      `http://localhost:${server.port}/`,
      `http://${other.domain}/x`,
      `http://${site.domain.replace(/:\d+$/, '')}:1/echo`,
      `http://evil.${site.domain}/echo`,
      'file:///etc/passwd',
    ];
    for (const Url of foreign) {
      const res = await send({ Url });
      expect(res.status, Url).toBe(400);
      expect(res.json!.message).toMatch(/must (be on a domain of one of this service's environments|use http)/);
    }
  });

  it('needs credentials: no auth is a 401, a session without the CSRF token a 403', async () => {
    const path = `/v1/Services/${site.serviceSid}/SignedRequests`;
    const form = new URLSearchParams({ Url: url('/grumpy.jpg') });
    const anonymous = await fetch(`${server.origin}${path}`, { method: 'POST', body: form });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 20003, status: 401 });

    const signIn = await fetch(`${server.origin}/auth/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.origin },
      body: JSON.stringify({ accountSid: server.accountSid, authToken: server.authToken }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = ((await signIn.json()) as { csrf_token: string }).csrf_token;
    const noCsrf = await fetch(`${server.origin}${path}`, { method: 'POST', body: form, headers: { Cookie: cookie } });
    expect(noCsrf.status).toBe(403);
    const withCsrf = await fetch(`${server.origin}${path}`, {
      method: 'POST',
      body: form,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, Origin: server.origin },
    });
    expect(withCsrf.status).toBe(200);
    // The Auth Token never appears in what the browser receives.
    expect(await withCsrf.text()).not.toContain(server.authToken);
  });
});
