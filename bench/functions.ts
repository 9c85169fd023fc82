/**
 * Functions benchmark. Prints numbers, never fails on them.
 *
 * 1. What Node's permission model costs a function process: cold start (spawn → first answer)
 *    and warm invocations, straight through the pool (no HTTP), with and without it.
 * 2. Hello-world over HTTP: requests/s and p99 with wrk against Assets Studio (deployed through
 *    the API) and against `twilio-run start` serving the same function, both warm; the cold first
 *    request after a deploy and after the idle processes were stopped.
 *
 *   npx tsx bench/functions.ts     BENCH_SECONDS (5), BENCH_COLD_RUNS (8), BENCH_WARM_CALLS (2000), BENCH_CONNECTIONS (8)
 *   twilio-run start forks a process per request (its default), so it is never warm.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BuildPool } from '../app/server/functions/pool.ts';
import { helloLayout, invokeHello } from '../app/server/functions/test-layout.ts';
import { report } from './serve/report.ts';
import { call, sid, startStudio, type Studio } from './serve/studio.ts';
import { freePort, waitForHttp } from './serve/wait.ts';
import { runWrk } from './serve/wrk.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 8);
const WARM_CALLS = Number(process.env.BENCH_WARM_CALLS ?? 2000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const HELLO = `exports.handler = (context, event, callback) => callback(null, 'Hello World');\n`;

const children = new Set<ChildProcess>();
const temp = mkdtempSync(join(tmpdir(), 'bench-functions-'));
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(temp, { recursive: true, force: true });
});

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

const layout = () => helloLayout(join(temp, 'build'), HELLO, [join(REPO, 'node_modules')]);

async function invokeOnce(pool: BuildPool, id: number): Promise<void> {
  const outcome = await invokeHello(pool, `RQ${id}`);
  if (outcome.kind !== 'result' || outcome.result.status !== 200)
    throw new Error(`unexpected ${JSON.stringify(outcome)}`);
}

async function permissionCost(): Promise<void> {
  console.log('\n1. Permission model, through the pool (no HTTP)\n');
  console.log('permission  cold median  cold p90   warm mean   warm p99');
  for (const permission of [false, true]) {
    const cold: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      const pool = new BuildPool(layout(), { timeoutMs: 10_000, idleMs: 60_000, memoryMb: 256, permission });
      const started = performance.now();
      await invokeOnce(pool, i);
      cold.push(performance.now() - started);
      pool.retire();
    }
    const pool = new BuildPool(layout(), { timeoutMs: 10_000, idleMs: 60_000, memoryMb: 256, permission });
    await invokeOnce(pool, -1);
    const warm: number[] = [];
    for (let i = 0; i < WARM_CALLS; i++) {
      const started = performance.now();
      await invokeOnce(pool, i);
      warm.push(performance.now() - started);
    }
    pool.retire();
    cold.sort((a, b) => a - b);
    warm.sort((a, b) => a - b);
    const mean = warm.reduce((a, b) => a + b, 0) / warm.length;
    console.log(
      `${(permission ? 'on' : 'off').padEnd(10)}  ${ms(pct(cold, 0.5)).padStart(11)}  ${ms(pct(cold, 0.9)).padStart(8)}  ${ms(mean).padStart(9)}  ${ms(pct(warm, 0.99)).padStart(9)}`,
    );
  }
}

/** A service and environment with one public function, built and deployed; returns the domain. */
async function deployFunction(studio: Studio, path: string, code: string): Promise<string> {
  const name = `fbench${Date.now().toString(36)}`;
  const service = sid(
    await call(studio, 'POST', '/v1/Services', new URLSearchParams({ UniqueName: name, FriendlyName: name })),
  );
  const env = await call(
    studio,
    'POST',
    `/v1/Services/${service}/Environments`,
    new URLSearchParams({ UniqueName: 'bench' }),
  );
  const fn = sid(
    await call(studio, 'POST', `/v1/Services/${service}/Functions`, new URLSearchParams({ FriendlyName: path })),
  );
  const form = new FormData();
  form.append('Path', path);
  form.append('Visibility', 'public');
  form.append('Content', new Blob([code]), 'fn.js');
  const version = sid(await call(studio, 'POST', `/v1/Services/${service}/Functions/${fn}/Versions`, form));
  const build = sid(
    await call(studio, 'POST', `/v1/Services/${service}/Builds`, new URLSearchParams({ FunctionVersions: version })),
  );
  for (;;) {
    const { status } = await call(studio, 'GET', `/v1/Services/${service}/Builds/${build}/Status`);
    if (status === 'completed') break;
    if (status === 'failed') throw new Error(`build ${build} failed`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await call(
    studio,
    'POST',
    `/v1/Services/${service}/Environments/${sid(env)}/Deployments`,
    new URLSearchParams({ BuildSid: build }),
  );
  return String(env.domain_name);
}

function get(port: number, host: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end();
  });
}

async function timed(fn: () => Promise<number>): Promise<string> {
  const started = performance.now();
  const status = await fn();
  return `${ms(performance.now() - started)} (${status})`;
}

async function overHttp(): Promise<void> {
  console.log(`\n2. Hello world over HTTP (wrk -t2 -c${CONNECTIONS}, ${SECONDS}s, warm)\n`);
  const port = await freePort();
  const idleMs = 2000;
  const studio = await startStudio(join(temp, 'data'), port, { FUNCTIONS_IDLE_MS: String(idleMs) });
  children.add(studio.child);
  const started = performance.now();
  const domain = await deployFunction(studio, '/hello', HELLO);
  const deployMs = performance.now() - started;
  const firstAfterDeploy = await timed(() => get(port, domain, '/hello'));
  await new Promise((r) => setTimeout(r, idleMs + 1000));
  const firstAfterIdle = await timed(() => get(port, domain, '/hello'));
  await runWrk(
    { url: `http://127.0.0.1:${port}/hello`, host: domain, connections: CONNECTIONS, threads: 2, seconds: 2 },
    () => {},
  );
  const ours = await runWrk(
    { url: `http://127.0.0.1:${port}/hello`, host: domain, connections: CONNECTIONS, threads: 2, seconds: SECONDS },
    () => {},
  );

  const project = join(temp, 'project');
  mkdirSync(join(project, 'functions'), { recursive: true });
  writeFileSync(join(project, 'functions', 'hello.js'), HELLO);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'bench', version: '1.0.0', private: true }));
  const runPort = await freePort();
  const twilioRun = spawn(
    process.execPath,
    [join(REPO, 'node_modules/twilio-run/bin/twilio-run.js'), 'start', '--port', String(runPort), '--cwd', project],
    { cwd: project, env: { ...process.env, NODE_ENV: 'production' }, stdio: 'ignore' },
  );
  children.add(twilioRun);
  await waitForHttp(`http://127.0.0.1:${runPort}/hello`, twilioRun);
  const single = [];
  for (let i = 0; i < 3; i++) single.push(await timed(() => get(runPort, `127.0.0.1:${runPort}`, '/hello')));
  await runWrk(
    { url: `http://127.0.0.1:${runPort}/hello`, connections: CONNECTIONS, threads: 2, seconds: 2 },
    () => {},
  );
  const theirs = await runWrk(
    { url: `http://127.0.0.1:${runPort}/hello`, connections: CONNECTIONS, threads: 2, seconds: SECONDS },
    () => {},
  );

  console.log('server          req/s      p99       errors');
  for (const [name, r] of [
    ['assets-studio', ours],
    ['twilio-run', theirs],
  ] as const) {
    console.log(
      `${name.padEnd(14)} ${r.requestsPerSec.toFixed(0).padStart(7)}  ${ms(r.p99Ms).padStart(9)}  ${r.errors}`,
    );
  }
  console.log(`twilio-run, one request at a time: ${single.join(', ')}`);
  const ratio = ours.requestsPerSec / theirs.requestsPerSec;
  console.log(`ratio: ${ratio.toFixed(2)}× (goal ≥ 3×)`);
  report({
    measure: 'Functions hello world over HTTP (not a row of issue 13)',
    figure: `${ours.requestsPerSec.toFixed(0)} req/s, p99 ${ms(ours.p99Ms)}`,
    reference: `twilio-run start ${theirs.requestsPerSec.toFixed(0)} req/s`,
    goal: '≥ 3× twilio-run',
    met: ratio >= 3,
  });
  console.log(`\nservice + upload + build + deploy (lays out and warms): ${ms(deployMs)}`);
  console.log(`first request after deploy: ${firstAfterDeploy}`);
  console.log(`first request after the idle processes stopped: ${firstAfterIdle}`);
}

await permissionCost();
await overHttp();
process.exit(0);
