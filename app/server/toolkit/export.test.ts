import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../test-client.ts';
import { dotenvValue } from './export.ts';

const t = useTestServer();

async function download(path: string) {
  const res = await fetch(`${t.server.origin}${path}`, { headers: { Authorization: t.server.authorization } });
  const body = new Uint8Array(await res.arrayBuffer());
  return { res, body };
}

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...new Array<number>(14).fill(7), 0xff, 0xd9]);

describe('toolkit export (extension)', () => {
  let svc: string;
  let env: string;
  beforeAll(async () => {
    svc = (await t.client.service('export-me')).sid as string;
    env = (await t.client.environment(svc, 'production')).sid as string;
    const a = await t.client.asset(svc, '/style.css', 'body{}', 'public');
    const b = await t.client.asset(svc, '/data.json', '{"a":1}', 'protected');
    const c = await t.client.asset(svc, '/nested/config.json', '{"secret":1}', 'private');
    const d = await t.client.asset(svc, '/', '<h1>root</h1>', 'public');
    const e = await t.client.asset(svc, '/img/cat.jpg', jpeg, 'public');
    const fn = await t.client.post(`/v1/Services/${svc}/Functions`, { FriendlyName: 'hello' });
    const fv = await t.client.upload(`/v1/Services/${svc}/Functions/${fn.json!.sid}/Versions`, {
      Path: '/api/hello',
      Visibility: 'protected',
      Content: 'exports.handler = (c, e, cb) => cb(null, "hi");\n',
    });
    const build = await t.client.build(
      svc,
      [a, b, c, d, e].map((x) => x.versionSid),
      [fv.json!.sid as string],
    );
    expect(build.status).toBe('completed');
    await t.client.deploy(svc, env, build.sid as string);
    await t.client.post(`/v1/Services/${svc}/Environments/${env}/Variables`, { Key: 'GREETING', Value: 'ahoy there' });
    await t.client.post(`/v1/Services/${svc}/Environments/${env}/Variables`, { Key: 'PLAIN', Value: 'x1' });
    // After the deploy: the service export has it, the environment export does not.
    await t.client.asset(svc, '/later.txt', 'not deployed', 'public');
  });

  it('exports what an environment serves as a toolkit project, named as twilio-run reads them', async () => {
    const { res, body } = await download(`/v1/Services/${svc}/Environments/${env}/Export`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="export-me-production.zip"');
    const files = unzipSync(body);
    expect(Object.keys(files).sort()).toEqual([
      '.env',
      'EXPORT-NOTES.txt',
      'assets/',
      'assets/assets/index.html',
      'assets/data.protected.json',
      'assets/img/cat.jpg',
      'assets/nested/config.private.json',
      'assets/style.css',
      'functions/',
      'functions/api/hello.protected.js',
      'package.json',
    ]);
    expect(strFromU8(files['assets/data.protected.json']!)).toBe('{"a":1}');
    expect(Buffer.from(files['assets/img/cat.jpg']!).equals(Buffer.from(jpeg))).toBe(true);
    expect(strFromU8(files['functions/api/hello.protected.js']!)).toContain('exports.handler');
    expect(JSON.parse(strFromU8(files['package.json']!))).toMatchObject({ name: 'export-me', dependencies: {} });
    // Keys only unless values are asked for.
    expect(strFromU8(files['.env']!)).toMatch(/^# Variables of the production environment.*\nGREETING=\nPLAIN=\n$/);
    expect(strFromU8(files['EXPORT-NOTES.txt']!)).toContain(
      'The root asset "/" is exported as assets/assets/index.html',
    );
  });

  it('puts variable values in .env only when asked', async () => {
    const { body } = await download(`/v1/Services/${svc}/Environments/${env}/Export?IncludeValues=true`);
    expect(strFromU8(unzipSync(body)['.env']!)).toContain("GREETING='ahoy there'\nPLAIN=x1\n");
  });

  it('exports every latest version of the service, with no .env unless an environment is named', async () => {
    const { res, body } = await download(`/v1/Services/${svc}/Export`);
    expect(res.status).toBe(200);
    const files = unzipSync(body);
    expect(strFromU8(files['assets/later.txt']!)).toBe('not deployed');
    expect(files['.env']).toBeUndefined();
    const withEnv = unzipSync((await download(`/v1/Services/${svc}/Export?EnvironmentSid=${env}`)).body);
    expect(strFromU8(withEnv['.env']!)).toContain('GREETING=\n');
  });

  it('answers in the Twilio error shape for an environment with no build, an unknown one, a bad flag', async () => {
    const empty = (await t.client.environment(svc, 'staging', 'stage')).sid as string;
    const none = await t.client.get(`/v1/Services/${svc}/Environments/${empty}/Export`);
    expect(none.status).toBe(409);
    expect(none.json!.message).toMatch(/serves no build yet/);
    const unknown = await t.client.get(`/v1/Services/${svc}/Export?EnvironmentSid=ZE${'0'.repeat(32)}`);
    expect(unknown.status).toBe(404);
    const bad = await t.client.get(`/v1/Services/${svc}/Export?IncludeValues=maybe`);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: 20001, message: 'IncludeValues must be true or false' });
  });
});

describe('dotenvValue', () => {
  it('quotes only what needs it', () => {
    expect(dotenvValue('abc123')).toBe('abc123');
    expect(dotenvValue('two words')).toBe("'two words'");
    expect(dotenvValue("it's\nhere")).toBe('"it\'s\\nhere"');
  });
});
