import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient } from './test-client.ts';
import { createTestDatabase, testPostgresUrl } from './test-postgres.ts';
import { freePort, startServerProcess, type ServerProcess } from './test-process.ts';
import { startTestS3, type TestS3 } from './test-s3.ts';

const MB = 1024 * 1024;
const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const PREFIX = 'studio/';
const AUTHORIZATION = `Basic ${Buffer.from(`AC${'5'.repeat(32)}:${'6'.repeat(32)}`).toString('base64')}`;
/** Unfinished uploads older than this are swept by the surviving instances (an hour by default). */
const STALE_UPLOAD_SECONDS = 5;

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

const killAll = (pids: number[]) => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
};

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Instances of the server as a load balancer would have them: separate processes on separate
// ports, each with a data directory of its own (with S3 it holds only caches), one PostgreSQL
// database, one S3 bucket (s3rver, reached with the AWS SDK), the same credentials and domain base.
describe.runIf(testPostgresUrl())('instances sharing one PostgreSQL and one S3 bucket', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let s3: TestS3;
  let drop: () => Promise<void>;
  let hanging: Server;
  let shared: Record<string, string>;
  const others: ServerProcess[] = [];
  const left: number[] = [];

  beforeAll(async () => {
    const database = await createTestDatabase(testPostgresUrl()!);
    drop = () => database.drop();
    s3 = await startTestS3({ prefix: PREFIX });
    // A registry that never answers: instance A's dependency installs hang (a build to kill it in).
    hanging = createServer(() => undefined);
    const registryPort = await freePort();
    await new Promise<void>((resolve) => hanging.listen(registryPort, '127.0.0.1', resolve));
    shared = {
      DATABASE_URL: database.url,
      S3_BUCKET: s3.config.bucket,
      S3_ENDPOINT: s3.config.endpoint!,
      S3_PREFIX: PREFIX,
      S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      STALE_UPLOAD_SECONDS: String(STALE_UPLOAD_SECONDS),
      DOMAIN_BASE: 'multi.test',
      TWILIO_ACCOUNT_SID: `AC${'5'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: '6'.repeat(32),
    };
    // Started together: the schema is migrated once, under PostgreSQL's advisory lock.
    [a, b] = await Promise.all([
      startServerProcess({ ...shared, npm_config_registry: `http://127.0.0.1:${registryPort}/` }),
      startServerProcess(shared),
    ]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), ...others.map((server) => server.close())]);
    killAll(left);
    hanging?.close();
    await drop?.();
    await s3?.close();
  });

  const clientOf = (server: ServerProcess) => testClient({ ...server, authorization: AUTHORIZATION });

  it('serves on both, within a second, a deploy made through one of content uploaded through the other', async () => {
    const viaA = clientOf(a);
    const viaB = clientOf(b);
    expect(a.dataDir).not.toBe(b.dataDir);
    const svc = (await viaA.service()).sid as string;
    const env = await viaB.environment(svc);
    const first = await viaA.asset(svc, '/hello.txt', 'first bytes');
    expect((await viaB.deploy(svc, env.sid, (await viaB.build(svc, [first.versionSid])).sid)).status).toBe(201);
    for (let round = 1; round <= 3; round++) {
      const bytes = `bytes of round ${round}`;
      const next = await viaA.asset(svc, '/hello.txt', bytes);
      const build = await viaA.build(svc, [next.versionSid]);
      // Deployed through B: A learns of it from PostgreSQL (NOTIFY, or its periodic re-check).
      expect((await viaB.deploy(svc, env.sid, build.sid)).status).toBe(201);
      const deployedAt = Date.now();
      const servedBy = async (client: typeof viaA) => {
        for (;;) {
          const res = await client.site(env.domain_name, '/hello.txt');
          if (res.body.toString() === bytes) return Date.now() - deployedAt;
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      const [onA, onB] = await Promise.all([servedBy(viaA), servedBy(viaB)]);
      console.log(`deploy through B served by A after ${onA} ms, by B after ${onB} ms`);
      expect(onA).toBeLessThan(1000);
      expect(onB).toBeLessThan(1000);
      // The bytes are in the bucket, under their hash; no instance keeps content in its data directory.
      expect(await s3.keys()).toContain(`${PREFIX}blobs/${sha(bytes)}`);
    }
    expect(existsSync(join(a.dataDir, 'blobs'))).toBe(false);
    expect(existsSync(join(b.dataDir, 'blobs'))).toBe(false);
    // A session made on one instance works on the other.
    const signIn = await fetch(`${a.origin}/auth/sign-in?token=${a.signInToken}`, { redirect: 'manual' });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const session = await fetch(`${b.origin}/auth/session`, { headers: { Cookie: cookie } });
    expect(session.status).toBe(200);
  }, 120_000);

  it('sweeps the multipart upload of an instance killed mid-upload, keeping no object and no version', async () => {
    const c = await startServerProcess(shared);
    others.push(c);
    const viaA = clientOf(a);
    const viaB = clientOf(b);
    const svc = (await viaA.service()).sid as string;
    const asset = (await viaA.post(`/v1/Services/${svc}/Assets`, { FriendlyName: '/big.bin' })).json!.sid as string;
    const content = randomBytes(20 * MB);
    const boundary = 'multi-instance-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="Path"\r\n\r\n/big.bin\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="Visibility"\r\n\r\npublic\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="Content"; filename="big.bin"\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    // Half of the body through C, with the length of the whole: C is streaming it into S3.
    const req = request({
      host: '127.0.0.1',
      port: c.port,
      method: 'POST',
      path: `/v1/Services/${svc}/Assets/${asset}/Versions`,
      headers: {
        Authorization: AUTHORIZATION,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(head.length + content.length + tail.length),
      },
    });
    const answered = new Promise<string>((resolve) => {
      req.on('response', (res) => resolve(`HTTP ${res.statusCode}`));
      req.on('error', (err) => resolve(err.message));
    });
    req.write(head);
    req.write(content.subarray(0, 10 * MB));
    // Past the first 5 MB part: a multipart upload under tmp/ is under way (and named in the bucket).
    const uploading = await until(
      'the multipart upload through C',
      async () => (await s3.uploads()).find((key) => key.startsWith(`${PREFIX}tmp/`)),
      60_000,
    );
    const startedAt = Date.now();
    // C dies with everything it runs, as when its machine goes.
    killAll([c.child.pid!, ...descendants(c.child.pid!)]);
    expect(await answered).not.toMatch(/^HTTP/);
    // A and B delete an upload older than STALE_UPLOAD_SECONDS, on their own timers.
    await until(
      'the sweep of the dead upload',
      async () => ((await s3.uploads()).includes(uploading) ? undefined : true),
      60_000,
    );
    console.log(`unfinished upload of a killed instance swept ${Date.now() - startedAt} ms after the kill`);
    const keys = await s3.keys();
    expect(keys.filter((key) => key.startsWith(`${PREFIX}tmp/`))).toEqual([]);
    expect(keys).not.toContain(`${PREFIX}blobs/${sha(content)}`);
    expect(await s3.uploads()).toEqual([]);
    // No version was recorded, and the instances left serve on.
    const versions = await viaB.get(`/v1/Services/${svc}/Assets/${asset}/Versions`);
    expect(versions.status).toBe(200);
    expect(versions.json!.asset_versions).toEqual([]);
    expect((await viaA.get(`/v1/Services/${svc}/Assets/${asset}`)).status).toBe(200);
  }, 180_000);

  it('serves on every instance within a second a deploy with dependencies that one is still installing', async () => {
    const viaA = clientOf(a);
    const viaB = clientOf(b);
    const svc = (await viaB.service()).sid as string;
    const env = await viaB.environment(svc);
    const page = await viaB.asset(svc, '/page.txt', 'built with a dependency');
    const fn = await viaB.post(`/v1/Services/${svc}/Functions`, { FriendlyName: 'check' });
    const code = `exports.handler = (context, event, callback) => callback(null, String(require('is-number')(event.n)));\n`;
    const fnVersion = await viaB.upload(`/v1/Services/${svc}/Functions/${fn.json!.sid}/Versions`, {
      Path: '/check',
      Visibility: 'public',
      Content: code,
      filename: 'check.js',
    });
    // B installs from the registry; A's registry never answers, so A can never install it.
    const created = await viaB.post(`/v1/Services/${svc}/Builds`, {
      AssetVersions: page.versionSid,
      FunctionVersions: fnVersion.json!.sid as string,
      Dependencies: JSON.stringify([{ name: 'is-number', version: '6.0.0' }]),
    });
    expect(created.status).toBe(201);
    const buildSid = created.json!.sid as string;
    const status = await until(
      'the build completed on B',
      async () => {
        const s = (await viaB.get(`/v1/Services/${svc}/Builds/${buildSid}/Status`)).json!.status as string;
        return s === 'building' ? undefined : s;
      },
      120_000,
    );
    expect(status).toBe('completed');
    expect((await viaB.deploy(svc, env.sid, buildSid)).status).toBe(201);
    const deployedAt = Date.now();
    // A serves the build's assets within the second, while its install of is-number hangs.
    await until(
      'the new build served by A',
      async () => ((await viaA.site(env.domain_name, '/page.txt')).status === 200 ? true : undefined),
      1000,
    );
    console.log(`deploy with dependencies through B served by A after ${Date.now() - deployedAt} ms`);
    // B, which installed it, runs the function with it.
    expect((await viaB.site(env.domain_name, '/check?n=5')).body.toString()).toBe('true');
  }, 180_000);

  it('finishes on the other instance a build whose instance died half-way', async () => {
    const viaA = clientOf(a);
    const viaB = clientOf(b);
    const svc = (await viaA.service()).sid as string;
    const env = await viaA.environment(svc);
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
    // B finished it from the bucket: deployed, B serves its bytes.
    expect((await viaB.deploy(svc, env.sid, buildSid)).status).toBe(201);
    const served = await until(
      'the finished build served by B',
      async () => {
        const res = await viaB.site(env.domain_name, '/dep.txt');
        return res.status === 200 ? res.body.toString() : undefined;
      },
      10_000,
    );
    expect(served).toBe('with a dependency');
  }, 200_000);
});
