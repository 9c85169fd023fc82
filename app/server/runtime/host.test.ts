import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient } from '../test-client.ts';
import { startTestServer, type TestServer } from '../test-server.ts';
import { hostnameOf, normalizeHost } from './host.ts';

describe('normalizeHost and hostnameOf', () => {
  it('lower-cases, drops a trailing dot, keeps the port; hostnameOf drops the port', () => {
    expect(normalizeHost('Demo-1234.LOCALHOST.:3000')).toBe('demo-1234.localhost:3000');
    expect(normalizeHost('demo-1234.localhost:3000x')).toBeNull();
    expect(hostnameOf('demo-1234.localhost:3000')).toBe('demo-1234.localhost');
    expect(hostnameOf('demo-1234.localhost')).toBe('demo-1234.localhost');
    expect(hostnameOf('[::1]:3000')).toBe('[::1]');
    expect(hostnameOf('[::1]')).toBe('[::1]');
  });
});

// Two instances on one machine, as the README's "Running more than one instance" starts them: the
// same data and the same DOMAIN_BASE (instance A's port), each listening on its own port. A browser
// that reaches B writes B's port in the Host: B serves the environment there too.
describe('an environment domain reached through another port', () => {
  let a: TestServer;
  let b: TestServer;
  let name: string;
  let domain: string;

  beforeAll(async () => {
    a = await startTestServer();
    b = await startTestServer({ dataDir: a.dataDir, content: a.config.content, domainBase: a.config.domainBase });
    const viaA = testClient(a);
    const svc = (await viaA.service()).sid as string;
    const env = await viaA.environment(svc);
    domain = env.domain_name as string;
    name = domain.replace(/:\d+$/, '');
    const page = await viaA.asset(svc, '/page.txt', 'on every port');
    const secret = await viaA.asset(svc, '/secret.xml', '<Response/>', 'protected');
    const build = await viaA.build(svc, [page.versionSid, secret.versionSid]);
    expect((await viaA.deploy(svc, env.sid, build.sid)).status).toBe(201);
    // B applies A's deploy from the shared journal (within a second).
    for (let i = 0; i < 100 && (await testClient(b).site(domain, '/page.txt')).status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('is served by either instance on its own port, and without a port', async () => {
    expect(domain).toBe(`${name}:${a.port}`);
    for (const [server, host] of [
      [a, domain],
      [b, domain],
      [b, `${name}:${b.port}`],
      [a, `${name}:${b.port}`],
      [b, name],
      [b, `${name.toUpperCase()}.:${b.port}`],
    ] as const) {
      const res = await testClient(server).site(host, '/page.txt');
      expect(res.status, `${host} via ${server.port}`).toBe(200);
      expect(res.body.toString(), host).toBe('on every port');
    }
  });

  it('checks a protected asset’s signature against the URL the client used, port included', async () => {
    const viaB = testClient(b);
    const hostB = `${name}:${b.port}`;
    const signedFor = (host: string) => ({
      'X-Twilio-Signature': twilio.getExpectedTwilioSignature(b.authToken, `http://${host}/secret.xml`, {}),
    });
    expect((await viaB.site(hostB, '/secret.xml')).status).toBe(403);
    const signed = await viaB.site(hostB, '/secret.xml', { headers: signedFor(hostB) });
    expect(signed.status).toBe(200);
    expect(signed.body.toString()).toBe('<Response/>');
    // A signature over A's URL does not open it on B's port.
    expect((await viaB.site(hostB, '/secret.xml', { headers: signedFor(domain) })).status).toBe(403);
  });

  it('answers a name under DOMAIN_BASE that no environment has with a 404 on any port, never the editor', async () => {
    for (const host of [
      `nobody-0000.localhost:${b.port}`,
      'nobody-0000.localhost',
      `nobody-0000.localhost:${a.port}`,
    ]) {
      const res = await testClient(b).site(host, '/');
      expect(res.status, host).toBe(404);
      expect(res.body.toString(), host).toBe('No environment has this domain\n');
    }
    // The editor and the API stay on the instance's own name, whatever its port.
    const api = await testClient(b).site(`localhost:${b.port}`, '/v1/Services', {
      headers: { Authorization: b.authorization },
    });
    expect(api.status).toBe(200);
    expect(JSON.parse(api.body.toString())).toHaveProperty('services');
  });
});

describe('two environments with one host name on different ports', () => {
  it('serves each on its own port and neither on a third', async () => {
    // DOMAIN_BASE changed between runs (the default follows PORT): environments made before and
    // after share a host name; only the exact port tells them apart.
    const first = await startTestServer({ domainBase: 'localhost:1111' });
    const second = await startTestServer({
      dataDir: first.dataDir,
      content: first.config.content,
      domainBase: 'localhost:2222',
    });
    try {
      const viaFirst = testClient(first);
      const viaSecond = testClient(second);
      const svc = (await viaFirst.service()).sid as string;
      const old = await viaFirst.environment(svc, 'production');
      const renewed = await viaSecond.environment(svc, 'renewed');
      const name = (old.domain_name as string).replace(/:1111$/, '');
      expect(renewed.domain_name).toBe(`${name}:2222`);
      for (const [env, text] of [
        [old, 'old port'],
        [renewed, 'new port'],
      ] as const) {
        const version = await viaSecond.asset(svc, `/${text.replace(' ', '-')}.txt`, text);
        await viaSecond.deploy(
          svc,
          env.sid as string,
          (await viaSecond.build(svc, [version.versionSid])).sid as string,
        );
      }
      expect((await viaSecond.site(`${name}:1111`, '/old-port.txt')).body.toString()).toBe('old port');
      expect((await viaSecond.site(`${name}:2222`, '/new-port.txt')).body.toString()).toBe('new port');
      for (const host of [`${name}:3333`, name]) {
        const res = await viaSecond.site(host, '/new-port.txt');
        expect(res.status, host).toBe(404);
        expect(res.body.toString(), host).toBe('No environment has this domain\n');
      }
    } finally {
      await second.close();
      await first.close();
    }
  });
});
