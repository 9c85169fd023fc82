import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient } from './test-client.ts';
import { createTestDatabase, testPostgresUrl } from './test-postgres.ts';
import { freePort, startServerProcess, type ServerProcess } from './test-process.ts';

/** Every descendant of a process (Linux /proc), to stop what a killed server left running. */
function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf-8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    // gone
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

// Two instances of the server, as a load balancer would have them: separate processes on separate
// ports, one PostgreSQL database, one content directory, the same credentials and domain base.
describe.runIf(testPostgresUrl())('two instances sharing one PostgreSQL', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let dataDir: string;
  let drop: () => Promise<void>;
  let hanging: Server;
  const left: number[] = [];

  beforeAll(async () => {
    const database = await createTestDatabase(testPostgresUrl()!);
    drop = () => database.drop();
    dataDir = mkdtempSync(join(tmpdir(), 'assets-studio-multi-'));
    // A registry that never answers: instance A's dependency installs hang (a build to kill it in).
    hanging = createServer(() => undefined);
    const registryPort = await freePort();
    await new Promise<void>((resolve) => hanging.listen(registryPort, '127.0.0.1', resolve));
    const shared = {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      DOMAIN_BASE: 'multi.test',
      TWILIO_ACCOUNT_SID: `AC${'5'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: '6'.repeat(32),
    };
    a = await startServerProcess({ ...shared, npm_config_registry: `http://127.0.0.1:${registryPort}/` });
    b = await startServerProcess(shared);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    hanging?.close();
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const clientOf = (server: ServerProcess) =>
    testClient({
      ...server,
      authorization: `Basic ${Buffer.from(`AC${'5'.repeat(32)}:${'6'.repeat(32)}`).toString('base64')}`,
    });

  it('serves on both, within a second, a deploy made through one of content uploaded through the other', async () => {
    const viaA = clientOf(a);
    const viaB = clientOf(b);
    const svc = (await viaA.service()).sid as string;
    const env = await viaB.environment(svc);
    const first = await viaA.asset(svc, '/hello.txt', 'first bytes');
    expect((await viaB.deploy(svc, env.sid, (await viaB.build(svc, [first.versionSid])).sid)).status).toBe(201);
    const second = await viaA.asset(svc, '/hello.txt', 'second bytes');
    const build = await viaA.build(svc, [second.versionSid]);
    // Deployed through B: A learns of it from PostgreSQL (NOTIFY, or its periodic re-check).
    expect((await viaB.deploy(svc, env.sid, build.sid)).status).toBe(201);
    const deployedAt = Date.now();
    const servedBy = async (client: typeof viaA) => {
      for (;;) {
        const res = await client.site(env.domain_name, '/hello.txt');
        if (res.body.toString() === 'second bytes') return Date.now() - deployedAt;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const [onA, onB] = await Promise.all([servedBy(viaA), servedBy(viaB)]);
    console.log(`deploy through B served by A after ${onA} ms, by B after ${onB} ms`);
    expect(onA).toBeLessThan(1000);
    expect(onB).toBeLessThan(1000);
    // A session made on one instance works on the other.
    const signIn = await fetch(`${a.origin}/auth/sign-in?token=${a.signInToken}`, { redirect: 'manual' });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const session = await fetch(`${b.origin}/auth/session`, { headers: { Cookie: cookie } });
    expect(session.status).toBe(200);
  });

  it('finishes on the other instance a build whose instance died half-way', async () => {
    const viaA = clientOf(a);
    const viaB = clientOf(b);
    const svc = (await viaA.service()).sid as string;
    const asset = await viaA.asset(svc, '/dep.txt', 'with a dependency');
    const created = await viaA.post(`/v1/Services/${svc}/Builds`, {
      AssetVersions: asset.versionSid,
      Dependencies: JSON.stringify([{ name: 'is-number', version: '7.0.0' }]),
    });
    expect(created.status).toBe(201);
    const buildSid = created.json!.sid as string;
    // A is installing (from a registry that never answers) when it dies.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await viaB.get(`/v1/Services/${svc}/Builds/${buildSid}/Status`)).json!.status).toBe('building');
    left.push(...descendants(a.child.pid!));
    a.child.kill('SIGKILL');
    let status = 'building';
    const deadline = Date.now() + 150_000;
    while (status === 'building' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      status = (await viaB.get(`/v1/Services/${svc}/Builds/${buildSid}/Status`)).json!.status as string;
    }
    expect(status).toBe('completed');
  }, 200_000);
});
