/**
 * Serving benchmark: the same three public files served by Assets Studio (deployed through the
 * API, on an environment domain) and by nginx with sendfile, loaded with wrk in the same run.
 * Prints req/s, p99 and the ratio to nginx per size. A benchmark, not a test: it exits 0 whatever
 * the numbers, and non-zero only when setup fails.
 *
 *   npx tsx bench/serve.ts         BENCH_SECONDS (10) per run, BENCH_RUNS (1), BENCH_WARMUP_SECONDS (2)
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NGINX_CANDIDATES, startNginx } from './serve/nginx.ts';
import { deployFiles, startStudio } from './serve/studio.ts';
import { freePort } from './serve/wait.ts';
import { runWrk, type WrkResult } from './serve/wrk.ts';

interface Size {
  label: string;
  bytes: number;
  connections: number;
  /** Minimum req/s ratio to nginx. */
  target: number;
}

const SIZES: Size[] = [
  { label: '1 KiB', bytes: 1024, connections: 64, target: 0.6 },
  { label: '100 KiB', bytes: 100 * 1024, connections: 64, target: 0.9 },
  { label: '5 MiB', bytes: 5 * 1024 * 1024, connections: 16, target: 0.7 },
];

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return Math.round(value);
}

const SECONDS = positive('BENCH_SECONDS', 10);
const RUNS = positive('BENCH_RUNS', 1);
const WARMUP = positive('BENCH_WARMUP_SECONDS', 2);

const children = new Set<ChildProcess>();
let wrk: ChildProcess | null = null;
let tempDir: string | null = null;

function killAll(signal: NodeJS.Signals): void {
  wrk?.kill('SIGKILL');
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}

async function cleanUp(): Promise<void> {
  killAll('SIGTERM');
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill('SIGKILL'), 3000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
        }),
    ),
  );
  children.clear();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  tempDir = null;
}

let interrupted = false;
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.on(signal, () => {
    interrupted = true;
    void cleanUp().then(() => process.exit(code));
  });
}
// Last resort if something throws past cleanUp: at least do not leave servers running.
process.on('exit', () => killAll('SIGKILL'));

function found(binary: string, args: string[]): boolean {
  const result = spawnSync(binary, args, { stdio: 'ignore' });
  return result.error === undefined;
}

/** GET with a Host header (fetch refuses to set one); resolves with status and body length. */
function get(port: number, path: string, host?: string): Promise<{ status: number; length: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: host ? { Host: host } : {} }, (res) => {
      let length = 0;
      res.on('data', (chunk: Buffer) => (length += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, length }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const fmtRps = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtMs = (n: number) => `${n.toFixed(2)} ms`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows
    .map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '))
    .join('\n');
}

async function main(): Promise<void> {
  const nginx = NGINX_CANDIDATES.find((candidate) => found(candidate, ['-v']));
  const missing = [found('wrk', ['-v']) ? null : 'wrk', nginx ? null : 'nginx'].filter(Boolean);
  if (missing.length > 0 || !nginx) {
    console.error(`bench/serve needs ${missing.join(' and ')}: apt-get install -y wrk nginx-light`);
    process.exitCode = 1;
    return;
  }

  tempDir = mkdtempSync(join(tmpdir(), 'assets-studio-bench-'));
  // nginx workers started by root run as an unprivileged user that must be able to read the files.
  chmodSync(tempDir, 0o755);
  const filesDir = join(tempDir, 'files');
  mkdirSync(filesDir);
  const files = SIZES.map((size) => {
    const file = join(filesDir, `asset-${size.bytes}.bin`);
    writeFileSync(file, randomBytes(size.bytes));
    return file;
  });

  const [studioPort, nginxPort] = [await freePort(), await freePort()];
  const studio = await startStudio(join(tempDir, 'data'), studioPort);
  children.add(studio.child);
  const domain = await deployFiles(studio, files);
  children.add(await startNginx(nginx, join(tempDir, 'nginx'), filesDir, nginxPort));

  const targets = {
    nginx: { port: nginxPort, host: undefined as string | undefined },
    ours: { port: studioPort, host: domain },
  };
  for (const size of SIZES) {
    for (const [name, t] of Object.entries(targets)) {
      const res = await get(t.port, `/asset-${size.bytes}.bin`, t.host);
      if (res.status !== 200 || res.length !== size.bytes) {
        throw new Error(`${name} answered ${res.status} with ${res.length} bytes for the ${size.label} file`);
      }
    }
  }

  console.log(`wrk -t2, ${SECONDS}s per run, ${RUNS} run(s) per size and server; ours: ${domain}\n`);
  const load = (t: { port: number; host: string | undefined }, size: Size, seconds: number) =>
    runWrk(
      {
        url: `http://127.0.0.1:${t.port}/asset-${size.bytes}.bin`,
        host: t.host,
        threads: 2,
        connections: size.connections,
        seconds,
      },
      (child) => (wrk = child),
    );

  for (const size of SIZES) {
    await load(targets.nginx, size, WARMUP);
    await load(targets.ours, size, WARMUP);
  }

  const rows = [['size', 'nginx req/s', 'nginx p99', 'ours req/s', 'ours p99', 'ratio', 'target', 'result']];
  let turn = 0;
  for (const size of SIZES) {
    const results: { nginx: WrkResult; ours: WrkResult }[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Alternate who goes first so that warming (or heating) the machine favours neither.
      const order = turn++ % 2 === 0 ? (['nginx', 'ours'] as const) : (['ours', 'nginx'] as const);
      const pair: Partial<Record<'nginx' | 'ours', WrkResult>> = {};
      for (const name of order) pair[name] = await load(targets[name], size, SECONDS);
      const done = { nginx: pair.nginx!, ours: pair.ours! };
      results.push(done);
      if (RUNS > 1) {
        console.log(
          `  ${size.label} run ${run + 1}: nginx ${fmtRps(done.nginx.requestsPerSec)}/s, ours ${fmtRps(done.ours.requestsPerSec)}/s, ratio ${(done.ours.requestsPerSec / done.nginx.requestsPerSec).toFixed(2)}`,
        );
      }
      for (const name of order) {
        if (done[name].errors > 0)
          console.log(`  warning: ${name} had ${done[name].errors} errors/non-2xx responses (${size.label})`);
      }
    }
    const ratio = median(results.map((r) => r.ours.requestsPerSec / r.nginx.requestsPerSec));
    rows.push([
      size.label,
      fmtRps(median(results.map((r) => r.nginx.requestsPerSec))),
      fmtMs(median(results.map((r) => r.nginx.p99Ms))),
      fmtRps(median(results.map((r) => r.ours.requestsPerSec))),
      fmtMs(median(results.map((r) => r.ours.p99Ms))),
      ratio.toFixed(2),
      `≥ ${size.target}`,
      ratio >= size.target ? 'pass' : 'FAIL',
    ]);
  }
  console.log(`\n${table(rows)}\n${RUNS > 1 ? '(medians; ratio = median of the per-run ratios)\n' : ''}`);
}

try {
  await main();
} catch (err) {
  if (!interrupted) console.error(`bench/serve: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
