import { describe, expect, it } from 'vitest';
import { useTestServer } from '../test-client.ts';

const t = useTestServer();

describe('deployments: history, rollback, promote', () => {
  it('records which kind of client deployed (editor session, twilio-run, any other API client), newest first', async () => {
    const { client, server } = t;
    const svc = (await client.service()).sid;
    const env = await client.environment(svc);
    const builds = [];
    for (const text of ['one', 'two', 'three']) {
      const v = await client.asset(svc, `/${text}.txt`, text);
      builds.push((await client.build(svc, [v.versionSid])).sid as string);
    }
    const deployments = `/v1/Services/${svc}/Environments/${env.sid}/Deployments`;

    const viaTwilioRun = await client.call('POST', deployments, new URLSearchParams({ BuildSid: builds[0]! }), {
      'User-Agent': '@twilio-labs/serverless-api/5.5.0 (linux x64) node/v22.1.0 twilio-run/5.0.1 twilio-run:deploy',
    });
    expect(viaTwilioRun.status).toBe(201);
    expect(viaTwilioRun.json!.client).toBe('twilio-run');

    const viaApi = await client.call('POST', deployments, new URLSearchParams({ BuildSid: builds[1]! }), {
      'User-Agent': 'twilio-node/5.0.0 (linux x64) node/v22.1.0',
    });
    expect(viaApi.json!.client).toBe('api');

    // The editor: a session cookie and CSRF token, no Basic credentials.
    const signIn = await fetch(`${server.origin}/auth/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.origin },
      body: JSON.stringify({ accountSid: server.accountSid, authToken: server.authToken }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const { csrf_token } = (await signIn.json()) as { csrf_token: string };
    const viaEditor = await fetch(`${server.origin}${deployments}`, {
      method: 'POST',
      headers: {
        Cookie: cookie,
        'X-CSRF-Token': csrf_token,
        Origin: server.origin,
        'Content-Type': 'application/x-www-form-urlencoded',
        'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 twilio-run/1 (not a CLI: the session decides)',
      },
      body: new URLSearchParams({ BuildSid: builds[2]! }),
    });
    expect(viaEditor.status).toBe(201);
    expect(((await viaEditor.json()) as { client: string }).client).toBe('editor');

    const list = await client.get(deployments);
    expect(list.json!.deployments.map((d: { build_sid: string; client: string }) => [d.build_sid, d.client])).toEqual([
      [builds[2], 'editor'],
      [builds[1], 'api'],
      [builds[0], 'twilio-run'],
    ]);
  });

  it('rolls back to an earlier build and promotes a build to another environment without rebuilding', async () => {
    const { client } = t;
    const svc = (await client.service()).sid;
    const production = await client.environment(svc, 'production');
    const staging = await client.environment(svc, 'staging', 'stage');
    const a = await client.asset(svc, '/page.txt', 'first bytes');
    const first = await client.build(svc, [a.versionSid]);
    const second = await client.upload(`/v1/Services/${svc}/Assets/${a.assetSid}/Versions`, {
      Path: '/page.txt',
      Visibility: 'public',
      Content: 'second bytes',
    });
    const newer = await client.build(svc, [second.json!.sid as string]);
    const buildCount = async () => (await client.get(`/v1/Services/${svc}/Builds`)).json!.builds.length as number;
    const builds = await buildCount();

    expect((await client.deploy(svc, production.sid, first.sid as string)).status).toBe(201);
    expect((await client.deploy(svc, production.sid, newer.sid as string)).status).toBe(201);
    expect((await client.site(production.domain_name as string, '/page.txt')).body.toString()).toBe('second bytes');

    // Roll back: the earlier build goes live again.
    expect((await client.deploy(svc, production.sid, first.sid as string)).status).toBe(201);
    expect((await client.site(production.domain_name as string, '/page.txt')).body.toString()).toBe('first bytes');

    // Promote: the build production serves goes live on staging as it is.
    expect((await client.deploy(svc, staging.sid, first.sid as string)).status).toBe(201);
    expect((await client.site(staging.domain_name as string, '/page.txt')).body.toString()).toBe('first bytes');
    expect(await buildCount()).toBe(builds);
  });

  it('lists each build entry with its size and sha256', async () => {
    const { client } = t;
    const svc = (await client.service()).sid;
    const v = await client.asset(svc, '/sized.txt', 'twelve bytes');
    const build = await client.build(svc, [v.versionSid]);
    expect(build.asset_versions[0]).toMatchObject({
      sid: v.versionSid,
      size: 12,
      sha256: 'd4ce2c527afe674c7a086bd74e256019e3d5dcdb31eeb6eaadef5ada8c4383b9',
    });
  });
});
