import { describe, expect, it } from 'vitest';
import { pathProblem } from '../shared/paths.ts';
import { generatedPaths } from '../shared/test-paths.ts';
import { assetUrl } from '../shared/urls.ts';
import { useTestServer } from './test-client.ts';

const test = useTestServer();

describe('every path the API accepts is served at the URL Copy URL gives', () => {
  it('agrees with the shared rules, over real HTTP, for generated paths', async () => {
    const paths = [...new Set(generatedPaths(400, 7))];
    const accepted = paths.filter((path) => pathProblem(path) === null).slice(0, 60);
    const refused = paths.filter((path) => pathProblem(path) !== null).slice(0, 30);
    const client = test.client;
    const svc = (await client.service()).sid;
    const env = await client.environment(svc);

    const versions: string[] = [];
    for (const [i, path] of accepted.entries()) {
      const { versionSid } = await client.asset(svc, path, `body ${i}`);
      versions.push(versionSid);
    }
    const slot = (await client.post(`/v1/Services/${svc}/Assets`, { FriendlyName: 'refused' })).json!.sid;
    for (const path of refused) {
      const res = await client.upload(`/v1/Services/${svc}/Assets/${slot}/Versions`, {
        Path: path,
        Visibility: 'public',
        Content: 'refused',
      });
      expect(res.status, path).toBe(400);
      // (A lone surrogate reaches the server as U+FFFD: the reason may differ, never the refusal.)
      expect(res.json!.message, path).toMatch(/^Path /);
    }
    const build = await client.build(svc, versions);
    expect(build.status).toBe('completed');
    await client.deploy(svc, env.sid, build.sid);

    for (const [i, path] of accepted.entries()) {
      const url = new URL(assetUrl('http', env.domain_name, path));
      const res = await client.site(env.domain_name, url.pathname);
      expect(res.status, path).toBe(200);
      expect(res.body.toString(), path).toBe(`body ${i}`);
    }
  });
});
