import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient } from './test-client.ts';
import { startTestServer, type TestServer } from './test-server.ts';

let server: TestServer;
let client: ReturnType<typeof testClient>;

beforeAll(async () => {
  server = await startTestServer();
  client = testClient(server);
});
afterAll(() => server.close());

const MB = 1024 * 1024;

/** Every blob file on disk, and the temp area that must be empty between uploads. */
function diskState() {
  const blobs = join(server.dataDir, 'blobs');
  const files = readdirSync(blobs).flatMap((dir) => readdirSync(join(blobs, dir)));
  return { blobs: files.sort(), tmp: readdirSync(join(server.dataDir, 'tmp')) };
}

describe('authentication', () => {
  it('answers 401 with Twilio code 20003 without credentials', async () => {
    const res = await fetch(`${server.origin}/v1/Services`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      code: 20003,
      message: 'Authenticate',
      more_info: 'https://www.twilio.com/docs/errors/20003',
      status: 401,
    });
  });

  it.each([
    ['a wrong token', (s: TestServer) => `${s.accountSid}:${'0'.repeat(32)}`],
    ['another account', (s: TestServer) => `AC${'1'.repeat(32)}:${s.authToken}`],
    ['no password', (s: TestServer) => s.accountSid],
  ])('refuses %s', async (_name, credentials) => {
    const res = await fetch(`${server.origin}/v1/Services`, {
      headers: { Authorization: `Basic ${Buffer.from(credentials(server)).toString('base64')}` },
    });
    expect(res.status).toBe(401);
  });
});

describe('services', () => {
  it('creates a service with a domain_base, fetchable by sid or unique name', async () => {
    const res = await client.post('/v1/Services', { UniqueName: 'my-app', FriendlyName: 'My App', Extra: 'ignored' });
    expect(res.status).toBe(201);
    const service = res.json!;
    expect(service.sid).toMatch(/^ZS[0-9a-f]{32}$/);
    expect(service.account_sid).toBe(server.accountSid);
    expect(service.domain_base).toMatch(/^my-app-\d{4}$/);
    expect(service.include_credentials).toBe(true);
    expect(service.ui_editable).toBe(false);
    expect(service.url).toBe(`${server.origin}/v1/Services/${service.sid}`);
    expect(service.links.assets).toBe(`${server.origin}/v1/Services/${service.sid}/Assets`);
    expect((await client.get('/v1/Services/my-app')).json!.sid).toBe(service.sid);
    expect((await client.get(`/v1/Services/${service.sid}`)).json!.unique_name).toBe('my-app');
  });

  it('refuses a duplicate unique name with 409 and keeps one service', async () => {
    await client.service('dup-name');
    const res = await client.post('/v1/Services', { UniqueName: 'dup-name', FriendlyName: 'again' });
    expect(res.status).toBe(409);
    const list = await client.get('/v1/Services?PageSize=1000');
    expect(list.json!.services.filter((s: { unique_name: string }) => s.unique_name === 'dup-name')).toHaveLength(1);
  });

  it.each([
    [{ FriendlyName: 'x' }, /UniqueName/],
    [{ UniqueName: 'has space', FriendlyName: 'x' }, /letters, digits and dashes/],
    [{ UniqueName: 'a'.repeat(50), FriendlyName: 'x' }, /shorter than 50/],
    [{ UniqueName: 'fine-name' }, /FriendlyName/],
    [{ UniqueName: 'bool-name', FriendlyName: 'x', UiEditable: 'yes' }, /UiEditable must be true or false/],
  ])('refuses %o with 400 and a message', async (fields, message) => {
    const before = (await client.get('/v1/Services?PageSize=1000')).json!.services.length;
    const res = await client.post('/v1/Services', fields);
    expect(res.status).toBe(400);
    expect(res.json!.message).toMatch(message);
    expect(res.json!.code).toBe(20001);
    expect((await client.get('/v1/Services?PageSize=1000')).json!.services.length).toBe(before);
  });

  it('updates the friendly name and booleans sent as strings', async () => {
    const svc = await client.service();
    const res = await client.post(`/v1/Services/${svc.sid}`, {
      FriendlyName: 'Renamed',
      UiEditable: 'true',
      IncludeCredentials: 'false',
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      friendly_name: 'Renamed',
      ui_editable: true,
      include_credentials: false,
      unique_name: svc.unique_name,
    });
  });

  it('lists in pages with absolute page URLs', async () => {
    for (let i = 0; i < 3; i++) await client.service();
    const first = await client.get('/v1/Services?PageSize=2');
    expect(first.json!.services).toHaveLength(2);
    const meta = first.json!.meta;
    expect(meta).toMatchObject({ key: 'services', page: 0, page_size: 2, previous_page_url: null });
    expect(meta.first_page_url).toBe(`${server.origin}/v1/Services?PageSize=2&Page=0`);
    expect(meta.next_page_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/Services\?PageSize=2&Page=1&PageToken=PT2$/);
    const second = await client.get(meta.next_page_url.slice(server.origin.length));
    expect(second.json!.services[0].sid).not.toBe(first.json!.services[0].sid);
    expect(second.json!.meta.previous_page_url).toContain('Page=0');
    expect((await client.get('/v1/Services?PageSize=0')).status).toBe(400);
    expect((await client.get('/v1/Services?PageSize=1001')).status).toBe(400);
  });

  it('answers 404 with code 20404 for unknown sids', async () => {
    const res = await client.get(`/v1/Services/ZS${'0'.repeat(32)}`);
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ code: 20404, status: 404 });
    expect(res.json!.message).toBe(`The requested resource /Services/ZS${'0'.repeat(32)} was not found`);
    expect((await client.get(`/v1/Services/ZS${'0'.repeat(32)}/Assets`)).status).toBe(404);
    expect((await client.get('/v1/Nope')).json!.code).toBe(20404);
  });
});

describe('environments', () => {
  it('creates environments with domain names and a null suffix when none', async () => {
    const svc = await client.service('env-test');
    const prod = await client.post(`/v1/Services/${svc.sid}/Environments`, {
      UniqueName: 'production',
      FriendlyName: 'ignored',
    });
    expect(prod.status).toBe(201);
    expect(prod.json).toMatchObject({
      domain_suffix: null,
      build_sid: null,
      domain_name: `${svc.domain_base}.localhost:${server.port}`,
    });
    expect(prod.json!.sid).toMatch(/^ZE[0-9a-f]{32}$/);
    const stage = await client.environment(svc.sid, 'stage-environment', 'stage');
    expect(stage.domain_name).toBe(`${svc.domain_base}-stage.localhost:${server.port}`);
    expect(stage.domain_suffix).toBe('stage');
  });

  it('refuses a duplicate name or suffix with 409', async () => {
    const svc = await client.service();
    await client.environment(svc.sid, 'dev', 'dev');
    expect((await client.post(`/v1/Services/${svc.sid}/Environments`, { UniqueName: 'dev' })).status).toBe(409);
    expect(
      (await client.post(`/v1/Services/${svc.sid}/Environments`, { UniqueName: 'other', DomainSuffix: 'dev' })).status,
    ).toBe(409);
    expect(
      (await client.post(`/v1/Services/${svc.sid}/Environments`, { UniqueName: 'x', DomainSuffix: 'Bad_Suffix' }))
        .status,
    ).toBe(400);
    expect((await client.get(`/v1/Services/${svc.sid}/Environments`)).json!.environments).toHaveLength(1);
  });
});

describe('asset versions', () => {
  let svc: string;
  let asset: string;
  beforeAll(async () => {
    svc = (await client.service()).sid;
    asset = (await client.post(`/v1/Services/${svc}/Assets`, { FriendlyName: 'thing' })).json!.sid;
  });
  const versionsPath = () => `/v1/Services/${svc}/Assets/${asset}/Versions`;
  const versionCount = async () => (await client.get(versionsPath())).json!.asset_versions.length as number;

  it('creates a version from a multipart upload and stores identical bytes once', async () => {
    const before = diskState().blobs.length;
    const one = await client.upload(versionsPath(), { Path: 'same.txt', Visibility: 'public', Content: 'identical' });
    expect(one.status).toBe(201);
    expect(one.json).toMatchObject({ path: '/same.txt', visibility: 'public', asset_sid: asset, size: 9 });
    expect(one.json!.sid).toMatch(/^ZN[0-9a-f]{32}$/);
    const two = await client.upload(versionsPath(), {
      Path: '/same.txt',
      Visibility: 'PROTECTED',
      Content: 'identical',
    });
    expect(two.json!.visibility).toBe('protected');
    expect(diskState().blobs.length).toBe(before + 1);
    const latest = (await client.get(`/v1/Services/${svc}/Assets/${asset}`)).json!.latest_version;
    expect(latest.sid).toBe(two.json!.sid);
  });

  it('serves the bytes of a version to the editor as a sandboxed attachment', async () => {
    const up = await client.upload(versionsPath(), {
      Path: '/page.html',
      Visibility: 'public',
      Content: '<script>alert(1)</script>',
    });
    const res = await fetch(`${server.origin}${versionsPath()}/${up.json!.sid}/Content`, {
      headers: { Authorization: server.authorization },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<script>alert(1)</script>');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
  });

  it.each([
    ['/a/../b.txt', /"\." or "\.\." segments/],
    ['/has#hash', /"#"/],
    ['/what?', /"\?"/],
    ['/back\\slash', /backslash/],
    ['/ctrl\u0001char', /control characters/],
    [`/${'x'.repeat(256)}`, /shorter than 256/],
  ])('refuses the path %j with 400 and stores nothing', async (path, message) => {
    const before = { count: await versionCount(), disk: diskState() };
    const res = await client.upload(versionsPath(), {
      Path: path,
      Visibility: 'public',
      Content: `content for ${path}`,
    });
    expect(res.status).toBe(400);
    expect(res.json!.message).toMatch(message);
    expect(await versionCount()).toBe(before.count);
    expect(diskState()).toEqual(before.disk);
  });

  it.each([
    [{ Visibility: 'public', Content: 'x' }, /Path/],
    [{ Path: '/x', Content: 'x' }, /Visibility/],
    [{ Path: '/x', Visibility: 'secret', Content: 'x' }, /Visibility must be one of/],
    [{ Path: '/x', Visibility: 'public' }, /Content/],
    [{ Path: '/x', Visibility: 'public', Content: '' }, /empty/],
  ])('refuses %o with 400', async (fields, message) => {
    const before = { count: await versionCount(), disk: diskState() };
    const res = await client.upload(versionsPath(), fields);
    expect(res.status).toBe(400);
    expect(res.json!.message).toMatch(message);
    expect(await versionCount()).toBe(before.count);
    expect(diskState()).toEqual(before.disk);
  });

  it("makes a version from another version's bytes without sending them again", async () => {
    const first = await client.upload(versionsPath(), { Path: '/orig.txt', Visibility: 'public', Content: 'copy me' });
    const before = diskState();
    const copy = await client.post(versionsPath(), {
      SourceVersionSid: first.json!.sid,
      Path: '/renamed.md',
      Visibility: 'protected',
    });
    expect(copy.status).toBe(201);
    expect(copy.json).toMatchObject({
      path: '/renamed.md',
      visibility: 'protected',
      size: 7,
      sha256: first.json!.sha256,
      content_type: 'text/markdown; charset=utf-8',
    });
    expect(diskState()).toEqual(before);
    const bytes = await fetch(`${server.origin}${versionsPath()}/${copy.json!.sid}/Content`, {
      headers: { Authorization: server.authorization },
    });
    expect(await bytes.text()).toBe('copy me');
  });

  it("refuses a copy over the new visibility's limit, from another service, or to a bad path", async () => {
    const big = await client.upload(versionsPath(), {
      Path: '/big-copy.bin',
      Visibility: 'public',
      Content: new Uint8Array(11 * MB),
    });
    const count = await versionCount();
    const over = await client.post(versionsPath(), {
      SourceVersionSid: big.json!.sid,
      Path: '/big-copy.bin',
      Visibility: 'private',
    });
    expect(over.status).toBe(413);
    expect(over.json!.message).toBe('/big-copy.bin is too large: private assets are limited to 10 MB');
    const other = (await client.service()).sid;
    const foreign = await client.asset(other, '/theirs.txt', 'theirs');
    const stolen = await client.post(versionsPath(), {
      SourceVersionSid: foreign.versionSid,
      Path: '/x.txt',
      Visibility: 'public',
    });
    expect(stolen.status).toBe(400);
    const badPath = await client.post(versionsPath(), {
      SourceVersionSid: big.json!.sid,
      Path: '/../x',
      Visibility: 'public',
    });
    expect(badPath.status).toBe(400);
    expect(await versionCount()).toBe(count);
  });

  it('refuses a body that is neither multipart nor a copy with 400', async () => {
    const form = await client.post(versionsPath(), { Path: '/x', Visibility: 'public', Content: 'x' });
    expect(form.status).toBe(400);
    expect(form.json!.message).toMatch(/SourceVersionSid/);
    const json = await client.call('POST', versionsPath(), '{"Path":"/x"}', { 'Content-Type': 'application/json' });
    expect(json.status).toBe(400);
  });

  it('stops an over-limit private upload with 413 naming the limit, keeping nothing', async () => {
    const before = { count: await versionCount(), disk: diskState() };
    const res = await client.upload(versionsPath(), {
      Path: '/big.bin',
      Visibility: 'private',
      Content: new Uint8Array(11 * MB),
    });
    expect(res.status).toBe(413);
    expect(res.json!.message).toBe('/big.bin is too large: private assets are limited to 10 MB');
    expect(await versionCount()).toBe(before.count);
    expect(diskState()).toEqual(before.disk);
    // The same size is fine for a public asset (limit 25 MB).
    const ok = await client.upload(versionsPath(), {
      Path: '/big.bin',
      Visibility: 'public',
      Content: new Uint8Array(11 * MB),
    });
    expect(ok.status).toBe(201);
  });

  it('stops an upload over the public limit', async () => {
    const res = await client.upload(versionsPath(), {
      Path: '/huge.bin',
      Visibility: 'public',
      Content: new Uint8Array(25 * MB + 1),
    });
    expect(res.status).toBe(413);
    expect(res.json!.message).toContain('25 MB');
  });

  it('keeps nothing of an upload the client abandons half-way', async () => {
    const before = { count: await versionCount(), disk: diskState() };
    const { request } = await import('node:http');
    const boundary = 'xyzzy';
    await new Promise<void>((resolve) => {
      const req = request(`${server.origin}${versionsPath()}`, {
        method: 'POST',
        headers: {
          Authorization: server.authorization,
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': String(5 * MB),
        },
      });
      req.on('error', () => resolve());
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="Path"\r\n\r\n/partial.bin\r\n`);
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="Visibility"\r\n\r\npublic\r\n`);
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="Content"; filename="p"\r\n\r\n`);
      req.write(Buffer.alloc(MB, 7), () =>
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 100),
      );
    });
    for (let i = 0; i < 50 && diskState().tmp.length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await versionCount()).toBe(before.count);
    expect(diskState()).toEqual(before.disk);
  });

  it('404s versions of unknown assets and unknown versions', async () => {
    expect(
      (
        await client.upload(`/v1/Services/${svc}/Assets/ZH${'0'.repeat(32)}/Versions`, {
          Path: '/x',
          Visibility: 'public',
          Content: 'x',
        })
      ).status,
    ).toBe(404);
    expect((await client.get(`${versionsPath()}/ZN${'0'.repeat(32)}`)).status).toBe(404);
  });

  it("does not expose another service's asset under this service", async () => {
    const other = (await client.service()).sid;
    expect((await client.get(`/v1/Services/${other}/Assets/${asset}`)).status).toBe(404);
  });
});

describe('functions', () => {
  it('stores function versions and returns their content as JSON', async () => {
    const svc = (await client.service()).sid;
    const fn = (await client.post(`/v1/Services/${svc}/Functions`, { FriendlyName: '/hello' })).json!;
    expect(fn.sid).toMatch(/^ZH/);
    const code = 'exports.handler = (context, event, callback) => callback(null, "hi");';
    const version = await client.upload(`/v1/Services/${svc}/Functions/${fn.sid}/Versions`, {
      Path: 'hello',
      Visibility: 'public',
      Content: code,
      filename: 'hello',
    });
    expect(version.status).toBe(201);
    expect(version.json).toMatchObject({ path: '/hello', function_sid: fn.sid });
    const content = await client.get(`/v1/Services/${svc}/Functions/${fn.sid}/Versions/${version.json!.sid}/Content`);
    expect(content.json).toMatchObject({ sid: version.json!.sid, function_sid: fn.sid, content: code });
  });
});

describe('builds', () => {
  it('refuses a build without versions (400, 20001)', async () => {
    const svc = (await client.service()).sid;
    const res = await client.post(`/v1/Services/${svc}/Builds`, { Runtime: 'node22' });
    expect(res.status).toBe(400);
    expect(res.json!.message).toBe('At least one Function Version or Asset Version is required for Build.');
  });

  it("accepts Dependencies as JSON and as serverless-api's quoted JSON", async () => {
    const svc = (await client.service()).sid;
    const v = await client.asset(svc, '/x.txt', 'x');
    const deps = JSON.stringify([{ name: 'lodash', version: '^4.17.21' }]);
    for (const encoded of [deps, `"${deps}"`]) {
      const res = await client.post(`/v1/Services/${svc}/Builds`, {
        AssetVersions: v.versionSid,
        Dependencies: encoded,
      });
      expect(res.status).toBe(201);
      expect(res.json!.dependencies).toEqual([{ name: 'lodash', version: '^4.17.21' }]);
      expect(res.json!.runtime).toBe('node22');
      expect(res.json!.status).toBe('building');
    }
    expect(
      (await client.post(`/v1/Services/${svc}/Builds`, { AssetVersions: v.versionSid, Dependencies: '{nope' })).status,
    ).toBe(400);
    expect(
      (await client.post(`/v1/Services/${svc}/Builds`, { AssetVersions: v.versionSid, Runtime: 'node4' })).status,
    ).toBe(400);
  });

  it('fails a build with more than 50 private assets, saying why', async () => {
    const svc = (await client.service()).sid;
    const sids = [];
    for (let i = 0; i < 51; i++)
      sids.push((await client.asset(svc, `/p${i}.txt`, `private ${i}`, 'private')).versionSid);
    const build = await client.build(svc, sids);
    expect(build.status).toBe('failed');
    expect(build.failure_reason).toBe(
      'The build has 51 private assets; at most 50 private assets are allowed in one build',
    );
    const env = await client.environment(svc);
    const deploy = await client.deploy(svc, env.sid, build.sid);
    expect(deploy.status).toBe(400);
    expect((await client.get(`/v1/Services/${svc}/Environments/${env.sid}`)).json!.build_sid).toBeNull();
  });

  it('fails a build with two assets at one path', async () => {
    const svc = (await client.service()).sid;
    const a = await client.asset(svc, '/same.css', 'a');
    const b = await client.asset(svc, '/same.css', 'b');
    const build = await client.build(svc, [a.versionSid, b.versionSid]);
    expect(build.status).toBe('failed');
    expect(build.failure_reason).toContain('Duplicate path /same.css');
  });

  it('fails a build naming a version of another service', async () => {
    const mine = (await client.service()).sid;
    const theirs = (await client.service()).sid;
    const foreign = await client.asset(theirs, '/theirs.txt', 'theirs');
    const own = await client.asset(mine, '/mine.txt', 'mine');
    const build = await client.build(mine, [own.versionSid, foreign.versionSid]);
    expect(build.status).toBe('failed');
    expect(build.failure_reason).toContain(foreign.versionSid);
    expect((await client.post(`/v1/Services/${mine}/Builds`, { AssetVersions: 'not-a-sid' })).status).toBe(400);
  });

  it('refuses to deploy a build of another service, or to redeploy the live build', async () => {
    const svc = (await client.service()).sid;
    const env = await client.environment(svc);
    const build = await client.build(svc, [(await client.asset(svc, '/a.txt', 'a')).versionSid]);
    expect((await client.deploy(svc, env.sid, build.sid)).status).toBe(201);
    expect((await client.deploy(svc, env.sid, build.sid)).status).toBe(409);
    const other = (await client.service()).sid;
    const otherEnv = await client.environment(other);
    expect((await client.deploy(other, otherEnv.sid, build.sid)).status).toBe(404);
  });
});

describe('malformed bodies', () => {
  it('answers 400 for an unparseable JSON body and does not crash', async () => {
    const res = await fetch(`${server.origin}/v1/Services`, {
      method: 'POST',
      headers: { Authorization: server.authorization, 'Content-Type': 'application/json' },
      body: '{"UniqueName":',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe(20001);
  });

  it('answers 413 for an oversized form body', async () => {
    const res = await client.post('/v1/Services', { UniqueName: 'big', FriendlyName: 'x'.repeat(2 * MB) });
    expect(res.status).toBe(413);
  });

  it('keeps the temp area empty after all of the above', () => {
    expect(existsSync(join(server.dataDir, 'tmp'))).toBe(true);
    expect(diskState().tmp).toEqual([]);
  });
});

describe('deleting', () => {
  it('removes an undeployed asset and its bytes', async () => {
    const svc = (await client.service()).sid;
    const before = diskState().blobs;
    const a = await client.asset(svc, '/gone.txt', `unique bytes ${Math.random()}`);
    expect(diskState().blobs.length).toBe(before.length + 1);
    expect((await client.delete(`/v1/Services/${svc}/Assets/${a.assetSid}`)).status).toBe(204);
    expect((await client.get(`/v1/Services/${svc}/Assets/${a.assetSid}`)).status).toBe(404);
    expect(diskState().blobs).toEqual(before);
  });

  it('keeps serving a deleted asset that is deployed, until the next deploy', async () => {
    const svc = (await client.service()).sid;
    const env = await client.environment(svc);
    const a = await client.asset(svc, '/kept.txt', 'still here');
    await client.deploy(svc, env.sid, (await client.build(svc, [a.versionSid])).sid);
    expect((await client.delete(`/v1/Services/${svc}/Assets/${a.assetSid}`)).status).toBe(204);
    expect((await client.get(`/v1/Services/${svc}/Assets`)).json!.assets).toEqual([]);
    expect((await client.site(env.domain_name, '/kept.txt')).body.toString()).toBe('still here');
  });

  it('refuses to delete the live build', async () => {
    const svc = (await client.service()).sid;
    const env = await client.environment(svc);
    const build = await client.build(svc, [(await client.asset(svc, '/b.txt', 'b')).versionSid]);
    await client.deploy(svc, env.sid, build.sid);
    const res = await client.delete(`/v1/Services/${svc}/Builds/${build.sid}`);
    expect(res.status).toBe(409);
    expect(res.json!.message).toContain('production');
    expect((await client.site(env.domain_name, '/b.txt')).status).toBe(200);
  });

  it('deletes a service with everything under it: its domains stop serving and its bytes go', async () => {
    const before = diskState().blobs;
    const svc = (await client.service()).sid;
    const env = await client.environment(svc);
    const a = await client.asset(svc, '/x.txt', `service bytes ${Math.random()}`);
    await client.deploy(svc, env.sid, (await client.build(svc, [a.versionSid])).sid);
    expect((await client.delete(`/v1/Services/${svc}`)).status).toBe(204);
    expect((await client.get(`/v1/Services/${svc}`)).status).toBe(404);
    expect((await client.site(env.domain_name, '/x.txt')).status).toBe(404);
    expect((await client.site(env.domain_name, '/')).status).toBe(404);
    expect(diskState().blobs).toEqual(before);
  });
});
