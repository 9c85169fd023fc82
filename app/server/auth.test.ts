import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function signIn(): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${server.origin}/auth/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.origin },
    body: JSON.stringify({ accountSid: server.accountSid, authToken: server.authToken }),
  });
  expect(res.status).toBe(200);
  const setCookie = res.headers.get('set-cookie')!;
  return { cookie: setCookie.split(';')[0]!, csrf: ((await res.json()) as { csrf_token: string }).csrf_token };
}

const createService = (headers: Record<string, string>) =>
  fetch(`${server.origin}/v1/Services`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ UniqueName: `s${Math.random().toString(36).slice(2, 9)}`, FriendlyName: 'x' }),
  });

describe('editor sessions', () => {
  it('sets an HttpOnly, SameSite=Strict cookie for the right credentials only', async () => {
    const res = await fetch(`${server.origin}/auth/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ accountSid: server.accountSid, authToken: server.authToken }),
    });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^studio_session=[\w-]+; HttpOnly; SameSite=Strict; Path=\//);
    const wrong = await fetch(`${server.origin}/auth/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ accountSid: server.accountSid, authToken: 'nope' }),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('signs in by the printed link, and not by a wrong one', async () => {
    const good = await fetch(`${server.origin}/auth/sign-in?token=${server.signInToken}`, { redirect: 'manual' });
    expect(good.status).toBe(302);
    expect(good.headers.get('location')).toBe('/');
    const cookie = good.headers.get('set-cookie')!.split(';')[0]!;
    const session = await fetch(`${server.origin}/auth/session`, { headers: { Cookie: cookie } });
    expect(session.status).toBe(200);
    const bad = await fetch(`${server.origin}/auth/sign-in?token=guess`, { redirect: 'manual' });
    expect(bad.headers.get('set-cookie')).toBeNull();
  });

  it('reads with the session alone, but changes state only with the CSRF token and our Origin', async () => {
    const { cookie, csrf } = await signIn();
    expect((await fetch(`${server.origin}/v1/Services`, { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await createService({ Cookie: cookie })).status).toBe(403);
    expect((await createService({ Cookie: cookie, 'X-CSRF-Token': 'wrong' })).status).toBe(403);
    // A page on an environment domain is same-site (cookie sent) but cross-origin.
    const fromSite = await createService({
      Cookie: cookie,
      'X-CSRF-Token': csrf,
      Origin: 'http://demo-1234.localhost:3000',
    });
    expect(fromSite.status).toBe(403);
    expect((await createService({ Cookie: cookie, 'X-CSRF-Token': csrf, Origin: server.origin })).status).toBe(201);
  });

  it('ends the session on sign-out', async () => {
    const { cookie, csrf } = await signIn();
    const out = await fetch(`${server.origin}/auth/session`, {
      method: 'DELETE',
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf },
    });
    expect(out.status).toBe(204);
    expect((await fetch(`${server.origin}/v1/Services`, { headers: { Cookie: cookie } })).status).toBe(401);
    expect((await fetch(`${server.origin}/auth/session`, { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('refuses a sign-in posted from another origin', async () => {
    const res = await fetch(`${server.origin}/auth/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://evil.localhost:3000' },
      body: JSON.stringify({ accountSid: server.accountSid, authToken: server.authToken }),
    });
    expect(res.status).toBe(403);
  });

  it('is not locked out by a cookie of the same name planted by a page on a sibling domain', async () => {
    const { cookie, csrf } = await signIn();
    // What the browser sends after a deployed page set `studio_session=x; domain=…; path=/v1`:
    // the more specific cookie first.
    const planted = `studio_session=planted-by-a-page; ${cookie}`;
    expect((await fetch(`${server.origin}/v1/Services`, { headers: { Cookie: planted } })).status).toBe(200);
    expect((await fetch(`${server.origin}/auth/session`, { headers: { Cookie: planted } })).status).toBe(200);
    const write = await createService({ Cookie: planted, 'X-CSRF-Token': csrf, Origin: server.origin });
    expect(write.status).toBe(201);
  });

  it('uses a __Host- prefixed, Secure cookie over https', async () => {
    const proxied = await startTestServer({ trustProxy: true, dataDir: server.dataDir });
    try {
      const res = await fetch(`${proxied.origin}/auth/session`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Forwarded-Proto': 'https',
          Origin: `https://127.0.0.1:${proxied.port}`,
        },
        body: JSON.stringify({ accountSid: proxied.accountSid, authToken: proxied.authToken }),
      });
      expect(res.status).toBe(200);
      const setCookie = res.headers.get('set-cookie')!;
      expect(setCookie).toMatch(
        /^__Host-studio_session=[\w-]+; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+; Secure$/,
      );
      expect(setCookie).not.toMatch(/Domain=/i);
      const cookie = setCookie.split(';')[0]!;
      const session = await fetch(`${proxied.origin}/auth/session`, {
        headers: { Cookie: `studio_session=planted; ${cookie}`, 'X-Forwarded-Proto': 'https' },
      });
      expect(session.status).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});
