import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-server.ts';

// The real `twilio` helper library, pointed at the server the way docs/twilio-tools.md tells users
// to: replace the Serverless domain's base URL. Page URLs come back absolute and on our origin, so
// the library keeps paging against this server.

let server: TestServer;
let client: ReturnType<typeof twilio>;

beforeAll(async () => {
  server = await startTestServer();
  client = twilio(server.accountSid, server.authToken);
  client.serverless.baseUrl = server.origin;
});
afterAll(async () => {
  await server?.close();
});

/** Version content goes up as multipart (twilio-node has no method for it, as with Twilio). */
async function uploadAssetVersion(serviceSid: string, assetSid: string, path: string, content: string) {
  const form = new FormData();
  form.append('Path', path);
  form.append('Visibility', 'public');
  form.append('Content', new Blob([content], { type: 'text/plain' }), path.slice(1));
  const res = await fetch(`${server.origin}/v1/Services/${serviceSid}/Assets/${assetSid}/Versions`, {
    method: 'POST',
    headers: { Authorization: server.authorization },
    body: form,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { sid: string; path: string };
}

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    return err as { status: number; code: number; message: string; moreInfo: string; constructor: { name: string } };
  }
  throw new Error('expected the call to fail');
}

describe('twilio helper library against Assets Studio', () => {
  it('creates a service and environments, pages through assets, builds, deploys, reads logs and variables', async () => {
    const services = client.serverless.v1.services;
    const service = await services.create({
      uniqueName: 'node-helper',
      friendlyName: 'Node helper',
      includeCredentials: true,
      uiEditable: false,
    });
    expect(service.sid).toMatch(/^ZS[0-9a-f]{32}$/);
    expect(service.includeCredentials).toBe(true);
    expect(service.url).toBe(`${server.origin}/v1/Services/${service.sid}`);

    const dup = await rejection(services.create({ uniqueName: 'node-helper', friendlyName: 'again' }));
    expect(dup.constructor.name).toBe('RestException');
    expect(dup.status).toBe(409);
    expect(dup.moreInfo).toMatch(/^https:\/\/www\.twilio\.com\/docs\/errors\/\d+$/);

    expect((await services(service.sid).update({ friendlyName: 'Renamed', uiEditable: true })).uiEditable).toBe(true);
    expect((await services('node-helper').fetch()).friendlyName).toBe('Renamed');

    const svc = services(service.sid);
    const production = await svc.environments.create({ uniqueName: 'production' });
    const dev = await svc.environments.create({ uniqueName: 'dev-environment', domainSuffix: 'dev' });
    expect(production.domainSuffix).toBeNull();
    expect(dev.domainSuffix).toBe('dev');
    expect(dev.buildSid).toBeNull();
    const envDup = await rejection(svc.environments.create({ uniqueName: 'other', domainSuffix: 'dev' }));
    expect(envDup.status).toBe(409);
    expect((await svc.environments.list()).map((e) => e.uniqueName)).toEqual(['production', 'dev-environment']);

    const assetSids: string[] = [];
    const versionSids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const asset = await svc.assets.create({ friendlyName: `asset ${i}` });
      assetSids.push(asset.sid);
      versionSids.push((await uploadAssetVersion(service.sid, asset.sid, `/file-${i}.txt`, `content ${i}`)).sid);
    }

    // Page by page, following the server's next_page_url as the library does.
    const page1 = await svc.assets.page({ pageSize: 2 });
    expect(page1.instances.map((a) => a.sid)).toEqual(assetSids.slice(0, 2));
    expect(page1.nextPageUrl).toMatch(new RegExp(`^${server.origin}/v1/Services/${service.sid}/Assets\\?`));
    const page2 = await page1.nextPage();
    expect(page2?.instances.map((a) => a.sid)).toEqual(assetSids.slice(2, 4));
    const page3 = await page2!.nextPage();
    expect(page3?.instances.map((a) => a.sid)).toEqual(assetSids.slice(4));
    expect(page3?.nextPageUrl).toBeUndefined();
    expect(await page3!.nextPage()).toBeFalsy();
    // And all at once: list() walks every page.
    expect((await svc.assets.list({ pageSize: 2 })).map((a) => a.sid)).toEqual(assetSids);

    const versions = await svc.assets(assetSids[0]!).assetVersions.list();
    expect(versions.map((v) => [v.sid, v.path, v.visibility])).toEqual([[versionSids[0], '/file-0.txt', 'public']]);

    const fn = await svc.functions.create({ friendlyName: '/hello' });
    expect((await svc.functions(fn.sid).fetch()).friendlyName).toBe('/hello');

    const build = await svc.builds.create({
      assetVersions: versionSids,
      dependencies: JSON.stringify([{ name: 'lodash', version: '^4.17.21' }]),
      runtime: 'node22',
    });
    expect(build.status).toBe('building');
    let status = await svc.builds(build.sid).buildStatus().fetch();
    // Building installs lodash with npm: seconds, more on a busy machine.
    for (let i = 0; status.status === 'building' && i < 600; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = await svc.builds(build.sid).buildStatus().fetch();
    }
    expect(status.status).toBe('completed');
    const fetchedBuild = await svc.builds(build.sid).fetch();
    expect(fetchedBuild.dependencies).toEqual([{ name: 'lodash', version: '^4.17.21' }]);
    expect(fetchedBuild.assetVersions).toHaveLength(5);

    const deployment = await svc.environments(dev.sid).deployments.create({ buildSid: build.sid, isPlugin: false });
    expect(deployment.buildSid).toBe(build.sid);
    expect((await svc.environments(dev.sid).fetch()).buildSid).toBe(build.sid);
    expect((await svc.environments(dev.sid).deployments.list()).map((d) => d.sid)).toEqual([deployment.sid]);
    expect((await svc.environments(dev.sid).deployments(deployment.sid).fetch()).environmentSid).toBe(dev.sid);
    const again = await rejection(svc.environments(dev.sid).deployments.create({ buildSid: build.sid }));
    expect(again.status).toBe(409);
    expect((await rejection(svc.builds(build.sid).remove())).status).toBe(409);

    const variables = svc.environments(dev.sid).variables;
    const variable = await variables.create({ key: 'GREETING', value: 'ahoy' });
    await variables.create({ key: 'COLOUR', value: 'purple' });
    expect((await variables.list({ pageSize: 1 })).map((v) => v.key)).toEqual(['GREETING', 'COLOUR']);
    expect((await variables(variable.sid).update({ value: 'hello' })).value).toBe('hello');
    expect((await variables(variable.sid).fetch()).value).toBe('hello');
    expect((await rejection(variables.create({ key: 'K'.repeat(129), value: 'v' }))).status).toBe(400);
    expect(await variables(variable.sid).remove()).toBe(true);
    expect((await variables.list()).map((v) => v.key)).toEqual(['COLOUR']);

    const logs = await svc
      .environments(dev.sid)
      .logs.list({ startDate: new Date(Date.now() - 3600_000), endDate: new Date(Date.now() + 60_000) });
    const deploys = logs.filter((l) => l.deploymentSid);
    expect(deploys).toHaveLength(1);
    expect(deploys[0]).toMatchObject({ deploymentSid: deployment.sid, buildSid: build.sid, level: 'info' });
    expect((await svc.environments(dev.sid).logs(deploys[0]!.sid).fetch()).message).toContain(build.sid);
    expect(await svc.environments(dev.sid).logs.list({ functionSid: fn.sid })).toEqual([]);

    const missing = await rejection(services(`ZS${'0'.repeat(32)}`).fetch());
    expect(missing.status).toBe(404);
    expect(missing.code).toBe(20404);

    expect(await svc.environments(production.sid).remove()).toBe(true);
    expect(await svc.remove()).toBe(true);
    expect((await rejection(svc.fetch())).status).toBe(404);
  });
});
