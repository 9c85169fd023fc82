import { describe, expect, it } from 'vitest';
import { errorProblems } from '../compat/spec.ts';
import { dependenciesKey, ensureDependencies, serverModules, serverTwilioVersion } from '../functions/install.ts';
import { useTestServer } from '../test-client.ts';

// The extension endpoint that keeps a service's dependency list and runtime between deploys.

const t = useTestServer();

const path = (sid: string) => `/v1/Services/${sid}/Dependencies`;

describe('service dependencies', () => {
  it('starts with twilio at the server’s version and the default runtime', async () => {
    const service = await t.client.service();
    const res = await t.client.get(path(service.sid));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      account_sid: t.server.accountSid,
      service_sid: service.sid,
      dependencies: [{ name: 'twilio', version: serverTwilioVersion }],
      runtime: 'node22',
      date_updated: null,
      url: `${t.server.origin}${path(service.sid)}`,
    });
  });

  it('saves a list (plain JSON or quoted, as builds take it) and a runtime, each kept when absent', async () => {
    const service = await t.client.service();
    const list = [
      { name: 'twilio', version: serverTwilioVersion },
      { name: 'ms', version: '^2.1.3' },
      { name: '@scope/pkg', version: '>=1.0.0 <2 || 3.x' },
    ];
    const saved = await t.client.post(path(service.sid), { Dependencies: JSON.stringify(list) });
    expect(saved.status).toBe(200);
    expect(saved.json!.dependencies).toEqual(list);
    expect(saved.json!.date_updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const runtime = await t.client.post(path(service.sid), { Runtime: 'node20' });
    expect(runtime.json).toMatchObject({ dependencies: list, runtime: 'node20' });

    const quoted = await t.client.post(path(service.sid), {
      Dependencies: `"${JSON.stringify(list.slice(1))}"`,
    });
    expect(quoted.json).toMatchObject({ dependencies: list.slice(1), runtime: 'node20' });
    expect((await t.client.get(path(service.sid))).json).toMatchObject({
      dependencies: list.slice(1),
      runtime: 'node20',
    });
  });

  it.each([
    ['not JSON', '[{name'],
    ['not a list', '{"name":"ms"}'],
    ['a bad name', '[{"name":"Bad Name","version":"1.0.0"}]'],
    ['a git spec', '[{"name":"ms","version":"github:vercel/ms"}]'],
    ['a bad range', '[{"name":"ms","version":"^^2"}]'],
    ['a duplicate', '[{"name":"ms","version":"1"},{"name":"ms","version":"2"}]'],
  ])('refuses %s with a Twilio error and keeps the list', async (_name, raw) => {
    const service = await t.client.service();
    await t.client.post(path(service.sid), { Dependencies: '[{"name":"ms","version":"2.1.3"}]' });
    const before = (await t.client.get(path(service.sid))).json;
    const res = await t.client.post(path(service.sid), { Dependencies: raw });
    expect(res.status).toBe(400);
    expect(errorProblems(400, res.json)).toEqual([]);
    expect(res.json!.message).toMatch(/Dependenc/);
    expect((await t.client.get(path(service.sid))).json).toEqual(before);
  });

  it('refuses an unknown runtime, and answers 404 for an unknown service', async () => {
    const service = await t.client.service();
    const res = await t.client.post(path(service.sid), { Runtime: 'node4' });
    expect(res.status).toBe(400);
    expect(res.json!.message).toMatch(/Runtime must be one of/);
    expect((await t.client.get(path(service.sid))).json!.date_updated).toBeNull();
    const missing = await t.client.get(path(`ZS${'0'.repeat(32)}`));
    expect(missing.status).toBe(404);
    expect(errorProblems(404, missing.json)).toEqual([]);
  });

  it('goes with its service', async () => {
    const service = await t.client.service();
    await t.client.post(path(service.sid), { Dependencies: '[{"name":"ms","version":"2.1.3"}]' });
    expect((await t.client.delete(`/v1/Services/${service.sid}`)).status).toBe(204);
    expect((await t.client.get(path(service.sid))).status).toBe(404);
  });
});

describe('variable keys and values', () => {
  it.each([
    ['a key with a space', { Key: 'MY KEY', Value: 'v' }, /Key must start with a letter/],
    ['a key starting with a digit', { Key: '1KEY', Value: 'v' }, /Key must start with a letter/],
    ['a key over 128 characters', { Key: 'K'.repeat(129), Value: 'v' }, /at most 128/],
    ['a value over 450 bytes', { Key: 'OK', Value: 'é'.repeat(226) }, /at most 450 bytes/],
  ])('refuses %s and creates nothing', async (_name, body, message) => {
    const service = await t.client.service();
    const env = await t.client.environment(service.sid);
    const vars = `/v1/Services/${service.sid}/Environments/${env.sid}/Variables`;
    const res = await t.client.post(vars, body);
    expect(res.status).toBe(400);
    expect(errorProblems(400, res.json)).toEqual([]);
    expect(res.json!.message).toMatch(message);
    expect((await t.client.get(vars)).json!.variables).toEqual([]);
  });

  it('accepts a 450-byte value and an identifier key', async () => {
    const service = await t.client.service();
    const env = await t.client.environment(service.sid);
    const vars = `/v1/Services/${service.sid}/Environments/${env.sid}/Variables`;
    const res = await t.client.post(vars, { Key: '_API_KEY_2', Value: 'é'.repeat(225) });
    expect(res.status).toBe(201);
  });
});

describe('the default twilio entry', () => {
  it('needs no install: the server’s own copy is used', async () => {
    const list = [{ name: 'twilio', version: serverTwilioVersion }];
    expect(dependenciesKey(list)).toBe(dependenciesKey([]));
    expect(await ensureDependencies(t.server.dataDir, list)).toEqual([serverModules]);
  });
});
