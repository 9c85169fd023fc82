import { beforeAll, describe, expect, it } from 'vitest';
import { contentState, useTestServer } from '../test-client.ts';

const t = useTestServer();

const MB = 1024 * 1024;

describe('asset versions', () => {
  let svc: string;
  let asset: string;
  beforeAll(async () => {
    svc = (await t.client.service()).sid;
    asset = (await t.client.post(`/v1/Services/${svc}/Assets`, { FriendlyName: 'thing' })).json!.sid;
  });
  const versionsPath = () => `/v1/Services/${svc}/Assets/${asset}/Versions`;
  const versionCount = async () => (await t.client.get(versionsPath())).json!.asset_versions.length as number;

  it('creates a version from a multipart upload and stores identical bytes once', async () => {
    const before = (await contentState(t.server)).blobs.length;
    const one = await t.client.upload(versionsPath(), { Path: 'same.txt', Visibility: 'public', Content: 'identical' });
    expect(one.status).toBe(201);
    expect(one.json).toMatchObject({ path: '/same.txt', visibility: 'public', asset_sid: asset, size: 9 });
    expect(one.json!.sid).toMatch(/^ZN[0-9a-f]{32}$/);
    const two = await t.client.upload(versionsPath(), {
      Path: '/same.txt',
      Visibility: 'PROTECTED',
      Content: 'identical',
    });
    expect(two.json!.visibility).toBe('protected');
    expect((await contentState(t.server)).blobs.length).toBe(before + 1);
    const latest = (await t.client.get(`/v1/Services/${svc}/Assets/${asset}`)).json!.latest_version;
    expect(latest.sid).toBe(two.json!.sid);
  });

  it('serves the bytes of a version to the editor as a sandboxed attachment', async () => {
    const up = await t.client.upload(versionsPath(), {
      Path: '/page.html',
      Visibility: 'public',
      Content: '<script>alert(1)</script>',
    });
    const res = await fetch(`${t.server.origin}${versionsPath()}/${up.json!.sid}/Content`, {
      headers: { Authorization: t.server.authorization },
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
    const before = { count: await versionCount(), disk: await contentState(t.server) };
    const res = await t.client.upload(versionsPath(), {
      Path: path,
      Visibility: 'public',
      Content: `content for ${path}`,
    });
    expect(res.status).toBe(400);
    expect(res.json!.message).toMatch(message);
    expect(await versionCount()).toBe(before.count);
    expect(await contentState(t.server)).toEqual(before.disk);
  });

  it.each([
    [{ Visibility: 'public', Content: 'x' }, /Path/],
    [{ Path: '/x', Content: 'x' }, /Visibility/],
    [{ Path: '/x', Visibility: 'secret', Content: 'x' }, /Visibility must be one of/],
    [{ Path: '/x', Visibility: 'public' }, /Content/],
    [{ Path: '/x', Visibility: 'public', Content: '' }, /empty/],
  ])('refuses %o with 400', async (fields, message) => {
    const before = { count: await versionCount(), disk: await contentState(t.server) };
    const res = await t.client.upload(versionsPath(), fields);
    expect(res.status).toBe(400);
    expect(res.json!.message).toMatch(message);
    expect(await versionCount()).toBe(before.count);
    expect(await contentState(t.server)).toEqual(before.disk);
  });

  it("makes a version from another version's bytes without sending them again", async () => {
    const first = await t.client.upload(versionsPath(), {
      Path: '/orig.txt',
      Visibility: 'public',
      Content: 'copy me',
    });
    const before = await contentState(t.server);
    const copy = await t.client.post(versionsPath(), {
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
    expect(await contentState(t.server)).toEqual(before);
    const bytes = await fetch(`${t.server.origin}${versionsPath()}/${copy.json!.sid}/Content`, {
      headers: { Authorization: t.server.authorization },
    });
    expect(await bytes.text()).toBe('copy me');
  });

  it("refuses a copy over the new visibility's limit, from another service, or to a bad path", async () => {
    const big = await t.client.upload(versionsPath(), {
      Path: '/big-copy.bin',
      Visibility: 'public',
      Content: new Uint8Array(11 * MB),
    });
    const count = await versionCount();
    const over = await t.client.post(versionsPath(), {
      SourceVersionSid: big.json!.sid,
      Path: '/big-copy.bin',
      Visibility: 'private',
    });
    expect(over.status).toBe(413);
    expect(over.json!.message).toBe('/big-copy.bin is too large: private assets are limited to 10 MB');
    const other = (await t.client.service()).sid;
    const foreign = await t.client.asset(other, '/theirs.txt', 'theirs');
    const stolen = await t.client.post(versionsPath(), {
      SourceVersionSid: foreign.versionSid,
      Path: '/x.txt',
      Visibility: 'public',
    });
    expect(stolen.status).toBe(400);
    const badPath = await t.client.post(versionsPath(), {
      SourceVersionSid: big.json!.sid,
      Path: '/../x',
      Visibility: 'public',
    });
    expect(badPath.status).toBe(400);
    expect(await versionCount()).toBe(count);
  });

  it('refuses a body that is neither multipart nor a copy with 400', async () => {
    const form = await t.client.post(versionsPath(), { Path: '/x', Visibility: 'public', Content: 'x' });
    expect(form.status).toBe(400);
    expect(form.json!.message).toMatch(/SourceVersionSid/);
    const json = await t.client.call('POST', versionsPath(), '{"Path":"/x"}', { 'Content-Type': 'application/json' });
    expect(json.status).toBe(400);
  });

  it('stops an over-limit private upload with 413 naming the limit, keeping nothing', async () => {
    const before = { count: await versionCount(), disk: await contentState(t.server) };
    const res = await t.client.upload(versionsPath(), {
      Path: '/big.bin',
      Visibility: 'private',
      Content: new Uint8Array(11 * MB),
    });
    expect(res.status).toBe(413);
    expect(res.json!.message).toBe('/big.bin is too large: private assets are limited to 10 MB');
    expect(await versionCount()).toBe(before.count);
    expect(await contentState(t.server)).toEqual(before.disk);
    // The same size is fine for a public asset (limit 25 MB).
    const ok = await t.client.upload(versionsPath(), {
      Path: '/big.bin',
      Visibility: 'public',
      Content: new Uint8Array(11 * MB),
    });
    expect(ok.status).toBe(201);
  });

  it('stops an upload over the public limit', async () => {
    const res = await t.client.upload(versionsPath(), {
      Path: '/huge.bin',
      Visibility: 'public',
      Content: new Uint8Array(25 * MB + 1),
    });
    expect(res.status).toBe(413);
    expect(res.json!.message).toContain('25 MB');
  });

  it('keeps nothing of an upload the client abandons half-way', async () => {
    const before = { count: await versionCount(), disk: await contentState(t.server) };
    const { request } = await import('node:http');
    const boundary = 'xyzzy';
    await new Promise<void>((resolve) => {
      const req = request(`${t.server.origin}${versionsPath()}`, {
        method: 'POST',
        headers: {
          Authorization: t.server.authorization,
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
    for (let i = 0; i < 50 && (await contentState(t.server)).tmp.length > 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(await versionCount()).toBe(before.count);
    expect(await contentState(t.server)).toEqual(before.disk);
  });

  it('404s versions of unknown assets and unknown versions', async () => {
    expect(
      (
        await t.client.upload(`/v1/Services/${svc}/Assets/ZH${'0'.repeat(32)}/Versions`, {
          Path: '/x',
          Visibility: 'public',
          Content: 'x',
        })
      ).status,
    ).toBe(404);
    expect((await t.client.get(`${versionsPath()}/ZN${'0'.repeat(32)}`)).status).toBe(404);
  });

  it("does not expose another service's asset under this service", async () => {
    const other = (await t.client.service()).sid;
    expect((await t.client.get(`/v1/Services/${other}/Assets/${asset}`)).status).toBe(404);
  });
});

describe('functions', () => {
  it('stores function versions and returns their content as JSON', async () => {
    const svc = (await t.client.service()).sid;
    const fn = (await t.client.post(`/v1/Services/${svc}/Functions`, { FriendlyName: '/hello' })).json!;
    expect(fn.sid).toMatch(/^ZH/);
    const code = 'exports.handler = (context, event, callback) => callback(null, "hi");';
    const version = await t.client.upload(`/v1/Services/${svc}/Functions/${fn.sid}/Versions`, {
      Path: 'hello',
      Visibility: 'public',
      Content: code,
      filename: 'hello',
    });
    expect(version.status).toBe(201);
    expect(version.json).toMatchObject({ path: '/hello', function_sid: fn.sid });
    const content = await t.client.get(`/v1/Services/${svc}/Functions/${fn.sid}/Versions/${version.json!.sid}/Content`);
    expect(content.json).toMatchObject({ sid: version.json!.sid, function_sid: fn.sid, content: code });
  });
});
