import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient } from './test-client.ts';
import type { TestServer } from './test-server.ts';

// The server as `npm start` runs it, with two processes sharing the port.
let child: ChildProcess;
let server: TestServer;
let banner = '';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'assets-studio-workers-'));
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  child = spawn(process.execPath, ['--import', 'tsx', 'app/server/main.ts'], {
    env: {
      ...process.env,
      WORKERS: '2',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG: 'false',
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: authToken,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (banner += chunk.toString()));
  for (let i = 0; i < 300 && !banner.includes('Data:'); i++) await new Promise((r) => setTimeout(r, 50));
  server = {
    origin: `http://127.0.0.1:${port}`,
    port,
    accountSid,
    authToken,
    authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
    dataDir,
    signInToken: /token=([\w-]+)/.exec(banner)?.[1] ?? '',
    config: {} as TestServer['config'],
    close: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});

afterAll(() => server.close());

describe('several server processes', () => {
  it('start together on one port and one data directory', () => {
    expect(banner).toContain('Assets Studio is running (2 processes)');
  });

  it('all serve a deploy made through any one of them', async () => {
    const client = testClient(server);
    const svc = (await client.service('workers')).sid;
    const env = await client.environment(svc);
    const asset = await client.asset(svc, '/hello.txt', 'first');
    await client.deploy(svc, env.sid, (await client.build(svc, [asset.versionSid])).sid);
    // Each request below is a new connection, so they are spread over the processes.
    const bodies = async () =>
      Promise.all(Array.from({ length: 16 }, () => client.site(env.domain_name, '/hello.txt'))).then((all) =>
        all.map((r) => `${r.status} ${r.body.toString()}`),
      );
    expect(new Set(await bodies())).toEqual(new Set(['200 first']));

    const next = await client.upload(`/v1/Services/${svc}/Assets/${asset.assetSid}/Versions`, {
      Path: '/hello.txt',
      Visibility: 'public',
      Content: 'second',
    });
    await client.deploy(svc, env.sid, (await client.build(svc, [next.json!.sid])).sid);
    for (let i = 0; i < 50; i++) {
      const seen = new Set(await bodies());
      if (seen.size === 1 && seen.has('200 second')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(new Set(await bodies())).toEqual(new Set(['200 second']));
  });

  it('accept the one sign-in link printed at start in every process', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(`${server.origin}/auth/sign-in?token=${server.signInToken}`, { redirect: 'manual' }).then((r) =>
          r.headers.get('location'),
        ),
      ),
    );
    expect(new Set(results)).toEqual(new Set(['/']));
  });

  it('stop with a clear message, instead of restarting forever, when the port is taken', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'assets-studio-busy-'));
    const started = spawn(process.execPath, ['--import', 'tsx', 'app/server/main.ts'], {
      env: { ...process.env, WORKERS: '2', PORT: String(server.port), DATA_DIR: dataDir, LOG: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => started.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(output).toContain(`Port ${server.port} on 127.0.0.1 is in use`);
    expect(output).toContain('A server process could not start');
  });
});
