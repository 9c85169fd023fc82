import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient } from './test-client.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const fixture = (name: string) => readFileSync(new URL(`../../e2e/files/${name}`, import.meta.url));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let server: TestServer;
let client: ReturnType<typeof testClient>;
let serviceSid: string;
let env: { sid: string; domain_name: string };
const versions: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  client = testClient(server);
  serviceSid = (await client.service('serving')).sid;
  env = (await client.environment(serviceSid)) as typeof env;
  const uploads: [string, Buffer | string, string][] = [
    ['/styles.css', fixture('styles.css'), 'public'],
    ['/grumpy.jpg', fixture('grumpy.jpg'), 'public'],
    ['/ahoy.mp3', fixture('ahoy.mp3'), 'public'],
    ['/logo.svg', fixture('logo.svg'), 'public'],
    ['/greeting.xml', fixture('greeting.xml'), 'protected'],
    ['/config.json', fixture('config.json'), 'private'],
    ['/assets/index.html', fixture('index.html'), 'public'],
    ['/docs/read me.txt', 'spaces in a path', 'public'],
    ['/noext', '<!doctype html><title>x</title>', 'public'],
  ];
  for (const [path, content, visibility] of uploads) {
    versions[path] = (await client.asset(serviceSid, path, content, visibility)).versionSid;
  }
  const build = await client.build(serviceSid, Object.values(versions));
  expect(build.status).toBe('completed');
  expect((await client.deploy(serviceSid, env.sid, build.sid)).status).toBe(201);
});

afterAll(() => server.close());

describe('an environment domain', () => {
  it('serves a public asset with its bytes unchanged and the type from its extension', async () => {
    const res = await client.site(env.domain_name, '/grumpy.jpg');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // EXIF and GPS included: bytes are never rewritten.
    expect(sha(res.body)).toBe(sha(fixture('grumpy.jpg')));
    expect(Number(res.headers['content-length'])).toBe(fixture('grumpy.jpg').length);
  });

  it.each([
    ['/styles.css', 'text/css; charset=utf-8'],
    ['/ahoy.mp3', 'audio/mpeg'],
    ['/logo.svg', 'image/svg+xml'],
    ['/noext', 'text/html; charset=utf-8'],
  ])('gives %s the type %s', async (path, type) => {
    const res = await client.site(env.domain_name, path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
  });

  it('decodes percent-encoded paths', async () => {
    const res = await client.site(env.domain_name, '/docs/read%20me.txt');
    expect(res.body.toString()).toBe('spaces in a path');
  });

  it('refuses a protected asset without a signature, or with a wrong one', async () => {
    expect((await client.site(env.domain_name, '/greeting.xml')).status).toBe(403);
    const wrong = await client.site(env.domain_name, '/greeting.xml', {
      headers: { 'X-Twilio-Signature': 'bm9wZQ==' },
    });
    expect(wrong.status).toBe(403);
    const otherToken = twilio.getExpectedTwilioSignature('f'.repeat(32), `http://${env.domain_name}/greeting.xml`, {});
    const forged = await client.site(env.domain_name, '/greeting.xml', {
      headers: { 'X-Twilio-Signature': otherToken },
    });
    expect(forged.status).toBe(403);
  });

  it('serves a protected asset signed the way the twilio library signs', async () => {
    const url = `http://${env.domain_name}/greeting.xml?From=%2B15550001111`;
    const signature = twilio.getExpectedTwilioSignature(server.authToken, url, {});
    const res = await client.site(env.domain_name, '/greeting.xml?From=%2B15550001111', {
      headers: { 'X-Twilio-Signature': signature },
    });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toContain('Ahoy from a protected asset');
    expect(res.headers['cache-control']).toContain('private');
  });

  it('never serves a private asset by URL', async () => {
    const res = await client.site(env.domain_name, '/config.json');
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('{');
  });

  it('answers 404 for paths not in the build, and for traversal attempts', async () => {
    expect((await client.site(env.domain_name, '/missing.css')).status).toBe(404);
    expect((await client.site(env.domain_name, '/../config.json')).status).toBe(404);
    expect((await client.site(env.domain_name, '/%E0%A4%A')).status).toBe(404);
  });

  it('serves /assets/index.html at the root URL (and at its own path)', async () => {
    const root = await client.site(env.domain_name, '/');
    expect(root.status).toBe(200);
    expect(root.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(root.body.equals(fixture('index.html'))).toBe(true);
    expect((await client.site(env.domain_name, '/assets/index.html')).body.equals(fixture('index.html'))).toBe(true);
  });

  it('answers conditional requests with 304 by ETag and by date', async () => {
    const first = await client.site(env.domain_name, '/styles.css');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    const byTag = await client.site(env.domain_name, '/styles.css', { headers: { 'If-None-Match': etag } });
    expect(byTag.status).toBe(304);
    expect(byTag.body.length).toBe(0);
    const byDate = await client.site(env.domain_name, '/styles.css', {
      headers: { 'If-Modified-Since': first.headers['last-modified'] as string },
    });
    expect(byDate.status).toBe(304);
    const stale = await client.site(env.domain_name, '/styles.css', { headers: { 'If-None-Match': '"other"' } });
    expect(stale.status).toBe(200);
  });

  it('answers HEAD with headers only', async () => {
    const res = await client.site(env.domain_name, '/ahoy.mp3', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(fixture('ahoy.mp3').length);
    expect(res.body.length).toBe(0);
  });

  it('serves single byte ranges for seeking, and 416 past the end', async () => {
    const mp3 = fixture('ahoy.mp3');
    const part = await client.site(env.domain_name, '/ahoy.mp3', { headers: { Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${mp3.length}`);
    expect(part.body.equals(mp3.subarray(100, 200))).toBe(true);
    const tail = await client.site(env.domain_name, '/ahoy.mp3', { headers: { Range: 'bytes=-10' } });
    expect(tail.body.equals(mp3.subarray(mp3.length - 10))).toBe(true);
    const open = await client.site(env.domain_name, '/ahoy.mp3', { headers: { Range: `bytes=${mp3.length - 5}-` } });
    expect(open.body.equals(mp3.subarray(mp3.length - 5))).toBe(true);
    const beyond = await client.site(env.domain_name, '/ahoy.mp3', { headers: { Range: `bytes=${mp3.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${mp3.length}`);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await client.site(env.domain_name, '/styles.css', { method: 'POST' })).status).toBe(405);
  });

  it('does not serve the editor or the API on an environment domain', async () => {
    expect((await client.site(env.domain_name, '/v1/Services')).status).toBe(404);
  });

  it('serves the site for a fully qualified name (trailing dot) and refuses a malformed Host', async () => {
    const [name, port] = env.domain_name.split(':') as [string, string];
    const dotted = await client.site(`${name}.:${port}`, '/styles.css');
    expect(dotted.status).toBe(200);
    expect(dotted.body).toEqual(fixture('styles.css'));
    expect((await client.site(`${name.toUpperCase()}:${port}`, '/styles.css')).status).toBe(200);
    for (const host of [`${name}:${port}x`, `${name}:99999`, `${name}:`, `${name} evil:${port}`]) {
      const res = await client.site(host, '/styles.css');
      expect(res.status, host).toBe(400);
      expect(res.body.toString(), host).not.toContain('<div id="root">');
    }
    // A dotted name under the environments' base that no environment has is never the editor.
    expect((await client.site(`nobody-0000.${server.config.domainBase.replace(':', '.:')}`, '/')).status).toBe(404);
  });

  it('checks a signature against the Host as the client wrote it', async () => {
    const [name, port] = env.domain_name.split(':') as [string, string];
    const host = `${name}.:${port}`;
    const signature = twilio.getExpectedTwilioSignature(server.authToken, `http://${host}/greeting.xml`, {});
    const res = await client.site(host, '/greeting.xml', { headers: { 'X-Twilio-Signature': signature } });
    expect(res.status).toBe(200);
  });

  it('ignores X-Forwarded-Host unless TRUST_PROXY is set', async () => {
    const res = await client.site(`127.0.0.1:${server.port}`, '/grumpy.jpg', {
      headers: { 'X-Forwarded-Host': env.domain_name },
    });
    expect(res.body).not.toEqual(fixture('grumpy.jpg'));
  });

  it('answers 404 on an environment with nothing deployed', async () => {
    const staging = await client.environment(serviceSid, 'staging', 'stage');
    expect(staging.domain_name).toMatch(/-stage\.localhost:\d+$/);
    expect((await client.site(staging.domain_name, '/styles.css')).status).toBe(404);
  });
});

describe('deploying', () => {
  it('changes nothing on the domain until the next deploy, then switches to it whole', async () => {
    const svc = (await client.service()).sid;
    const prod = await client.environment(svc);
    const a = await client.asset(svc, '/a.txt', 'one');
    const b = await client.asset(svc, '/b.txt', 'bee');
    const first = await client.build(svc, [a.versionSid, b.versionSid]);
    await client.deploy(svc, prod.sid, first.sid);
    expect((await client.site(prod.domain_name, '/a.txt')).body.toString()).toBe('one');

    const changed = await client.upload(`/v1/Services/${svc}/Assets/${a.assetSid}/Versions`, {
      Path: '/a.txt',
      Visibility: 'public',
      Content: 'two',
    });
    expect((await client.site(prod.domain_name, '/a.txt')).body.toString()).toBe('one');

    const second = await client.build(svc, [changed.json!.sid]);
    const deployment = await client.deploy(svc, prod.sid, second.sid);
    expect(deployment.status).toBe(201);
    expect((await client.get(`/v1/Services/${svc}/Environments/${prod.sid}`)).json!.build_sid).toBe(second.sid);
    expect((await client.site(prod.domain_name, '/a.txt')).body.toString()).toBe('two');
    // b.txt is not in the second build: gone with the old build.
    expect((await client.site(prod.domain_name, '/b.txt')).status).toBe(404);
  });

  it('prefers an asset at "/" over /assets/index.html for the root URL', async () => {
    const svc = (await client.service()).sid;
    const prod = await client.environment(svc);
    const legacy = await client.asset(svc, '/assets/index.html', '<p>legacy</p>');
    const root = await client.asset(svc, '/', 'root wins');
    await client.deploy(svc, prod.sid, (await client.build(svc, [legacy.versionSid, root.versionSid])).sid);
    expect((await client.site(prod.domain_name, '/')).body.toString()).toBe('root wins');
  });

  it('does not serve a private /assets/index.html at the root', async () => {
    const svc = (await client.service()).sid;
    const prod = await client.environment(svc);
    const hidden = await client.asset(svc, '/assets/index.html', '<p>secret</p>', 'private');
    await client.deploy(svc, prod.sid, (await client.build(svc, [hidden.versionSid])).sid);
    expect((await client.site(prod.domain_name, '/')).status).toBe(404);
  });

  it('leaves the environment on one consistent build when two deploys race', async () => {
    const svc = (await client.service()).sid;
    const prod = await client.environment(svc);
    const builds = [];
    for (const text of ['first', 'second', 'third']) {
      const v = await client.asset(svc, `/${text}.txt`, text);
      builds.push(await client.build(svc, [v.versionSid]));
    }
    const results = await Promise.all(builds.map((b) => client.deploy(svc, prod.sid, b.sid)));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const live = (await client.get(`/v1/Services/${svc}/Environments/${prod.sid}`)).json!.build_sid as string;
    const index = builds.findIndex((b) => b.sid === live);
    expect(index).toBeGreaterThanOrEqual(0);
    const names = ['first', 'second', 'third'];
    for (const [i, name] of names.entries()) {
      const res = await client.site(prod.domain_name, `/${name}.txt`);
      expect(res.status).toBe(i === index ? 200 : 404);
    }
  });

  it('keeps serving after a restart, from the same data directory', async () => {
    const dataDir = server.dataDir;
    const second = await startTestServer({
      dataDir,
      accountSid: server.accountSid,
      authToken: server.authToken,
      domainBase: server.config.domainBase,
    });
    try {
      const res = await testClient(second).site(env.domain_name.replace(/:\d+$/, `:${server.port}`), '/styles.css');
      expect(res.status).toBe(200);
      expect(res.body.equals(fixture('styles.css'))).toBe(true);
    } finally {
      await second.close();
    }
  });
});

describe('behind a trusted proxy (TRUST_PROXY)', () => {
  it('routes by X-Forwarded-Host and checks signatures against the URL the client used', async () => {
    const proxied = await startTestServer({ trustProxy: true, dataDir: server.dataDir });
    try {
      const proxiedClient = testClient(proxied);
      const publicHost = env.domain_name;
      const through = (path: string, headers: Record<string, string> = {}) =>
        proxiedClient.site('10.0.0.5:8080', path, {
          headers: { 'X-Forwarded-Host': publicHost, 'X-Forwarded-Proto': 'https', ...headers },
        });
      expect((await through('/styles.css')).status).toBe(200);
      const signature = twilio.getExpectedTwilioSignature(proxied.authToken, `https://${publicHost}/greeting.xml`, {});
      expect((await through('/greeting.xml', { 'X-Twilio-Signature': signature })).status).toBe(200);
      const wrongUrl = twilio.getExpectedTwilioSignature(proxied.authToken, `https://10.0.0.5:8080/greeting.xml`, {});
      expect((await through('/greeting.xml', { 'X-Twilio-Signature': wrongUrl })).status).toBe(403);
    } finally {
      await proxied.close();
    }
  });
});
