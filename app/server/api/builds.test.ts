import { describe, expect, it } from 'vitest';
import { contentState, useTestServer } from '../test-client.ts';

const t = useTestServer();

describe('builds', () => {
  it('refuses a build without versions (400, 20001)', async () => {
    const svc = (await t.client.service()).sid;
    const res = await t.client.post(`/v1/Services/${svc}/Builds`, { Runtime: 'node22' });
    expect(res.status).toBe(400);
    expect(res.json!.message).toBe('At least one Function Version or Asset Version is required for Build.');
  });

  it("accepts Dependencies as JSON and as serverless-api's quoted JSON", async () => {
    const svc = (await t.client.service()).sid;
    const v = await t.client.asset(svc, '/x.txt', 'x');
    const deps = JSON.stringify([{ name: 'lodash', version: '^4.17.21' }]);
    for (const encoded of [deps, `"${deps}"`]) {
      const res = await t.client.post(`/v1/Services/${svc}/Builds`, {
        AssetVersions: v.versionSid,
        Dependencies: encoded,
      });
      expect(res.status).toBe(201);
      expect(res.json!.dependencies).toEqual([{ name: 'lodash', version: '^4.17.21' }]);
      expect(res.json!.runtime).toBe('node22');
      expect(res.json!.status).toBe('building');
    }
    expect(
      (await t.client.post(`/v1/Services/${svc}/Builds`, { AssetVersions: v.versionSid, Dependencies: '{nope' }))
        .status,
    ).toBe(400);
    expect(
      (await t.client.post(`/v1/Services/${svc}/Builds`, { AssetVersions: v.versionSid, Runtime: 'node4' })).status,
    ).toBe(400);
  });

  it('fails a build with more than 50 private assets, saying why', async () => {
    const svc = (await t.client.service()).sid;
    const sids = [];
    for (let i = 0; i < 51; i++)
      sids.push((await t.client.asset(svc, `/p${i}.txt`, `private ${i}`, 'private')).versionSid);
    const build = await t.client.build(svc, sids);
    expect(build.status).toBe('failed');
    expect(build.failure_reason).toBe(
      'The build has 51 private assets; at most 50 private assets are allowed in one build',
    );
    const env = await t.client.environment(svc);
    const deploy = await t.client.deploy(svc, env.sid, build.sid);
    expect(deploy.status).toBe(400);
    expect((await t.client.get(`/v1/Services/${svc}/Environments/${env.sid}`)).json!.build_sid).toBeNull();
  });

  it('fails a build with two assets at one path', async () => {
    const svc = (await t.client.service()).sid;
    const a = await t.client.asset(svc, '/same.css', 'a');
    const b = await t.client.asset(svc, '/same.css', 'b');
    const build = await t.client.build(svc, [a.versionSid, b.versionSid]);
    expect(build.status).toBe('failed');
    expect(build.failure_reason).toContain('Duplicate path /same.css');
  });

  it('fails a build naming a version of another service', async () => {
    const mine = (await t.client.service()).sid;
    const theirs = (await t.client.service()).sid;
    const foreign = await t.client.asset(theirs, '/theirs.txt', 'theirs');
    const own = await t.client.asset(mine, '/mine.txt', 'mine');
    const build = await t.client.build(mine, [own.versionSid, foreign.versionSid]);
    expect(build.status).toBe('failed');
    expect(build.failure_reason).toContain(foreign.versionSid);
    expect((await t.client.post(`/v1/Services/${mine}/Builds`, { AssetVersions: 'not-a-sid' })).status).toBe(400);
  });

  it('answers a build with nothing to install as completed, so it deploys without a status poll', async () => {
    const svc = (await t.client.service()).sid;
    const env = await t.client.environment(svc);
    const pub = await t.client.asset(svc, '/now.txt', 'built before the answer');
    const priv = await t.client.asset(svc, '/secret.txt', 'private bytes', 'private');
    const res = await t.client.post(`/v1/Services/${svc}/Builds`, { AssetVersions: [pub.versionSid, priv.versionSid] });
    expect(res.status).toBe(201);
    expect(res.json!.status).toBe('completed');
    expect(res.json!.failure_reason).toBeNull();
    expect(res.json!.asset_versions.map((v: { sid: string }) => v.sid)).toEqual([pub.versionSid, priv.versionSid]);
    const status = await t.client.get(`/v1/Services/${svc}/Builds/${res.json!.sid}/Status`);
    expect(status.json!.status).toBe('completed');
    expect((await t.client.deploy(svc, env.sid, res.json!.sid as string)).status).toBe(201);
    expect((await t.client.site(env.domain_name, '/now.txt')).body.toString()).toBe('built before the answer');
  });

  it('answers a build that breaks a rule as failed, with the reason, in the answer itself', async () => {
    const svc = (await t.client.service()).sid;
    const a = await t.client.asset(svc, '/twice.txt', 'a');
    const b = await t.client.asset(svc, '/twice.txt', 'b');
    const duplicate = await t.client.post(`/v1/Services/${svc}/Builds`, {
      AssetVersions: [a.versionSid, b.versionSid],
    });
    expect(duplicate.json!.status).toBe('failed');
    expect(duplicate.json!.failure_reason).toContain('Duplicate path /twice.txt');
    const repeated = await t.client.post(`/v1/Services/${svc}/Builds`, { AssetVersions: [a.versionSid, a.versionSid] });
    expect(repeated.json!.status).toBe('failed');
    expect(repeated.json!.failure_reason).toBe(`Version ${a.versionSid} is listed twice`);
    const wrongKind = await t.client.post(`/v1/Services/${svc}/Builds`, { FunctionVersions: a.versionSid });
    expect(wrongKind.json!.status).toBe('failed');
    expect(wrongKind.json!.failure_reason).toContain('listed under FunctionVersions');
  });

  it('refuses to deploy a build of another service, or to redeploy the live build', async () => {
    const svc = (await t.client.service()).sid;
    const env = await t.client.environment(svc);
    const build = await t.client.build(svc, [(await t.client.asset(svc, '/a.txt', 'a')).versionSid]);
    expect((await t.client.deploy(svc, env.sid, build.sid)).status).toBe(201);
    expect((await t.client.deploy(svc, env.sid, build.sid)).status).toBe(409);
    const other = (await t.client.service()).sid;
    const otherEnv = await t.client.environment(other);
    expect((await t.client.deploy(other, otherEnv.sid, build.sid)).status).toBe(404);
  });
});

describe('deleting', () => {
  it('removes an undeployed asset and its bytes', async () => {
    const svc = (await t.client.service()).sid;
    const before = (await contentState(t.server)).blobs;
    const a = await t.client.asset(svc, '/gone.txt', `unique bytes ${Math.random()}`);
    expect((await contentState(t.server)).blobs.length).toBe(before.length + 1);
    expect((await t.client.delete(`/v1/Services/${svc}/Assets/${a.assetSid}`)).status).toBe(204);
    expect((await t.client.get(`/v1/Services/${svc}/Assets/${a.assetSid}`)).status).toBe(404);
    expect((await contentState(t.server)).blobs).toEqual(before);
  });

  it('keeps serving a deleted asset that is deployed, until the next deploy', async () => {
    const svc = (await t.client.service()).sid;
    const env = await t.client.environment(svc);
    const a = await t.client.asset(svc, '/kept.txt', 'still here');
    await t.client.deploy(svc, env.sid, (await t.client.build(svc, [a.versionSid])).sid);
    expect((await t.client.delete(`/v1/Services/${svc}/Assets/${a.assetSid}`)).status).toBe(204);
    expect((await t.client.get(`/v1/Services/${svc}/Assets`)).json!.assets).toEqual([]);
    expect((await t.client.site(env.domain_name, '/kept.txt')).body.toString()).toBe('still here');
  });

  it('refuses to delete the live build', async () => {
    const svc = (await t.client.service()).sid;
    const env = await t.client.environment(svc);
    const build = await t.client.build(svc, [(await t.client.asset(svc, '/b.txt', 'b')).versionSid]);
    await t.client.deploy(svc, env.sid, build.sid);
    const res = await t.client.delete(`/v1/Services/${svc}/Builds/${build.sid}`);
    expect(res.status).toBe(409);
    expect(res.json!.message).toContain('production');
    expect((await t.client.site(env.domain_name, '/b.txt')).status).toBe(200);
  });

  it('deletes a service with everything under it: its domains stop serving and its bytes go', async () => {
    const before = (await contentState(t.server)).blobs;
    const svc = (await t.client.service()).sid;
    const env = await t.client.environment(svc);
    const a = await t.client.asset(svc, '/x.txt', `service bytes ${Math.random()}`);
    await t.client.deploy(svc, env.sid, (await t.client.build(svc, [a.versionSid])).sid);
    expect((await t.client.delete(`/v1/Services/${svc}`)).status).toBe(204);
    expect((await t.client.get(`/v1/Services/${svc}`)).status).toBe(404);
    expect((await t.client.site(env.domain_name, '/x.txt')).status).toBe(404);
    expect((await t.client.site(env.domain_name, '/')).status).toBe(404);
    expect((await contentState(t.server)).blobs).toEqual(before);
  });
});
