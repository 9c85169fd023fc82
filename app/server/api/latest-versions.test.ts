import { describe, expect, it } from 'vitest';
import { useTestServer } from '../test-client.ts';

const t = useTestServer();

describe('latest versions (extension)', () => {
  it("lists every asset's and function's latest version sid, as the lists do, without deleted or empty files", async () => {
    const svc = (await t.client.service()).sid as string;
    const env = await t.client.environment(svc);
    const first = await t.client.asset(svc, '/a.txt', 'one');
    const second = await t.client.upload(`/v1/Services/${svc}/Assets/${first.assetSid}/Versions`, {
      Path: '/a.txt',
      Visibility: 'public',
      Content: 'two',
    });
    await t.client.post(`/v1/Services/${svc}/Assets`, { FriendlyName: 'no version yet' });
    const gone = await t.client.asset(svc, '/gone.txt', 'deleted');
    expect((await t.client.delete(`/v1/Services/${svc}/Assets/${gone.assetSid}`)).status).toBe(204);
    const hidden = await t.client.asset(svc, '/hidden.txt', 'deployed, then deleted');
    await t.client.deploy(svc, env.sid, (await t.client.build(svc, [hidden.versionSid])).sid as string);
    expect((await t.client.delete(`/v1/Services/${svc}/Assets/${hidden.assetSid}`)).status).toBe(204);
    const last = await t.client.asset(svc, '/b.txt', 'b');
    const fn = (await t.client.post(`/v1/Services/${svc}/Functions`, { FriendlyName: '/hi' })).json!;
    const fnVersion = await t.client.upload(`/v1/Services/${svc}/Functions/${fn.sid}/Versions`, {
      Path: '/hi',
      Visibility: 'public',
      Content: 'exports.handler = (c, e, cb) => cb(null, "hi");',
      filename: 'hi.js',
    });

    const res = await t.client.get(`/v1/Services/${svc}/LatestVersions`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      account_sid: t.server.accountSid,
      service_sid: svc,
      asset_versions: [second.json!.sid, last.versionSid],
      function_versions: [fnVersion.json!.sid],
      url: `${t.server.origin}/v1/Services/${svc}/LatestVersions`,
    });
    // The same as the lists say, in their order.
    const assets = (await t.client.get(`/v1/Services/${svc}/Assets?PageSize=1000`)).json!.assets as {
      latest_version: { sid: string } | null;
    }[];
    expect(assets.flatMap((a) => (a.latest_version ? [a.latest_version.sid] : []))).toEqual(res.json!.asset_versions);
  });

  it('answers an unknown service with a Twilio 404', async () => {
    const res = await t.client.get(`/v1/Services/ZS${'0'.repeat(32)}/LatestVersions`);
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ code: 20404, status: 404 });
  });
});
