import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentState, useTestServer } from '../test-client.ts';
import type { TestServer } from '../test-server.ts';

const t = useTestServer();

const MB = 1024 * 1024;

describe('authentication', () => {
  it('answers 401 with Twilio code 20003 without credentials', async () => {
    const res = await fetch(`${t.server.origin}/v1/Services`);
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
    const res = await fetch(`${t.server.origin}/v1/Services`, {
      headers: { Authorization: `Basic ${Buffer.from(credentials(t.server)).toString('base64')}` },
    });
    expect(res.status).toBe(401);
  });
});

describe('services', () => {
  it('creates a service with a domain_base, fetchable by sid or unique name', async () => {
    const res = await t.client.post('/v1/Services', { UniqueName: 'my-app', FriendlyName: 'My App', Extra: 'ignored' });
    expect(res.status).toBe(201);
    const service = res.json!;
    expect(service.sid).toMatch(/^ZS[0-9a-f]{32}$/);
    expect(service.account_sid).toBe(t.server.accountSid);
    expect(service.domain_base).toMatch(/^my-app-\d{4}$/);
    expect(service.include_credentials).toBe(true);
    expect(service.ui_editable).toBe(false);
    expect(service.url).toBe(`${t.server.origin}/v1/Services/${service.sid}`);
    expect(service.links.assets).toBe(`${t.server.origin}/v1/Services/${service.sid}/Assets`);
    expect((await t.client.get('/v1/Services/my-app')).json!.sid).toBe(service.sid);
    expect((await t.client.get(`/v1/Services/${service.sid}`)).json!.unique_name).toBe('my-app');
  });

  it('refuses a duplicate unique name with 409 and keeps one service', async () => {
    await t.client.service('dup-name');
    const res = await t.client.post('/v1/Services', { UniqueName: 'dup-name', FriendlyName: 'again' });
    expect(res.status).toBe(409);
    const list = await t.client.get('/v1/Services?PageSize=1000');
    expect(list.json!.services.filter((s: { unique_name: string }) => s.unique_name === 'dup-name')).toHaveLength(1);
  });

  it.each([
    [{ FriendlyName: 'x' }, /UniqueName/],
    [{ UniqueName: 'has space', FriendlyName: 'x' }, /letters, digits and dashes/],
    [{ UniqueName: 'a'.repeat(50), FriendlyName: 'x' }, /shorter than 50/],
    [{ UniqueName: 'fine-name' }, /FriendlyName/],
    [{ UniqueName: 'bool-name', FriendlyName: 'x', UiEditable: 'yes' }, /UiEditable must be true or false/],
  ])('refuses %o with 400 and a message', async (fields, message) => {
    const before = (await t.client.get('/v1/Services?PageSize=1000')).json!.services.length;
    const res = await t.client.post('/v1/Services', fields);
    expect(res.status).toBe(400);
    expect(res.json!.message).toMatch(message);
    expect(res.json!.code).toBe(20001);
    expect((await t.client.get('/v1/Services?PageSize=1000')).json!.services.length).toBe(before);
  });

  it('updates the friendly name and booleans sent as strings', async () => {
    const svc = await t.client.service();
    const res = await t.client.post(`/v1/Services/${svc.sid}`, {
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
    for (let i = 0; i < 3; i++) await t.client.service();
    const first = await t.client.get('/v1/Services?PageSize=2');
    expect(first.json!.services).toHaveLength(2);
    const meta = first.json!.meta;
    expect(meta).toMatchObject({ key: 'services', page: 0, page_size: 2, previous_page_url: null });
    expect(meta.first_page_url).toBe(`${t.server.origin}/v1/Services?PageSize=2&Page=0`);
    expect(meta.next_page_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/Services\?PageSize=2&Page=1&PageToken=PT2$/);
    const second = await t.client.get(meta.next_page_url.slice(t.server.origin.length));
    expect(second.json!.services[0].sid).not.toBe(first.json!.services[0].sid);
    expect(second.json!.meta.previous_page_url).toContain('Page=0');
    expect((await t.client.get('/v1/Services?PageSize=0')).status).toBe(400);
    expect((await t.client.get('/v1/Services?PageSize=1001')).status).toBe(400);
  });

  it('answers 404 with code 20404 for unknown sids', async () => {
    const res = await t.client.get(`/v1/Services/ZS${'0'.repeat(32)}`);
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ code: 20404, status: 404 });
    expect(res.json!.message).toBe(`The requested resource /Services/ZS${'0'.repeat(32)} was not found`);
    expect((await t.client.get(`/v1/Services/ZS${'0'.repeat(32)}/Assets`)).status).toBe(404);
    expect((await t.client.get('/v1/Nope')).json!.code).toBe(20404);
  });
});

describe('environments', () => {
  it('creates environments with domain names and a null suffix when none', async () => {
    const svc = await t.client.service('env-test');
    const prod = await t.client.post(`/v1/Services/${svc.sid}/Environments`, {
      UniqueName: 'production',
      FriendlyName: 'ignored',
    });
    expect(prod.status).toBe(201);
    expect(prod.json).toMatchObject({
      domain_suffix: null,
      build_sid: null,
      domain_name: `${svc.domain_base}.localhost:${t.server.port}`,
    });
    expect(prod.json!.sid).toMatch(/^ZE[0-9a-f]{32}$/);
    const stage = await t.client.environment(svc.sid, 'stage-environment', 'stage');
    expect(stage.domain_name).toBe(`${svc.domain_base}-stage.localhost:${t.server.port}`);
    expect(stage.domain_suffix).toBe('stage');
  });

  it('refuses a duplicate name or suffix with 409', async () => {
    const svc = await t.client.service();
    await t.client.environment(svc.sid, 'dev', 'dev');
    expect((await t.client.post(`/v1/Services/${svc.sid}/Environments`, { UniqueName: 'dev' })).status).toBe(409);
    expect(
      (await t.client.post(`/v1/Services/${svc.sid}/Environments`, { UniqueName: 'other', DomainSuffix: 'dev' }))
        .status,
    ).toBe(409);
    expect(
      (await t.client.post(`/v1/Services/${svc.sid}/Environments`, { UniqueName: 'x', DomainSuffix: 'Bad_Suffix' }))
        .status,
    ).toBe(400);
    expect((await t.client.get(`/v1/Services/${svc.sid}/Environments`)).json!.environments).toHaveLength(1);
  });
});

describe('malformed bodies', () => {
  it('answers 400 for an unparseable JSON body and does not crash', async () => {
    const res = await fetch(`${t.server.origin}/v1/Services`, {
      method: 'POST',
      headers: { Authorization: t.server.authorization, 'Content-Type': 'application/json' },
      body: '{"UniqueName":',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe(20001);
  });

  it('answers 413 for an oversized form body', async () => {
    const res = await t.client.post('/v1/Services', { UniqueName: 'big', FriendlyName: 'x'.repeat(2 * MB) });
    expect(res.status).toBe(413);
  });

  it('keeps the temp area empty after all of the above', async () => {
    expect(existsSync(join(t.server.dataDir, 'tmp'))).toBe(true);
    expect((await contentState(t.server)).tmp).toEqual([]);
  });
});
