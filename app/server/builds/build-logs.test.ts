import { describe, expect, it } from 'vitest';
import { useTestServer } from '../test-client.ts';

const t = useTestServer();

/** Every log message of an environment, oldest first. */
async function messages(svc: string, env: string): Promise<{ level: string; message: string; build_sid: string }[]> {
  const res = await t.client.get(`/v1/Services/${svc}/Environments/${env}/Logs?PageSize=100`);
  expect(res.status).toBe(200);
  return (res.json!.logs as { level: string; message: string; build_sid: string }[]).reverse();
}

describe('service events in the environments’ Logs', () => {
  it('logs version changes (created, renamed, visibility changed) to every environment of the service', async () => {
    const svc = (await t.client.service()).sid as string;
    const prod = (await t.client.environment(svc, 'production')).sid as string;
    const stage = (await t.client.environment(svc, 'stage', 'stage')).sid as string;
    const { assetSid, versionSid } = await t.client.asset(svc, '/a.txt', 'a');
    const renamed = await t.client.post(`/v1/Services/${svc}/Assets/${assetSid}/Versions`, {
      SourceVersionSid: versionSid,
      Path: '/b.txt',
      Visibility: 'public',
    });
    expect(renamed.status).toBe(201);
    const hidden = await t.client.post(`/v1/Services/${svc}/Assets/${assetSid}/Versions`, {
      SourceVersionSid: renamed.json!.sid,
      Path: '/b.txt',
      Visibility: 'private',
    });
    expect(hidden.status).toBe(201);

    const expected = [
      `Asset ${assetSid} created at /a.txt, public (version ${versionSid})`,
      `Asset ${assetSid} renamed /a.txt → /b.txt (version ${renamed.json!.sid})`,
      `Asset ${assetSid} visibility of /b.txt changed public → private (version ${hidden.json!.sid})`,
    ];
    for (const env of [prod, stage]) {
      expect((await messages(svc, env)).map((l) => l.message)).toEqual(expected);
    }
  });

  it('logs a failed build with the asset and the rule it broke, and a completed one', async () => {
    const svc = (await t.client.service()).sid as string;
    const env = (await t.client.environment(svc)).sid as string;
    const sids: string[] = [];
    for (let i = 0; i < 51; i++) sids.push((await t.client.asset(svc, `/p${i}.txt`, `p${i}`, 'private')).versionSid);
    const failed = await t.client.build(svc, sids);
    expect(failed.status).toBe('failed');
    const ok = await t.client.build(svc, sids.slice(0, 2));
    expect(ok.status).toBe('completed');

    const builds = (await messages(svc, env)).filter((l) => l.build_sid);
    expect(builds).toEqual([
      expect.objectContaining({
        level: 'error',
        build_sid: failed.sid,
        message: `Build ${failed.sid} failed: The build has 51 private assets; at most 50 private assets are allowed in one build`,
      }),
      expect.objectContaining({
        level: 'info',
        build_sid: ok.sid,
        message: `Build ${ok.sid} completed: 2 assets, 0 functions`,
      }),
    ]);
  });
});
