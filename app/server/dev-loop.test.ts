import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import { testClient } from './test-client.ts';
import { startTestServer, type TestServer } from './test-server.ts';

// `npm run dev`: the editor from Vite's dev server, the API behind its proxy. Every write the editor
// makes must get through the proxy and the server's CSRF checks.
let api: TestServer;
let vite: ViteDevServer;
let viteOrigin: string;

beforeAll(async () => {
  api = await startTestServer();
  process.env.ASSETS_STUDIO_API = api.origin;
  vite = await createServer({
    configFile: 'vite.config.ts',
    logLevel: 'silent',
    server: { port: 0, host: '127.0.0.1' },
  });
  await vite.listen();
  const address = vite.httpServer!.address();
  viteOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await vite.close();
  delete process.env.ASSETS_STUDIO_API;
  await api.close();
});

describe('the dev loop (Vite dev server → API)', () => {
  it('serves the editor page', async () => {
    const res = await fetch(`${viteOrigin}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
  });

  it('signs in, creates a service, uploads, renames, deploys and deletes through the proxy', async () => {
    const signIn = await fetch(`${viteOrigin}/auth/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: viteOrigin },
      body: JSON.stringify({ accountSid: api.accountSid, authToken: api.authToken }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const { csrf_token: csrf } = (await signIn.json()) as { csrf_token: string };
    const headers = { Cookie: cookie, 'X-CSRF-Token': csrf, Origin: viteOrigin };

    const created = await fetch(`${viteOrigin}/v1/Services`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ UniqueName: `dev${Date.now().toString(36)}`, FriendlyName: 'Dev loop' }),
    });
    expect(created.status).toBe(201);
    const service = (await created.json()) as { sid: string };

    const asset = (await (
      await fetch(`${viteOrigin}/v1/Services/${service.sid}/Assets`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ FriendlyName: 'hello' }),
      })
    ).json()) as { sid: string };
    const form = new FormData();
    form.set('Path', '/hello.txt');
    form.set('Visibility', 'public');
    form.set('Content', new Blob(['hello from the dev loop']), 'hello.txt');
    const version = await fetch(`${viteOrigin}/v1/Services/${service.sid}/Assets/${asset.sid}/Versions`, {
      method: 'POST',
      headers,
      body: form,
    });
    expect(version.status).toBe(201);
    const uploaded = (await version.json()) as { sid: string; path: string };
    expect(uploaded.path).toBe('/hello.txt');

    const post = (path: string, fields: Record<string, string>) =>
      fetch(`${viteOrigin}${path}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields),
      });
    // Rename as the editor does: a new version from the bytes of the last one.
    const renamed = await post(`/v1/Services/${service.sid}/Assets/${asset.sid}/Versions`, {
      SourceVersionSid: uploaded.sid,
      Path: '/renamed.txt',
      Visibility: 'public',
    });
    expect(renamed.status).toBe(201);
    const renamedSid = ((await renamed.json()) as { sid: string }).sid;

    const env = (await (await post(`/v1/Services/${service.sid}/Environments`, { UniqueName: 'dev' })).json()) as {
      sid: string;
      domain_name: string;
    };
    const build = (await (await post(`/v1/Services/${service.sid}/Builds`, { AssetVersions: renamedSid })).json()) as {
      sid: string;
    };
    const deployed = await post(`/v1/Services/${service.sid}/Environments/${env.sid}/Deployments`, {
      BuildSid: build.sid,
    });
    expect(deployed.status).toBe(201);
    const served = await testClient(api).site(env.domain_name, '/renamed.txt');
    expect(served.body.toString()).toBe('hello from the dev loop');

    const removed = await fetch(`${viteOrigin}/v1/Services/${service.sid}`, { method: 'DELETE', headers });
    expect(removed.status).toBe(204);
  });

  it('still refuses a write from another origin', async () => {
    const res = await fetch(`${viteOrigin}/auth/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://evil.localhost:5173' },
      body: JSON.stringify({ accountSid: api.accountSid, authToken: api.authToken }),
    });
    expect(res.status).toBe(403);
  });
});
