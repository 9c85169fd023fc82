import { request } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorProblems } from '../compat/spec.ts';
import { contentState, useTestServer } from '../test-client.ts';

// Bad input of every kind gets a Twilio-shaped 4xx (never a 500, never Fastify's own shape) and
// changes nothing: no row, no blob, nothing left in the temp area.

const t = useTestServer();

type Reply = { status: number; headers: Headers; json: Record<string, any> | null };

function expectTwilioError(res: Reply, status: number, message?: RegExp) {
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  expect(errorProblems(status, res.json)).toEqual([]);
  if (message) expect(res.json!.message).toMatch(message);
}

const postJson = (path: string, body: unknown) =>
  t.client.call('POST', path, JSON.stringify(body), { 'Content-Type': 'application/json' });

/** Everything a refused request must leave as it was: the rows the API lists, and the disk. */
async function snapshot(paths: string[]) {
  const lists = [];
  for (const path of paths) lists.push((await t.client.get(`${path}?PageSize=1000`)).json);
  return { lists, disk: await contentState(t.server) };
}

/** Rows of a table straight from the database (the SQLite file read-only, or PostgreSQL), beside the server. */
async function countRows(sql: string, ...args: string[]): Promise<number> {
  const url = t.server.config.databaseUrl;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      let n = 0;
      const { rows } = await client.query<{ n: string }>(
        sql.replace(/\?/g, () => `$${++n}`),
        args,
      );
      return Number(rows[0]!.n);
    } finally {
      await client.end();
    }
  }
  const db = new Database(join(t.server.dataDir, 'studio.db'), { readonly: true });
  try {
    return (db.prepare(sql).get(...args) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('JSON bodies whose values are not strings', () => {
  let svc: Record<string, any>;
  let env: Record<string, any>;
  let asset: { assetSid: string; versionSid: string };
  let variable: Record<string, any>;
  beforeAll(async () => {
    svc = await t.client.service();
    env = await t.client.environment(svc.sid);
    asset = await t.client.asset(svc.sid, '/json.txt', 'json');
    variable = (
      await t.client.post(`/v1/Services/${svc.sid}/Environments/${env.sid}/Variables`, { Key: 'K', Value: 'v' })
    ).json!;
  });

  const odd = [12345, true, { a: 1 }, ['a', 'b'], null];

  it.each(odd)('refuses %j as a Service UniqueName or FriendlyName, creating and updating nothing', async (value) => {
    const before = await snapshot(['/v1/Services']);
    expectTwilioError(await postJson('/v1/Services', { UniqueName: value, FriendlyName: 'x' }), 400, /UniqueName/);
    expectTwilioError(
      await postJson('/v1/Services', { UniqueName: 'json-ok', FriendlyName: value }),
      400,
      /FriendlyName/,
    );
    expectTwilioError(await postJson(`/v1/Services/${svc.sid}`, { FriendlyName: value }), 400, /FriendlyName/);
    expectTwilioError(await postJson(`/v1/Services/${svc.sid}`, { UiEditable: value }), 400, /UiEditable/);
    expect(await snapshot(['/v1/Services'])).toEqual(before);
  });

  it.each(odd)('refuses %j on Environments, Variables and Assets', async (value) => {
    const envs = `/v1/Services/${svc.sid}/Environments`;
    const vars = `${envs}/${env.sid}/Variables`;
    const assets = `/v1/Services/${svc.sid}/Assets`;
    const before = await snapshot([envs, vars, assets]);
    expectTwilioError(await postJson(envs, { UniqueName: value }), 400, /UniqueName/);
    expectTwilioError(await postJson(envs, { UniqueName: 'staging', DomainSuffix: value }), 400, /DomainSuffix/);
    expectTwilioError(await postJson(vars, { Key: value, Value: 'v' }), 400, /Key/);
    expectTwilioError(await postJson(vars, { Key: 'NEW', Value: value }), 400, /Value/);
    expectTwilioError(await postJson(`${vars}/${variable.sid}`, { Value: value }), 400, /Value/);
    expectTwilioError(await postJson(assets, { FriendlyName: value }), 400, /FriendlyName/);
    expectTwilioError(await postJson(`${assets}/${asset.assetSid}`, { FriendlyName: value }), 400, /FriendlyName/);
    expect(await snapshot([envs, vars, assets])).toEqual(before);
  });

  it.each(odd)('refuses %j as Builds Dependencies, Runtime or AssetVersions item', async (value) => {
    const builds = `/v1/Services/${svc.sid}/Builds`;
    const before = await snapshot([builds]);
    expectTwilioError(
      await postJson(builds, { AssetVersions: asset.versionSid, Dependencies: value }),
      400,
      /Dependencies/,
    );
    expectTwilioError(await postJson(builds, { AssetVersions: asset.versionSid, Runtime: value }), 400, /Runtime/);
    if (!Array.isArray(value)) {
      expectTwilioError(await postJson(builds, { AssetVersions: [asset.versionSid, value] }), 400, /AssetVersions/);
    }
    expect(await snapshot([builds])).toEqual(before);
  });

  it('still accepts string values in a JSON body', async () => {
    const res = await postJson(`/v1/Services/${svc.sid}/Environments/${env.sid}/Variables`, {
      Key: 'FROM_JSON',
      Value: 'yes',
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ key: 'FROM_JSON', value: 'yes' });
  });

  it('refuses a single-valued form parameter sent twice', async () => {
    const before = await snapshot(['/v1/Services']);
    const res = await t.client.post('/v1/Services', { UniqueName: ['twice-a', 'twice-b'], FriendlyName: 'x' });
    expectTwilioError(res, 400, /UniqueName/);
    expect(await snapshot(['/v1/Services'])).toEqual(before);
  });
});

describe('paging and dates out of range', () => {
  it.each(['PT99999999999999999999', 'PT1e5', 'PT-1', `PT${Number.MAX_SAFE_INTEGER}0`])(
    'refuses PageToken=%s with 400',
    async (token) => {
      const svc = await t.client.service();
      for (const path of ['/v1/Services', `/v1/Services/${svc.sid}/Assets`, `/v1/Services/${svc.sid}/Builds`]) {
        expectTwilioError(await t.client.get(`${path}?PageToken=${token}`), 400, /PageToken/);
      }
    },
  );

  it.each(['-271821-04-20T00:00:00.000Z', '+275760-09-13T00:00:00.000Z', '99999-01-01', '1'])(
    'refuses EndDate=%s on Logs with 400',
    async (date) => {
      const svc = await t.client.service();
      const env = await t.client.environment(svc.sid);
      const logs = `/v1/Services/${svc.sid}/Environments/${env.sid}/Logs`;
      expectTwilioError(await t.client.get(`${logs}?EndDate=${encodeURIComponent(date)}`), 400, /EndDate/);
      expectTwilioError(await t.client.get(`${logs}?StartDate=${encodeURIComponent(date)}`), 400, /StartDate/);
    },
  );
});

describe("Fastify's own refusals", () => {
  it('answers a badly encoded URL with a Twilio-shaped 400 and the security headers', async () => {
    const res = await t.client.get('/v1/Services/%E0%A4%A');
    expectTwilioError(res, 400);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers an over-long path parameter with a Twilio-shaped 404 and the security headers', async () => {
    const res = await t.client.get(`/v1/Services/${'a'.repeat(200)}/Assets`);
    expectTwilioError(res, 404);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('ambiguous or undecodable bodies', () => {
  let svc: string;
  let asset: string;
  beforeAll(async () => {
    svc = (await t.client.service()).sid;
    asset = (await t.client.post(`/v1/Services/${svc}/Assets`, { FriendlyName: '/ambiguous.txt' })).json!.sid;
  });
  const versions = () => `/v1/Services/${svc}/Assets/${asset}/Versions`;

  it('refuses a multipart upload with two Content parts, keeping neither', async () => {
    const before = await snapshot([versions()]);
    const body = new FormData();
    body.append('Path', '/ambiguous.txt');
    body.append('Visibility', 'public');
    body.append('Content', new Blob(['first']), 'a.txt');
    body.append('Content', new Blob(['second']), 'b.txt');
    expectTwilioError(await t.client.call('POST', versions(), body), 400, /Content/);
    expect(await snapshot([versions()])).toEqual(before);
  });

  it('refuses a Content-Encoding it does not decode with 415, on forms and uploads', async () => {
    const before = await snapshot(['/v1/Services', versions()]);
    const form = gzipSync(new URLSearchParams({ UniqueName: 'gzipped', FriendlyName: 'x' }).toString());
    const res = await t.client.call('POST', '/v1/Services', form, {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Encoding': 'gzip',
    });
    expectTwilioError(res, 415, /Content-Encoding/);
    const upload = new Response(
      (() => {
        const body = new FormData();
        body.append('Path', '/gz.txt');
        body.append('Visibility', 'public');
        body.append('Content', new Blob(['gz']), 'gz.txt');
        return body;
      })(),
    );
    const res2 = await t.client.call('POST', versions(), gzipSync(Buffer.from(await upload.arrayBuffer())), {
      'Content-Type': upload.headers.get('content-type')!,
      'Content-Encoding': 'gzip',
    });
    expectTwilioError(res2, 415, /Content-Encoding/);
    expect(await snapshot(['/v1/Services', versions()])).toEqual(before);
  });

  it('accepts Content-Encoding: identity', async () => {
    const res = await t.client.call(
      'POST',
      `/v1/Services/${svc}/Assets`,
      new URLSearchParams({ FriendlyName: 'identity' }),
      { 'Content-Encoding': 'identity' },
    );
    expect(res.status).toBe(201);
  });
});

describe('uploads whose asset or service goes away while they stream', () => {
  const boundary = 'mid-stream-boundary';

  /** Sends an upload in two halves, running `meanwhile` once the server is writing the content. */
  function uploadAround(path: string, meanwhile: () => Promise<unknown>): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${t.server.origin}${path}`,
        {
          method: 'POST',
          headers: {
            Authorization: t.server.authorization,
            'Content-Type': `multipart/form-data; boundary=${boundary}`,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            resolve({
              status: res.statusCode!,
              headers: new Headers(res.headers as Record<string, string>),
              json: text ? (JSON.parse(text) as Record<string, any>) : null,
            });
          });
        },
      );
      req.on('error', reject);
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="Path"\r\n\r\n/moving.txt\r\n`);
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="Visibility"\r\n\r\npublic\r\n`);
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="Content"; filename="m.txt"\r\n\r\n`);
      req.write(Buffer.alloc(256 * 1024, `${Math.random()}`));
      void (async () => {
        for (let i = 0; i < 200 && (await contentState(t.server)).tmp.length === 0; i++) {
          await new Promise((r) => setTimeout(r, 10));
        }
        await meanwhile();
        req.write(Buffer.alloc(256 * 1024, 2));
        req.end(`\r\n--${boundary}--\r\n`);
      })().catch(reject);
    });
  }

  it('answers 404 when the asset is deleted mid-stream, keeping nothing', async () => {
    const svc = (await t.client.service()).sid;
    const asset = (await t.client.post(`/v1/Services/${svc}/Assets`, { FriendlyName: '/moving.txt' })).json!.sid;
    const before = await contentState(t.server);
    const res = await uploadAround(`/v1/Services/${svc}/Assets/${asset}/Versions`, () =>
      t.client.delete(`/v1/Services/${svc}/Assets/${asset}`),
    );
    expectTwilioError(res, 404);
    expect(await contentState(t.server)).toEqual(before);
    expect(await countRows('SELECT count(*) AS n FROM versions WHERE file_sid = ?', asset)).toBe(0);
  });

  it('answers 404 when the service is deleted mid-stream, keeping nothing', async () => {
    const svc = (await t.client.service()).sid;
    const asset = (await t.client.post(`/v1/Services/${svc}/Assets`, { FriendlyName: '/moving.txt' })).json!.sid;
    const before = await contentState(t.server);
    const res = await uploadAround(`/v1/Services/${svc}/Assets/${asset}/Versions`, () =>
      t.client.delete(`/v1/Services/${svc}`),
    );
    expectTwilioError(res, 404);
    expect(await contentState(t.server)).toEqual(before);
    expect(await countRows('SELECT count(*) AS n FROM versions WHERE service_sid = ?', svc)).toBe(0);
  });

  it('answers 404 when a deployed asset is deleted mid-stream, adding no unreachable version', async () => {
    const svc = (await t.client.service()).sid;
    const env = await t.client.environment(svc);
    const first = await t.client.asset(svc, '/moving.txt', 'deployed bytes');
    await t.client.deploy(svc, env.sid, (await t.client.build(svc, [first.versionSid])).sid);
    const before = await contentState(t.server);
    const res = await uploadAround(`/v1/Services/${svc}/Assets/${first.assetSid}/Versions`, () =>
      t.client.delete(`/v1/Services/${svc}/Assets/${first.assetSid}`),
    );
    expectTwilioError(res, 404);
    expect(await contentState(t.server)).toEqual(before);
    expect(await countRows('SELECT count(*) AS n FROM versions WHERE file_sid = ?', first.assetSid)).toBe(1);
    expect((await t.client.site(env.domain_name, '/moving.txt')).body.toString()).toBe('deployed bytes');
  });
});
