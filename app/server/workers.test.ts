import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient } from './test-client.ts';
import { deployFunctions } from './test-functions.ts';
import { startServerProcess, type ServerProcess } from './test-process.ts';

// The server as `npm start` runs it, with two processes sharing the port.
let server: ServerProcess;
let banner = '';

beforeAll(async () => {
  server = await startServerProcess({ WORKERS: '2' });
  banner = server.output();
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
    // The deploy answers once every process serves it: no request after it gets the old bytes.
    expect(new Set(await bodies())).toEqual(new Set(['200 second']));
  });

  it('all run a function from the moment its deploy answers', async () => {
    const client = testClient(server);
    const deployed = await deployFunctions(client, {
      '/hello': `exports.handler = (context, event, callback) => callback(null, 'hello from ' + context.DOMAIN_NAME);\n`,
    });
    const answers = await Promise.all(Array.from({ length: 16 }, () => client.site(deployed.domain, '/hello')));
    expect(new Set(answers.map((r) => `${r.status} ${r.body.toString()}`))).toEqual(
      new Set([`200 hello from ${deployed.domain}`]),
    );
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

describe('a process killed during an upload', () => {
  it('leaves no temp file once its replacement has started, while the others go on', async () => {
    const client = testClient(server);
    const svc = (await client.service('killed')).sid;
    const asset = (await client.post(`/v1/Services/${svc}/Assets`, { FriendlyName: 'big' })).json!.sid;
    const boundary = 'x-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="Path"\r\n\r\n/big.bin\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="Visibility"\r\n\r\npublic\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="Content"; filename="big.bin"\r\n\r\n`,
    );
    const upload = request(`${server.origin}/v1/Services/${svc}/Assets/${asset}/Versions`, {
      method: 'POST',
      headers: {
        Authorization: server.authorization,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(head.length + 20 * 1024 * 1024),
      },
    });
    upload.on('error', () => {});
    upload.write(head);
    upload.write(Buffer.alloc(1024 * 1024, 1));
    const tmp = join(server.dataDir, 'tmp');
    for (let i = 0; i < 100 && readdirSync(tmp).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const [file] = readdirSync(tmp);
    expect(file).toMatch(/^\d+-/);
    process.kill(Number(file!.split('-')[0]), 'SIGKILL');

    for (let i = 0; i < 200 && readdirSync(tmp).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(tmp)).toEqual([]);
    expect((await client.get('/v1/Services')).status).toBe(200);
    upload.destroy();
  });
});

describe('a process that starts while a deploy happens', () => {
  it('serves the deploy within a second once it is up (started slowly, after a crash)', async () => {
    const slow = await startServerProcess({ WORKERS: '2', TEST_START_DELAY_MS: '1500' });
    try {
      const client = testClient(slow);
      const svc = (await client.service('restart')).sid;
      const env = await client.environment(svc);
      const first = await client.asset(svc, '/page.txt', 'first');
      await client.deploy(svc, env.sid, (await client.build(svc, [first.versionSid])).sid);

      // Kill one process: the primary starts another, which reads the sites and then, 1.5 s later, serves.
      const [victim] = readFileSync(`/proc/${slow.child.pid}/task/${slow.child.pid}/children`, 'utf-8')
        .trim()
        .split(/\s+/)
        .map(Number);
      process.kill(victim!, 'SIGKILL');
      const loaded = /test: process (\d+) has read the sites/g;
      const started = () => [...slow.output().matchAll(loaded)].map((m) => Number(m[1]));
      for (let i = 0; i < 200 && started().length < 3; i++) await new Promise((r) => setTimeout(r, 25));
      expect(started()).toHaveLength(3);
      // Deployed while the new process is between reading the sites and serving.
      const second = await client.upload(`/v1/Services/${svc}/Assets/${first.assetSid}/Versions`, {
        Path: '/page.txt',
        Visibility: 'public',
        Content: 'second',
      });
      const deployed = await client.deploy(svc, env.sid, (await client.build(svc, [second.json!.sid])).sid);
      expect(deployed.status).toBe(201);

      // Once the new process is up (1.5 s after it started) plus one second, every process serves it.
      await new Promise((r) => setTimeout(r, 2000));
      const bodies = await Promise.all(
        Array.from({ length: 32 }, () => client.site(env.domain_name, '/page.txt').then((r) => r.body.toString())),
      );
      expect(new Set(bodies)).toEqual(new Set(['second']));
    } finally {
      await slow.close();
    }
  });
});
