import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../test-client.ts';

// What a CDN or any shared cache in front of environment domains is told.
const t = useTestServer();
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('caching headers on environment domains', () => {
  it('lets shared caches keep public assets but revalidate them, with the content hash as ETag, and 304s', async () => {
    const svc = (await t.client.service()).sid;
    const env = await t.client.environment(svc);
    const a = await t.client.asset(svc, '/app.js', 'console.log(1)');
    await t.client.deploy(svc, env.sid, (await t.client.build(svc, [a.versionSid])).sid);
    const res = await t.client.site(env.domain_name, '/app.js');
    expect(res.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(res.headers.etag).toBe(`"${sha('console.log(1)').slice(0, 40)}"`);
    const again = await t.client.site(env.domain_name, '/app.js', {
      headers: { 'If-None-Match': res.headers.etag as string },
    });
    expect(again.status).toBe(304);
    expect(again.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
  });

  it('never lets a shared cache keep a protected asset or a refusal', async () => {
    const svc = (await t.client.service()).sid;
    const env = await t.client.environment(svc);
    const a = await t.client.asset(svc, '/secret.xml', '<x/>', 'protected');
    await t.client.deploy(svc, env.sid, (await t.client.build(svc, [a.versionSid])).sid);
    const url = `http://${env.domain_name}/secret.xml`;
    const signature = createHmac('sha1', t.server.authToken).update(url).digest('base64');
    const signed = await t.client.site(env.domain_name, '/secret.xml', {
      headers: { 'X-Twilio-Signature': signature },
    });
    expect(signed.status).toBe(200);
    expect(signed.headers['cache-control']).toBe('private, no-store');
    const refused = await t.client.site(env.domain_name, '/secret.xml');
    expect(refused.status).toBe(403);
    expect(refused.headers['cache-control']).toBe('no-store');
    const missing = await t.client.site(env.domain_name, '/not-deployed-yet.txt');
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it('moves Last-Modified forward on a rollback to older bytes, so revalidating by date alone gets them', async () => {
    const svc = (await t.client.service()).sid;
    const env = await t.client.environment(svc);
    const first = await t.client.asset(svc, '/page.txt', 'first');
    const firstBuild = (await t.client.build(svc, [first.versionSid])).sid;
    await new Promise((r) => setTimeout(r, 1100));
    const second = await t.client.upload(`/v1/Services/${svc}/Assets/${first.assetSid}/Versions`, {
      Path: '/page.txt',
      Visibility: 'public',
      Content: 'second',
    });
    await t.client.deploy(svc, env.sid, (await t.client.build(svc, [second.json!.sid as string])).sid);
    const current = await t.client.site(env.domain_name, '/page.txt');
    expect(current.body.toString()).toBe('second');
    await new Promise((r) => setTimeout(r, 1100));
    await t.client.deploy(svc, env.sid, firstBuild);
    const res = await t.client.site(env.domain_name, '/page.txt', {
      headers: { 'If-Modified-Since': current.headers['last-modified'] as string },
    });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('first');
  });
});
