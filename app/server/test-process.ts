import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabaseFor, testPostgresUrl } from './test-postgres.ts';
import type { TestServer } from './test-server.ts';

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface ServerProcess extends TestServer {
  child: ChildProcess;
  /** What the server printed on stdout so far (the banner). */
  output(): string;
}

/**
 * The server as `npm start` runs it (main.ts: the cluster primary and its processes), from the
 * sources, with a temporary data directory and known credentials; resolves once the banner is out.
 */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'assets-studio-process-'));
  // With TEST_DATABASE=postgres: the data directory's database in the test cluster.
  const cluster = testPostgresUrl();
  const database = cluster && env.DATABASE_URL === undefined ? await testDatabaseFor(cluster, dataDir) : null;
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'app/server/main.ts'], {
    env: {
      ...process.env,
      WORKERS: '1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG: 'false',
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: authToken,
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let banner = '';
  child.stdout.on('data', (chunk: Buffer) => (banner += chunk.toString()));
  // Up to a minute: a loaded machine (CI, or many test files at once) starts slowly.
  for (let i = 0; i < 1200 && !banner.includes('Data:'); i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    output: () => banner,
    origin: `http://127.0.0.1:${port}`,
    port,
    accountSid,
    authToken,
    authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
    dataDir,
    signInToken: /token=([\w-]+)/.exec(banner)?.[1] ?? '',
    config: { domainBase: `localhost:${port}` } as TestServer['config'],
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      if (!env.DATA_DIR) {
        await database?.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Resident memory of a process and all its descendants, in bytes (Linux /proc). */
export function processTreeRss(rootPid: number): number {
  const status = (pid: number) => {
    try {
      return readFileSync(`/proc/${pid}/status`, 'utf-8');
    } catch {
      return '';
    }
  };
  const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status(rootPid))?.[1] ?? 0);
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${rootPid}/task/${rootPid}/children`, 'utf-8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    // No such process any more.
  }
  return kb * 1024 + children.reduce((sum, pid) => sum + processTreeRss(pid), 0);
}
