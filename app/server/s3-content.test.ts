import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient } from './test-client.ts';
import { startTestS3, type TestS3 } from './test-s3.ts';
import { startTestServer, type TestServer } from './test-server.ts';

// A server whose content is in a real S3-compatible server (s3rver), reached with the AWS SDK.
const MB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let s3: TestS3;
let server: TestServer;
let client: ReturnType<typeof testClient>;

beforeAll(async () => {
  s3 = await startTestS3({ prefix: 'studio/' });
  // 16 MB of memory cache: bodies over 2 MB are streamed (from S3, then from the disk cache).
  server = await startTestServer({ content: s3.config, cacheBytes: 16 * MB });
  client = testClient(server);
});

afterAll(async () => {
  await server.close();
  await s3.close();
});

const blobKeys = async () => (await s3.keys()).filter((key) => key.startsWith('studio/blobs/'));
const until = async (done: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await done()); i++) await new Promise((r) => setTimeout(r, 25));
};

async function deployed(files: [string, Buffer, string?][]) {
  const svc = (await client.service()).sid as string;
  const env = await client.environment(svc);
  const versions = [];
  for (const [path, bytes, visibility] of files)
    versions.push((await client.asset(svc, path, bytes, visibility)).versionSid);
  const build = await client.build(svc, versions);
  expect(build.status).toBe('completed');
  expect((await client.deploy(svc, env.sid, build.sid)).status).toBe(201);
  return { svc, domain: env.domain_name as string, versions };
}

describe('content in S3', () => {
  it('stores uploads under their sha256 in the bucket, identical bytes once', async () => {
    const bytes = randomBytes(100 * 1024);
    const svc = (await client.service()).sid;
    await client.asset(svc, '/a.bin', bytes);
    await client.asset(svc, '/b.bin', bytes);
    const keys = await s3.keys();
    expect(keys.filter((key) => key === `studio/blobs/${sha(bytes)}`)).toHaveLength(1);
    expect(keys.filter((key) => key.startsWith('studio/tmp/'))).toEqual([]);
  });

  it('serves small and large public assets whole, by range, HEAD and 304, and keeps large ones on local disk', async () => {
    const small = randomBytes(100 * 1024);
    const large = randomBytes(5 * MB);
    const { domain } = await deployed([
      ['/small.bin', small],
      ['/large.bin', large],
    ]);
    const first = await client.site(domain, '/large.bin');
    expect(first.status).toBe(200);
    expect(sha(first.body)).toBe(sha(large));
    const cached = join(server.dataDir, 'content-cache', sha(large).slice(0, 2), sha(large));
    await until(() => existsSync(cached));
    expect(existsSync(cached)).toBe(true);
    for (let i = 0; i < 2; i++) {
      const res = await client.site(domain, '/large.bin');
      expect(sha(res.body)).toBe(sha(large));
      const part = await client.site(domain, '/large.bin', { headers: { Range: 'bytes=1000-1999' } });
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 1000-1999/${large.length}`);
      expect(part.body).toEqual(large.subarray(1000, 2000));
    }
    const res = await client.site(domain, '/small.bin');
    expect(res.body).toEqual(small);
    expect((await client.site(domain, '/small.bin')).body).toEqual(small);
    const head = await client.site(domain, '/small.bin', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const etag = res.headers.etag as string;
    expect((await client.site(domain, '/small.bin', { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });

  it('serves a range of a large asset not cached yet, straight from S3', async () => {
    const large = randomBytes(3 * MB);
    const { domain } = await deployed([['/seek.bin', large]]);
    const part = await client.site(domain, '/seek.bin', { headers: { Range: 'bytes=-100' } });
    expect(part.status).toBe(206);
    expect(part.body).toEqual(large.subarray(large.length - 100));
  });

  it('streams a version content download from S3', async () => {
    const bytes = randomBytes(300 * 1024);
    const svc = (await client.service()).sid;
    const a = await client.asset(svc, '/down.bin', bytes);
    const res = await fetch(
      `${server.origin}/v1/Services/${svc}/Assets/${a.assetSid}/Versions/${a.versionSid}/Content`,
      {
        headers: { Authorization: server.authorization },
      },
    );
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  it('leaves no object behind when an upload is refused for size mid-stream', async () => {
    const before = await s3.keys();
    const svc = (await client.service()).sid;
    const asset = (await client.post(`/v1/Services/${svc}/Assets`, { FriendlyName: 'big' })).json!.sid;
    const res = await client.upload(`/v1/Services/${svc}/Assets/${asset}/Versions`, {
      Path: '/big.bin',
      Visibility: 'private',
      Content: randomBytes(11 * MB),
    });
    expect(res.status).toBe(413);
    expect(await s3.keys()).toEqual(before);
    // Its multipart upload (11 MB: past the first part) was aborted, parts and all.
    expect(await s3.uploads()).toEqual([]);
  });

  it('leaves no object behind when the client goes away mid-upload', async () => {
    const before = await s3.keys();
    const svc = (await client.service()).sid;
    const asset = (await client.post(`/v1/Services/${svc}/Assets`, { FriendlyName: 'gone' })).json!.sid;
    const boundary = 'x-boundary';
    const req = request({
      host: '127.0.0.1',
      port: server.port,
      method: 'POST',
      path: `/v1/Services/${svc}/Assets/${asset}/Versions`,
      headers: { Authorization: server.authorization, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    });
    req.on('error', () => undefined);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="Path"\r\n\r\n/gone.bin\r\n`);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="Visibility"\r\n\r\npublic\r\n`);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="Content"; filename="g.bin"\r\n\r\n`);
    // Past the first 5 MB part: a multipart upload is under way in S3.
    req.write(randomBytes(7 * MB));
    // Let the first part reach S3 (a multipart upload's parts are not listed as objects).
    await new Promise((r) => setTimeout(r, 1500));
    req.destroy();
    let after: string[] = [];
    let uploads: string[] = [];
    await until(async () => {
      [after, uploads] = await Promise.all([s3.keys(), s3.uploads()]);
      return after.length === before.length && uploads.length === 0;
    });
    expect(after).toEqual(before);
    expect(uploads).toEqual([]);
    expect((await client.get(`/v1/Services/${svc}/Assets/${asset}/Versions`)).json!.asset_versions).toEqual([]);
  });

  it('deletes the object of a deleted asset (no grace period configured here)', async () => {
    const bytes = randomBytes(1000);
    const svc = (await client.service()).sid;
    const a = await client.asset(svc, '/deleted.bin', bytes);
    expect(await blobKeys()).toContain(`studio/blobs/${sha(bytes)}`);
    expect((await client.delete(`/v1/Services/${svc}/Assets/${a.assetSid}`)).status).toBe(204);
    expect(await blobKeys()).not.toContain(`studio/blobs/${sha(bytes)}`);
  });
});
