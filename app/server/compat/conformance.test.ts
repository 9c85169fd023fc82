import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { endpoints, type Endpoint } from '../../shared/api-endpoints.ts';
import { startTestServer, type TestServer } from '../test-server.ts';
import { getFromDomain } from './helpers.ts';
import {
  documentedExtensions,
  errorProblems,
  fieldDifferences,
  fieldTree,
  operationFor,
  specOperations,
  specProblems,
  specResponseFields,
  specTemplateFor,
} from './spec.ts';

// Drives every endpoint of the v1 API over real HTTP and checks every body against Twilio's
// OpenAPI description, made strict (all documented fields present, nothing undocumented except
// what docs/api-extensions.md lists). Errors must be in the legacy Twilio shape.

type Body = Record<string, any>;
type FormInput = Record<string, string | string[]>;

let server: TestServer;
const exercised = new Set<string>();
const extensionCalls = new Set<string>();
const extensions = documentedExtensions();

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

function formBody(input: FormInput): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(input)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  }
  return form;
}

/** One API call; checks the body against the spec (or the error shape) and records coverage. */
async function api(method: 'GET' | 'POST' | 'DELETE', pathOrUrl: string, form?: FormInput | FormData) {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${server.origin}${pathOrUrl}`;
  const res = await fetch(url, {
    method,
    headers: { Authorization: server.authorization, Accept: 'application/json' },
    body: form === undefined ? undefined : form instanceof FormData ? form : formBody(form),
  });
  const text = await res.text();
  const body = (text === '' ? null : JSON.parse(text)) as Body;
  const path = new URL(url).pathname;
  if (res.status >= 400) {
    expect(errorProblems(res.status, body), `${method} ${path} → ${res.status} ${text}`).toEqual([]);
    return { status: res.status, body };
  }
  const op = operationFor(method, path);
  if (op) {
    expect(specProblems(op, res.status, body), `${method} ${path} → ${res.status}`).toEqual([]);
    if (body?.meta) {
      // Clients read the page as body[body.meta.key], and follow meta URLs as they are.
      expect(Array.isArray(body[body.meta.key]), `meta.key of ${path}`).toBe(true);
      for (const name of ['url', 'first_page_url', 'next_page_url', 'previous_page_url']) {
        if (body.meta[name] !== null) expect(body.meta[name].startsWith(`${server.origin}${path}?`), name).toBe(true);
      }
    }
    exercised.add(`${method} ${op.template}`);
  } else {
    const template = path.replace(/\/(Z[A-Z]|NO)[0-9a-f]{32}/g, (_m, prefix: string) => `/{${prefix}}`);
    extensionCalls.add(`${method} ${template}`);
  }
  return { status: res.status, body };
}

async function newService(name = `svc-${Math.random().toString(36).slice(2, 8)}`) {
  const { status, body } = await api('POST', '/v1/Services', { UniqueName: name, FriendlyName: `Service ${name}` });
  expect(status).toBe(201);
  return body;
}

async function uploadVersion(
  serviceSid: string,
  kind: 'Assets' | 'Functions',
  fileSid: string,
  path: string,
  content: string,
  visibility = 'public',
) {
  const form = new FormData();
  form.append('Path', path);
  form.append('Visibility', visibility);
  form.append('Content', new Blob([content], { type: 'application/octet-stream' }), path.split('/').pop());
  const { status, body } = await api('POST', `/v1/Services/${serviceSid}/${kind}/${fileSid}/Versions`, form);
  expect(status, JSON.stringify(body)).toBe(201);
  return body;
}

async function newAsset(serviceSid: string, path: string, content: string, visibility = 'public') {
  const { body: asset } = await api('POST', `/v1/Services/${serviceSid}/Assets`, { FriendlyName: path });
  const version = await uploadVersion(serviceSid, 'Assets', asset.sid, path, content, visibility);
  return { asset, version };
}

async function completedBuild(serviceSid: string, form: FormInput) {
  const { status, body } = await api('POST', `/v1/Services/${serviceSid}/Builds`, form);
  expect(status, JSON.stringify(body)).toBe(201);
  return waitForBuild(serviceSid, body.sid);
}

async function waitForBuild(serviceSid: string, buildSid: string) {
  // A build with Dependencies runs npm install: seconds, more on a busy machine.
  for (let i = 0; i < 600; i++) {
    const { body } = await api('GET', `/v1/Services/${serviceSid}/Builds/${buildSid}/Status`);
    if (body.status !== 'building') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`build ${buildSid} is still building`);
}

describe('conformance with the OpenAPI description', () => {
  it('services: create, duplicate name, fetch by sid and unique name, update with string booleans, list', async () => {
    const service = await newService('conf-services');
    expect(service.include_credentials).toBe(true);
    expect(service.ui_editable).toBe(false);
    expect(service.domain_base).toMatch(/^conf-services-\d{4}$/);

    const dup = await api('POST', '/v1/Services', { UniqueName: 'conf-services', FriendlyName: 'again' });
    expect(dup.status).toBeGreaterThanOrEqual(400);
    expect(dup.status).toBeLessThan(500);

    const withBools = await api('POST', '/v1/Services', {
      UniqueName: 'conf-bools',
      FriendlyName: 'Bools',
      IncludeCredentials: 'false',
      UiEditable: 'true',
      SomethingNew: 'ignored',
    });
    expect(withBools.status).toBe(201);
    expect(withBools.body).toMatchObject({ include_credentials: false, ui_editable: true });
    const badBool = await api('POST', '/v1/Services', {
      UniqueName: 'conf-badbool',
      FriendlyName: 'x',
      UiEditable: 'yes',
    });
    expect(badBool.status).toBe(400);

    expect((await api('GET', `/v1/Services/${service.sid}`)).body.sid).toBe(service.sid);
    expect((await api('GET', '/v1/Services/conf-services')).body.sid).toBe(service.sid);

    const updated = await api('POST', `/v1/Services/${service.sid}`, {
      FriendlyName: 'Renamed',
      UiEditable: 'true',
      Extra: '1',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      friendly_name: 'Renamed',
      ui_editable: true,
      include_credentials: true,
      unique_name: 'conf-services',
    });

    const list = await api('GET', '/v1/Services');
    expect(list.body.meta.key).toBe('services');
    expect(list.body.services.map((s: Body) => s.sid)).toContain(service.sid);
  });

  it('environments: domain_suffix null, 409 on duplicate name or suffix, extra FriendlyName ignored', async () => {
    const service = await newService();
    const prod = await api('POST', `/v1/Services/${service.sid}/Environments`, {
      UniqueName: 'production',
      FriendlyName: 'ignored',
    });
    expect(prod.status).toBe(201);
    expect(prod.body.domain_suffix).toBeNull();
    expect(prod.body.build_sid).toBeNull();
    expect(prod.body.domain_name).toBe(`${service.domain_base}.localhost:${server.port}`);

    const dev = await api('POST', `/v1/Services/${service.sid}/Environments`, {
      UniqueName: 'dev-environment',
      DomainSuffix: 'dev',
    });
    expect(dev.body.domain_suffix).toBe('dev');
    expect(dev.body.domain_name).toBe(`${service.domain_base}-dev.localhost:${server.port}`);

    const sameName = await api('POST', `/v1/Services/${service.sid}/Environments`, {
      UniqueName: 'production',
      DomainSuffix: 'other',
    });
    expect(sameName.status).toBe(409);
    expect(sameName.body.message).toBe('Environment with this UniqueName or DomainSuffix already exists.');
    const sameSuffix = await api('POST', `/v1/Services/${service.sid}/Environments`, {
      UniqueName: 'another',
      DomainSuffix: 'dev',
    });
    expect(sameSuffix.status).toBe(409);

    expect((await api('GET', `/v1/Services/${service.sid}/Environments/${dev.body.sid}`)).body.unique_name).toBe(
      'dev-environment',
    );
    const list = await api('GET', `/v1/Services/${service.sid}/Environments`);
    expect(list.body.environments.map((e: Body) => e.sid)).toEqual([prod.body.sid, dev.body.sid]);
  });

  it('assets and functions: CRUD, versions, function content, asset content extension', async () => {
    const service = await newService();
    const { asset, version } = await newAsset(service.sid, 'logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(version.path).toBe('/logo.svg');
    expect(version).toMatchObject({ visibility: 'public', asset_sid: asset.sid, content_type: 'image/svg+xml' });

    const fetched = await api('GET', `/v1/Services/${service.sid}/Assets/${asset.sid}`);
    expect(fetched.body.latest_version.sid).toBe(version.sid);
    const renamed = await api('POST', `/v1/Services/${service.sid}/Assets/${asset.sid}`, { FriendlyName: 'the logo' });
    expect(renamed.body.friendly_name).toBe('the logo');
    const versions = await api('GET', `/v1/Services/${service.sid}/Assets/${asset.sid}/Versions`);
    expect(versions.body.meta.key).toBe('asset_versions');
    expect(versions.body.asset_versions.map((v: Body) => v.sid)).toEqual([version.sid]);
    expect(
      (await api('GET', `/v1/Services/${service.sid}/Assets/${asset.sid}/Versions/${version.sid}`)).body.path,
    ).toBe('/logo.svg');

    const raw = await fetch(version.links.asset_version_content, { headers: { Authorization: server.authorization } });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('image/svg+xml');
    expect(await raw.text()).toBe('<svg xmlns="http://www.w3.org/2000/svg"/>');
    extensionCalls.add('GET /v1/Services/{ZS}/Assets/{ZH}/Versions/{ZN}/Content');

    const fn = await api('POST', `/v1/Services/${service.sid}/Functions`, { FriendlyName: '/hello' });
    expect(fn.status).toBe(201);
    expect(fn.body.latest_version).toBeNull();
    const source = 'exports.handler = (c, e, cb) => cb(null, "hi");\n';
    const fv = await uploadVersion(service.sid, 'Functions', fn.body.sid, 'hello', source, 'protected');
    expect(fv).toMatchObject({ path: '/hello', visibility: 'protected', function_sid: fn.body.sid });
    const content = await api('GET', `/v1/Services/${service.sid}/Functions/${fn.body.sid}/Versions/${fv.sid}/Content`);
    expect(content.body.content).toBe(source);
    expect((await api('GET', `/v1/Services/${service.sid}/Functions/${fn.body.sid}/Versions/${fv.sid}`)).body.sid).toBe(
      fv.sid,
    );
    const fvs = await api('GET', `/v1/Services/${service.sid}/Functions/${fn.body.sid}/Versions`);
    expect(fvs.body.meta.key).toBe('function_versions');
    expect((await api('GET', `/v1/Services/${service.sid}/Functions/${fn.body.sid}`)).body.latest_version.sid).toBe(
      fv.sid,
    );
    expect(
      (await api('POST', `/v1/Services/${service.sid}/Functions/${fn.body.sid}`, { FriendlyName: '/hi' })).body
        .friendly_name,
    ).toBe('/hi');
    expect((await api('GET', `/v1/Services/${service.sid}/Functions`)).body.meta.key).toBe('functions');
    expect((await api('POST', `/v1/Services/${service.sid}/Functions/${fn.body.sid}`, {})).status).toBe(400);

    expect((await api('DELETE', `/v1/Services/${service.sid}/Functions/${fn.body.sid}`)).status).toBe(204);
    expect((await api('GET', `/v1/Services/${service.sid}/Functions/${fn.body.sid}`)).status).toBe(404);
    expect((await api('DELETE', `/v1/Services/${service.sid}/Assets/${asset.sid}`)).status).toBe(204);
    expect((await api('GET', `/v1/Services/${service.sid}/Assets/${asset.sid}`)).status).toBe(404);
  });

  it('paging: PageSize 2 over 5 assets with absolute page URLs, PageToken and the right meta.key', async () => {
    const service = await newService();
    const sids: string[] = [];
    for (let i = 0; i < 5; i++) sids.push((await newAsset(service.sid, `/page-${i}.txt`, `asset ${i}`)).asset.sid);

    const first = await api('GET', `/v1/Services/${service.sid}/Assets?PageSize=2`);
    expect(first.body.meta).toMatchObject({ key: 'assets', page: 0, page_size: 2, previous_page_url: null });
    expect(first.body.meta.first_page_url).toBe(`${server.origin}/v1/Services/${service.sid}/Assets?PageSize=2&Page=0`);
    const seen: string[] = first.body.assets.map((a: Body) => a.sid);
    let page = first.body;
    const pages = [first.body];
    while (page.meta.next_page_url) {
      expect(page.meta.next_page_url.startsWith(`${server.origin}/v1/`)).toBe(true);
      page = (await api('GET', page.meta.next_page_url)).body;
      pages.push(page);
      seen.push(...page.assets.map((a: Body) => a.sid));
    }
    expect(pages.map((p) => p.assets.length)).toEqual([2, 2, 1]);
    expect(pages.map((p) => p.meta.page)).toEqual([0, 1, 2]);
    expect(seen).toEqual(sids);
    const back = await api('GET', pages[2]!.meta.previous_page_url);
    expect(back.body.assets.map((a: Body) => a.sid)).toEqual(sids.slice(2, 4));

    const byPage = await api('GET', `/v1/Services/${service.sid}/Assets?PageSize=2&Page=1`);
    expect(byPage.body.assets.map((a: Body) => a.sid)).toEqual(sids.slice(2, 4));
    const defaults = await api('GET', `/v1/Services/${service.sid}/Assets`);
    expect(defaults.body.meta.page_size).toBe(50);
    const max = await api('GET', `/v1/Services/${service.sid}/Assets?PageSize=1000`);
    expect(max.body.assets).toHaveLength(5);
    for (const bad of ['PageSize=0', 'PageSize=1001', 'PageSize=abc', 'Page=-1', 'PageToken=nonsense']) {
      expect((await api('GET', `/v1/Services/${service.sid}/Assets?${bad}`)).status, bad).toBe(400);
    }
  });

  it('builds: both Dependencies encodings, default runtime, completed and failed, delete', async () => {
    const service = await newService();
    const { version } = await newAsset(service.sid, '/a.txt', 'a');
    const deps = JSON.stringify([{ name: 'lodash', version: '^4.17.21' }]);

    const plain = await completedBuild(service.sid, {
      AssetVersions: [version.sid],
      Dependencies: deps,
      Runtime: 'node20',
    });
    expect(plain.status).toBe('completed');
    const plainBuild = (await api('GET', `/v1/Services/${service.sid}/Builds/${plain.sid}`)).body;
    expect(plainBuild).toMatchObject({ runtime: 'node20', dependencies: [{ name: 'lodash', version: '^4.17.21' }] });
    expect(plainBuild.asset_versions[0]).toMatchObject({ sid: version.sid, path: '/a.txt', visibility: 'public' });

    // What @twilio-labs/serverless-api sends: the JSON wrapped in one more pair of quotes, no Runtime.
    const quoted = await completedBuild(service.sid, { Dependencies: `"${deps}"`, AssetVersions: version.sid });
    const quotedBuild = (await api('GET', `/v1/Services/${service.sid}/Builds/${quoted.sid}`)).body;
    expect(quotedBuild).toMatchObject({ runtime: 'node22', dependencies: [{ name: 'lodash', version: '^4.17.21' }] });

    const none = await api('POST', `/v1/Services/${service.sid}/Builds`, { Runtime: 'node22' });
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({
      code: 20001,
      message: 'At least one Function Version or Asset Version is required for Build.',
    });

    const unknown = await completedBuild(service.sid, { AssetVersions: `ZN${'0'.repeat(32)}` });
    expect(unknown.status).toBe('failed');
    expect(unknown.failure_reason).toMatch(/does not exist/);

    const list = await api('GET', `/v1/Services/${service.sid}/Builds`);
    expect(list.body.meta.key).toBe('builds');
    expect(list.body.builds.map((b: Body) => b.sid)).toEqual([unknown.sid, quoted.sid, plain.sid]);

    expect((await api('DELETE', `/v1/Services/${service.sid}/Builds/${unknown.sid}`)).status).toBe(204);
    expect((await api('GET', `/v1/Services/${service.sid}/Builds/${unknown.sid}`)).status).toBe(404);
  });

  it('deployments: build_sid follows, duplicates are 409, a live build cannot be deleted', async () => {
    const service = await newService();
    const env = (
      await api('POST', `/v1/Services/${service.sid}/Environments`, {
        UniqueName: 'dev-environment',
        DomainSuffix: 'dev',
      })
    ).body;
    const { asset, version } = await newAsset(service.sid, '/hello.txt', 'first');
    const first = await completedBuild(service.sid, { AssetVersions: version.sid });
    const deployments = `/v1/Services/${service.sid}/Environments/${env.sid}/Deployments`;

    const d1 = await api('POST', deployments, { BuildSid: first.sid, IsPlugin: 'false' });
    expect(d1.status).toBe(201);
    expect(d1.body).toMatchObject({ build_sid: first.sid, environment_sid: env.sid });
    expect((await api('GET', `/v1/Services/${service.sid}/Environments/${env.sid}`)).body.build_sid).toBe(first.sid);
    expect((await getFromDomain(server.port, env.domain_name, '/hello.txt')).text).toBe('first');

    const again = await api('POST', deployments, { BuildSid: first.sid });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Environment already has requested deployment.');
    expect((await api('POST', deployments, {})).status).toBe(409);

    const refused = await api('DELETE', `/v1/Services/${service.sid}/Builds/${first.sid}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('dev-environment');

    const v2 = await uploadVersion(service.sid, 'Assets', asset.sid, '/hello.txt', 'second');
    const second = await completedBuild(service.sid, { AssetVersions: v2.sid });
    const d2 = await api('POST', deployments, { BuildSid: second.sid });
    expect((await api('GET', `/v1/Services/${service.sid}/Environments/${env.sid}`)).body.build_sid).toBe(second.sid);
    expect((await getFromDomain(server.port, env.domain_name, '/hello.txt')).text).toBe('second');

    const list = await api('GET', deployments);
    expect(list.body.meta.key).toBe('deployments');
    expect(list.body.deployments.map((d: Body) => d.sid)).toEqual([d2.body.sid, d1.body.sid]);
    expect((await api('GET', `${deployments}/${d1.body.sid}`)).body.build_sid).toBe(first.sid);

    expect((await api('DELETE', `/v1/Services/${service.sid}/Builds/${first.sid}`)).status).toBe(204);
  });

  it('variables: full CRUD, Key ≤ 128 characters, Value ≤ 450 bytes, unique keys', async () => {
    const service = await newService();
    const env = (await api('POST', `/v1/Services/${service.sid}/Environments`, { UniqueName: 'production' })).body;
    const base = `/v1/Services/${service.sid}/Environments/${env.sid}/Variables`;

    const created = await api('POST', base, { Key: 'GREETING', Value: 'ahoy' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'GREETING', value: 'ahoy', environment_sid: env.sid });
    expect((await api('POST', base, { Key: 'GREETING', Value: 'again' })).status).toBe(409);
    expect((await api('POST', base, { Key: 'K'.repeat(128), Value: 'v'.repeat(450) })).status).toBe(201);
    expect((await api('POST', base, { Key: 'K'.repeat(129), Value: 'v' })).status).toBe(400);
    expect((await api('POST', base, { Key: 'LONG', Value: 'v'.repeat(451) })).status).toBe(400);
    // 225 two-byte characters are 450 bytes; one more is over.
    expect((await api('POST', base, { Key: 'UTF8_OK', Value: 'é'.repeat(225) })).status).toBe(201);
    expect((await api('POST', base, { Key: 'UTF8_LONG', Value: 'é'.repeat(226) })).status).toBe(400);
    expect((await api('POST', base, { Key: 'NO_VALUE' })).status).toBe(400);

    const item = `${base}/${created.body.sid}`;
    expect((await api('GET', item)).body.value).toBe('ahoy');
    const updated = await api('POST', item, { Value: 'hello' });
    expect(updated.body).toMatchObject({ key: 'GREETING', value: 'hello' });
    expect((await api('POST', item, { Key: 'SALUTATION' })).body).toMatchObject({ key: 'SALUTATION', value: 'hello' });
    expect((await api('POST', item, { Value: 'x'.repeat(451) })).status).toBe(400);

    const list = await api('GET', `${base}?PageSize=2`);
    expect(list.body.meta.key).toBe('variables');
    expect(list.body.variables).toHaveLength(2);
    expect(list.body.meta.next_page_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/.*PageSize=2/);

    expect((await api('DELETE', item)).status).toBe(204);
    expect((await api('GET', item)).status).toBe(404);
  });

  it('logs: newest first, fetch, StartDate/EndDate/FunctionSid filters kept in the page URLs', async () => {
    const service = await newService();
    const env = (await api('POST', `/v1/Services/${service.sid}/Environments`, { UniqueName: 'production' })).body;
    const { asset, version } = await newAsset(service.sid, '/x.txt', 'one');
    const b1 = await completedBuild(service.sid, { AssetVersions: version.sid });
    const deployments = `/v1/Services/${service.sid}/Environments/${env.sid}/Deployments`;
    const d1 = (await api('POST', deployments, { BuildSid: b1.sid })).body;
    const v2 = await uploadVersion(service.sid, 'Assets', asset.sid, '/x.txt', 'two');
    const b2 = await completedBuild(service.sid, { AssetVersions: v2.sid });
    const d2 = (await api('POST', deployments, { BuildSid: b2.sid })).body;

    const base = `/v1/Services/${service.sid}/Environments/${env.sid}/Logs`;
    const list = await api('GET', base);
    expect(list.body.meta.key).toBe('logs');
    // Deploys, builds and version changes are all logged; the deploys are the ones with a deployment_sid.
    expect(list.body.logs.flatMap((l: Body) => l.deployment_sid ?? [])).toEqual([d2.sid, d1.sid]);
    const newest = list.body.logs[0];
    expect((await api('GET', `${base}/${newest.sid}`)).body).toMatchObject({ sid: newest.sid, build_sid: b2.sid });
    expect((await api('GET', `${base}/NO${'0'.repeat(32)}`)).status).toBe(404);

    const past = await api('GET', `${base}?EndDate=2020-01-01T00:00:00Z`);
    expect(past.body.logs).toEqual([]);
    const future = await api('GET', `${base}?StartDate=2999-01-01T00:00:00Z&EndDate=2999-01-02T00:00:00Z`);
    expect(future.body.logs).toEqual([]);
    const window = await api('GET', `${base}?StartDate=2020-01-01T00:00:00Z&EndDate=2999-01-01T00:00:00Z&PageSize=1`);
    expect(window.body.logs.map((l: Body) => l.deployment_sid)).toEqual([d2.sid]);
    const next = new URL(window.body.meta.next_page_url);
    expect(next.searchParams.get('StartDate')).toBe('2020-01-01T00:00:00Z');
    expect(next.searchParams.get('EndDate')).toBe('2999-01-01T00:00:00Z');
    // Before deploy 2 (newest first): build 2 completed.
    expect((await api('GET', next.href)).body.logs.map((l: Body) => l.build_sid)).toEqual([b2.sid]);

    const fnSid = `ZH${'1'.repeat(32)}`;
    const byFunction = await api('GET', `${base}?FunctionSid=${fnSid}`);
    expect(byFunction.body.logs).toEqual([]);
    expect(new URL(byFunction.body.meta.first_page_url).searchParams.get('FunctionSid')).toBe(fnSid);
    expect((await api('GET', `${base}?FunctionSid=nope`)).status).toBe(400);
    expect((await api('GET', `${base}?StartDate=yesterday`)).status).toBe(400);
  });

  it('deletes: environment then service cascade, and their domains stop serving', async () => {
    const service = await newService();
    const envs = `/v1/Services/${service.sid}/Environments`;
    const stage = (await api('POST', envs, { UniqueName: 'stage-environment', DomainSuffix: 'stage' })).body;
    const prod = (await api('POST', envs, { UniqueName: 'production' })).body;
    const { version } = await newAsset(service.sid, '/page.html', '<p>hi</p>');
    const build = await completedBuild(service.sid, { AssetVersions: version.sid });
    for (const env of [stage, prod]) await api('POST', `${envs}/${env.sid}/Deployments`, { BuildSid: build.sid });
    await api('POST', `${envs}/${prod.sid}/Variables`, { Key: 'A', Value: 'b' });
    expect((await getFromDomain(server.port, stage.domain_name, '/page.html')).status).toBe(200);

    expect((await api('DELETE', `${envs}/${stage.sid}`)).status).toBe(204);
    expect((await api('GET', `${envs}/${stage.sid}`)).status).toBe(404);
    expect((await getFromDomain(server.port, stage.domain_name, '/page.html')).status).toBe(404);
    expect((await getFromDomain(server.port, prod.domain_name, '/page.html')).status).toBe(200);

    expect((await api('DELETE', `/v1/Services/${service.sid}`)).status).toBe(204);
    expect((await api('GET', `/v1/Services/${service.sid}`)).status).toBe(404);
    expect((await api('GET', `${envs}/${prod.sid}/Variables`)).status).toBe(404);
    expect((await getFromDomain(server.port, prod.domain_name, '/page.html')).status).toBe(404);
  });

  it('errors: 401 without credentials, 404 names the path without /v1, both in the legacy shape', async () => {
    const res = await fetch(`${server.origin}/v1/Services`);
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(errorProblems(401, body)).toEqual([]);
    expect(body).toMatchObject({ code: 20003, message: 'Authenticate' });
    expect(body).not.toHaveProperty('type');

    const wrong = await fetch(`${server.origin}/v1/Services`, {
      headers: { Authorization: `Basic ${Buffer.from(`${server.accountSid}:wrong`).toString('base64')}` },
    });
    expect(wrong.status).toBe(401);

    const missing = `ZS${'0'.repeat(32)}`;
    const notFound = await api('GET', `/v1/Services/${missing}/Environments`);
    expect(notFound.status).toBe(404);
    expect(notFound.body).toMatchObject({
      code: 20404,
      message: `The requested resource /Services/${missing} was not found`,
    });
  });

  it('every operation in the OpenAPI description was exercised, and only documented extensions were used', () => {
    expect(specOperations.filter((op) => !exercised.has(op))).toEqual([]);
    const documented = extensions.endpoints.map(
      ({ method, path }) =>
        `${method} ${path
          .replace(/\{ServiceSid\}/, '{ZS}')
          .replace(/\{(Asset|Function)Sid\}/, '{ZH}')
          .replace(/\{Sid\}/, '{ZN}')}`,
    );
    expect([...extensionCalls].filter((call) => !documented.includes(call))).toEqual([]);
    expect(extensionCalls.size).toBeGreaterThanOrEqual(3);
  });
});

// The schemas the server registers its routes from (and the editor parses with) are the ones the
// OpenAPI description and docs/api-extensions.md allow: same endpoints, same response fields.
describe('the shared endpoint schemas', () => {
  const declared: Endpoint[] = Object.values(endpoints).flatMap((group) => Object.values(group) as Endpoint[]);
  const generic = (path: string) => path.replace(/\{\w+\}|:\w+/g, '{}');

  it('declare every operation of the OpenAPI description, and otherwise only documented extensions', () => {
    const covered = new Set(declared.map((e) => `${e.method} ${specTemplateFor(e.method, e.url)}`));
    expect(specOperations.filter((op) => !covered.has(op))).toEqual([]);
    const undocumented = declared.filter(
      (e) =>
        !specTemplateFor(e.method, e.url) &&
        !extensions.endpoints.some((x) => x.method === e.method && generic(x.path) === generic(e.url)),
    );
    expect(undocumented.map((e) => `${e.method} ${e.url}`)).toEqual([]);
  });

  const withSpec = declared.flatMap((e) => {
    const template = specTemplateFor(e.method, e.url);
    return template
      ? Object.entries(e.schema.response ?? {}).map(
          ([status, schema]) =>
            [`${e.method} ${template} ${status}`, e.method, template, Number(status), schema] as const,
        )
      : [];
  });

  it.each(withSpec)(
    '%s: the response schema has the fields the spec and the extensions give',
    (_n, method, template, status, schema) => {
      const theirs = specResponseFields(method, template, status);
      expect(theirs, 'the spec documents this response').not.toBeNull();
      const ours = fieldTree(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }), false);
      expect(fieldDifferences(ours!, theirs!)).toEqual([]);
    },
  );
});
