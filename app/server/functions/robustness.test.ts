import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionsConfig } from '../config.ts';
import { testClient } from '../test-client.ts';
import { buildFiles, callDomain, deployFunctions, type Deployed } from '../test-functions.ts';
import { startTestServer, type TestServer } from '../test-server.ts';

// Real processes under short limits: what a misbehaving function can and cannot do to the server.

// Long enough for V8 to give up on a 64 MB heap on a busy machine (about 2 s here).
const TIMEOUT_MS = 4000;
const IDLE_MS = 3000;

const FUNCTIONS: Record<string, string> = {
  '/ok': `exports.handler = (context, event, callback) => callback(null, 'ok');`,
  '/hang': `exports.handler = () => {};`,
  '/async-throw': `exports.handler = (context, event, callback) => { setTimeout(() => { throw new Error('late'); }, 10); };`,
  '/exit': `exports.handler = () => process.exit(3);`,
  '/bomb': `exports.handler = () => { const keep = []; for (;;) keep.push(new Array(1e6).fill(Math.random())); };`,
  '/slow': `exports.handler = (context, event, callback) => setTimeout(() => callback(null, 'slow'), 700);`,
  '/pid': `exports.handler = (context, event, callback) => callback(null, { pid: process.pid });`,
  '/snoop': `const fs = require('fs');
  const path = require('path');
  const attempt = (fn) => { try { fn(); return 'allowed'; } catch (e) { return e.code || e.message; } };
  exports.handler = (context, event, callback) => {
    const own = Runtime.getAssets()['/secret.txt'].path;
    const buildsDir = path.resolve(own, '../../..');
    const dataDir = path.dirname(buildsDir);
    callback(null, {
      own: fs.readFileSync(own, 'utf8'),
      database: attempt(() => fs.readFileSync(path.join(dataDir, 'studio.db'))),
      credentials: attempt(() => fs.readdirSync(dataDir)),
      otherBuilds: attempt(() => fs.readdirSync(buildsDir)),
      otherBuild: attempt(() => fs.readdirSync(path.join(buildsDir, event.other))),
      write: attempt(() => fs.writeFileSync(own + '.x', 'x')),
      spawn: attempt(() => require('child_process').execSync('true')),
      env: Object.keys(process.env).sort(),
    });
  };`,
};

let server: TestServer;
let client: ReturnType<typeof testClient>;
let site: Deployed;
const call = (path: string, init?: Parameters<typeof callDomain>[3]) =>
  callDomain(server.port, site.domain, path, init);

async function logMessages(): Promise<string[]> {
  const res = await client.get(`/v1/Services/${site.serviceSid}/Environments/${site.envSid}/Logs?PageSize=500`);
  return (res.json!.logs as { message: string }[]).map((l) => l.message);
}

/** Function processes this test process started (directly or through the server it runs). */
function runnerProcesses(): number {
  let n = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('functions-runner')) n++;
    } catch {
      // gone meanwhile
    }
  }
  return n;
}

beforeAll(async () => {
  server = await startTestServer({
    functions: { ...functionsConfig({}), timeoutMs: TIMEOUT_MS, idleMs: IDLE_MS, memoryMb: 64 },
  });
  client = testClient(server);
  site = await deployFunctions(client, FUNCTIONS, { '/secret.txt': ['mine', 'private'] });
}, 60_000);

afterAll(() => server.close());

describe('a function that misbehaves', () => {
  it('never calling back → 504 within the limit, logged; a fresh process answers next', async () => {
    const started = Date.now();
    const res = await call('/hang');
    const took = Date.now() - started;
    expect(res.status).toBe(504);
    expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(took).toBeLessThan(TIMEOUT_MS + 2000);
    expect((await logMessages()).some((m) => m.startsWith('runtime application timed out'))).toBe(true);
    expect((await call('/ok')).text).toBe('ok');
  });

  it('an async throw → 500, and the server lives', async () => {
    const res = await call('/async-throw');
    expect(res.status).toBe(500);
    expect((await logMessages()).some((m) => m.includes('late'))).toBe(true);
    expect((await call('/ok')).status).toBe(200);
  });

  it('process.exit → 500, logged, and a new process takes the next call', async () => {
    const before = (await call('/pid')).json().pid as number;
    const res = await call('/exit');
    expect(res.status).toBe(500);
    expect((await logMessages()).some((m) => /exited with code 3/.test(m))).toBe(true);
    const after = (await call('/pid')).json().pid as number;
    expect(after).toBeGreaterThan(0);
    expect((await call('/ok')).text).toBe('ok');
    void before;
  });

  it('a memory bomb → 500 (out of memory), logged; the next call works', async () => {
    const res = await call('/bomb');
    expect(res.status).toBe(500);
    expect((await logMessages()).some((m) => /out of memory/.test(m))).toBe(true);
    expect((await call('/ok')).text).toBe('ok');
  }, 20_000);

  it('cannot read the data directory, other builds, write files, spawn processes, or see the server’s environment', async () => {
    const other = await buildFiles(
      client,
      site.serviceSid,
      { '/other': FUNCTIONS['/ok']! },
      {
        '/other-secret.txt': ['theirs', 'private'],
      },
    );
    // Lay the other build out by deploying it to a second environment.
    const env2 = await client.environment(site.serviceSid, 'staging', 'staging');
    expect((await client.deploy(site.serviceSid, env2.sid as string, other)).status).toBe(201);
    const res = await call(`/snoop?other=${other}`);
    expect(res.status).toBe(200);
    const seen = res.json();
    expect(seen.own).toBe('mine');
    for (const key of ['database', 'credentials', 'otherBuilds', 'otherBuild', 'write', 'spawn']) {
      expect([key, seen[key]]).toEqual([key, 'ERR_ACCESS_DENIED']);
    }
    expect(seen.env).toEqual(['NODE_ENV', 'NODE_PATH', 'TZ']);
  });
});

describe('limits and bad input', () => {
  it('a body over 1 MB → 413', async () => {
    const res = await call('/ok', { method: 'POST', body: Buffer.alloc(1024 * 1024 + 1, 97) });
    expect(res.status).toBe(413);
    expect(res.json()).toMatchObject({ status: 413 });
  });

  it('too many headers, or too large → 431', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 95; i++) many[`x-h${i}`] = 'v';
    expect((await call('/ok', { headers: many })).status).toBe(431);
    expect((await call('/ok', { headers: { 'x-big': 'a'.repeat(15 * 1024) } })).status).toBe(431);
  });

  it('GET with a body → 403', async () => {
    expect((await call('/ok', { body: 'x' })).status).toBe(403);
  });

  it('none of these affect other invocations', async () => {
    const slow = call('/slow');
    await call('/ok', { method: 'POST', body: Buffer.alloc(1024 * 1024 + 1, 97) });
    await call('/ok', { body: 'x' });
    expect((await slow).text).toBe('slow');
  });
});

describe('concurrency and lifecycle', () => {
  it('idle processes are stopped', async () => {
    // Two at once need two processes; whatever earlier tests left running may already have idled out.
    expect((await Promise.all([call('/slow'), call('/slow')])).map((r) => r.text)).toEqual(['slow', 'slow']);
    expect(runnerProcesses()).toBeGreaterThan(1);
    await new Promise((r) => setTimeout(r, IDLE_MS + 1000));
    expect(runnerProcesses()).toBe(0);
    expect((await call('/ok')).text).toBe('ok');
  }, 15_000);

  it('a redeploy under load loses no request, and new requests reach the new build', async () => {
    const code = (version: string) => `exports.handler = (c, e, cb) => setTimeout(() => cb(null, '${version}'), 30);`;
    const service = site.serviceSid;
    const env = await client.environment(service, 'load', 'load');
    const v1 = await buildFiles(client, service, { '/version': code('v1') });
    const v2 = await buildFiles(client, service, { '/version': code('v2') });
    expect((await client.deploy(service, env.sid as string, v1)).status).toBe(201);
    let stop = false;
    let switched = false;
    const seen: { status: number; text: string; afterSwitch: boolean }[] = [];
    const loop = async () => {
      while (!stop) {
        const afterSwitch = switched;
        const res = await callDomain(server.port, env.domain_name as string, '/version');
        seen.push({ status: res.status, text: res.text, afterSwitch });
      }
    };
    const loops = Array.from({ length: 6 }, loop);
    await new Promise((r) => setTimeout(r, 300));
    expect((await client.deploy(service, env.sid as string, v2)).status).toBe(201);
    switched = true;
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await Promise.all(loops);
    expect(seen.filter((r) => r.status !== 200)).toEqual([]);
    expect(seen.some((r) => r.text === 'v1')).toBe(true);
    const later = seen.filter((r) => r.afterSwitch);
    expect(later.length).toBeGreaterThan(0);
    expect(later.filter((r) => r.text !== 'v2')).toEqual([]);
  }, 30_000);
});

describe('credentials', () => {
  it('a service without IncludeCredentials has no ACCOUNT_SID/AUTH_TOKEN, and getTwilioClient() fails', async () => {
    const service = await client.post('/v1/Services', {
      UniqueName: `nocreds${Date.now()}`,
      FriendlyName: 'no creds',
      IncludeCredentials: 'false',
    });
    const env = await client.environment(service.json!.sid as string);
    const build = await buildFiles(client, service.json!.sid as string, {
      '/keys': `exports.handler = (c, e, cb) => cb(null, Object.keys(c).sort());`,
      '/client': `exports.handler = (c, e, cb) => { c.getTwilioClient(); cb(null, 'no'); };`,
    });
    const deployed = await client.deploy(service.json!.sid as string, env.sid as string, build);
    expect(deployed.status, JSON.stringify(deployed.json)).toBe(201);
    const keys = await callDomain(server.port, env.domain_name as string, '/keys');
    expect(keys.json()).toEqual(['DOMAIN_NAME', 'ENVIRONMENT_SID', 'PATH', 'SERVICE_SID', 'getTwilioClient']);
    const res = await callDomain(server.port, env.domain_name as string, '/client');
    expect(res.status).toBe(500);
    expect(res.text).toMatch(/ACCOUNT_SID/);
  });
});

describe('the concurrency limit', () => {
  it('31 parallel slow invocations → exactly one 429', async () => {
    // Each invocation waits on a gate this test holds open until thirty are in flight, however
    // long starting thirty processes takes on a busy machine.
    const held: ServerResponse[] = [];
    let thirty: () => void;
    const allHeld = new Promise<void>((resolve) => (thirty = resolve));
    const gate = createServer((_req, res) => {
      held.push(res);
      if (held.length === 30) thirty();
    });
    await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
    const gateUrl = `http://127.0.0.1:${(gate.address() as AddressInfo).port}/`;
    // No bytes move on the held connections until all thirty run: the idle timeout must outlast that.
    const slow = await startTestServer({
      functions: { ...functionsConfig({}), timeoutMs: 60_000 },
      idleTimeoutMs: 120_000,
    });
    try {
      const slowClient = testClient(slow);
      const deployed = await deployFunctions(slowClient, {
        '/wait': `exports.handler = async (context, event, callback) => {
          await fetch(event.gate);
          callback(null, 'done');
        };`,
      });
      const path = `/wait?gate=${encodeURIComponent(gateUrl)}`;
      const first = Array.from({ length: 30 }, () => callDomain(slow.port, deployed.domain, path));
      await allHeld;
      const extra = await callDomain(slow.port, deployed.domain, path);
      expect(extra.status).toBe(429);
      expect(extra.json()).toMatchObject({ status: 429 });
      for (const res of held) res.end('go');
      const statuses = (await Promise.all(first)).map((r) => r.status);
      expect(statuses).toEqual(Array.from({ length: 30 }, () => 200));
    } finally {
      await slow.close();
      gate.close();
    }
  }, 120_000);
});
