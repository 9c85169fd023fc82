/**
 * Serving benchmark: the same three public files served by Assets Studio (deployed through the
 * API, on an environment domain) and by nginx tuned as a fast production nginx (workers = cores,
 * sendfile, tcp_nopush, open_file_cache: see NGINX_TUNING), loaded with wrk in the same run.
 * The 1 KiB and 100 KiB files are also deployed as protected assets in the same build and loaded
 * with a valid X-Twilio-Signature, to compare a signed GET with a public one.
 * Prints req/s, p99 and the ratios per size. A benchmark, not a test: it exits 0 whatever the
 * numbers, and non-zero only when setup fails.
 *
 *   npx tsx bench/serve.ts         BENCH_SECONDS (10) per run, BENCH_RUNS (1), BENCH_WARMUP_SECONDS (2)
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectedSignature } from '../app/server/runtime/signature.ts';
import { NGINX_CANDIDATES, NGINX_TUNING, startNginx } from './serve/nginx.ts';
import { median, report } from './serve/report.ts';
import { deployFiles, startStudio } from './serve/studio.ts';
import { freePort } from './serve/wait.ts';
import { runWrk, type WrkResult } from './serve/wrk.ts';

interface Size {
  label: string;
  bytes: number;
  connections: number;
  /** Minimum req/s ratio to nginx (the issue's goal). */
  target: number;
  /** Also served as a protected asset: minimum req/s ratio of signed GETs to public GETs. */
  protectedTarget?: number;
}

const SIZES: Size[] = [
  { label: '1 KiB', bytes: 1024, connections: 64, target: 1.0, protectedTarget: 0.95 },
  { label: '100 KiB', bytes: 100 * 1024, connections: 64, target: 1.3, protectedTarget: 0.95 },
  { label: '5 MiB', bytes: 5 * 1024 * 1024, connections: 16, target: 1.4 },
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
function get(
  port: number,
  path: string,
  host?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; length: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: { ...headers, ...(host ? { Host: host } : {}) } },
      (res) => {
        let length = 0;
        res.on('data', (chunk: Buffer) => (length += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, length }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
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
  const publicFiles = SIZES.map((size) => {
    const file = join(filesDir, `asset-${size.bytes}.bin`);
    writeFileSync(file, randomBytes(size.bytes));
    return file;
  });
  const protectedFiles = SIZES.filter((size) => size.protectedTarget !== undefined).map((size) => {
    const file = join(filesDir, `protected-${size.bytes}.bin`);
    writeFileSync(file, randomBytes(size.bytes));
    return file;
  });

  const [studioPort, nginxPort] = [await freePort(), await freePort()];
  const studio = await startStudio(join(tempDir, 'data'), studioPort);
  children.add(studio.child);
  const domain = await deployFiles(studio, publicFiles, protectedFiles);
  children.add(await startNginx(nginx, join(tempDir, 'nginx'), filesDir, nginxPort));

  type Name = 'nginx' | 'ours' | 'protected';
  interface Target {
    port: number;
    host: string | undefined;
    path: (size: Size) => string;
    headers: (size: Size) => Record<string, string>;
  }
  // What a Twilio client sends: the signature of the full URL it requests, with the auth token.
  const signed = (size: Size) => ({
    'X-Twilio-Signature': expectedSignature(studio.authToken, `http://${domain}/protected-${size.bytes}.bin`),
  });
  const targets: Record<Name, Target> = {
    nginx: { port: nginxPort, host: undefined, path: (s) => `/asset-${s.bytes}.bin`, headers: () => ({}) },
    ours: { port: studioPort, host: domain, path: (s) => `/asset-${s.bytes}.bin`, headers: () => ({}) },
    protected: { port: studioPort, host: domain, path: (s) => `/protected-${s.bytes}.bin`, headers: signed },
  };
  const namesFor = (size: Size): Name[] =>
    size.protectedTarget === undefined ? ['nginx', 'ours'] : ['nginx', 'ours', 'protected'];
  for (const size of SIZES) {
    for (const name of namesFor(size)) {
      const t = targets[name];
      const res = await get(t.port, t.path(size), t.host, t.headers(size));
      if (res.status !== 200 || res.length !== size.bytes) {
        throw new Error(`${name} answered ${res.status} with ${res.length} bytes for the ${size.label} file`);
      }
    }
  }
  // The check must be real: an unsigned request for the protected file is refused.
  const unsigned = await get(studioPort, `/protected-1024.bin`, domain);
  if (unsigned.status !== 403) throw new Error(`an unsigned GET of a protected asset answered ${unsigned.status}`);

  console.log(`nginx: ${NGINX_TUNING}`);
  console.log(`wrk -t2, ${SECONDS}s per run, ${RUNS} run(s) per size and server; ours: ${domain}\n`);
  const load = (name: Name, size: Size, seconds: number) =>
    runWrk(
      {
        url: `http://127.0.0.1:${targets[name].port}${targets[name].path(size)}`,
        host: targets[name].host,
        headers: targets[name].headers(size),
        threads: 2,
        connections: size.connections,
        seconds,
      },
      (child) => (wrk = child),
    );

  for (const size of SIZES) for (const name of namesFor(size)) await load(name, size, WARMUP);

  const rows = [['size', 'nginx req/s', 'nginx p99', 'ours req/s', 'ours p99', 'ratio', 'target', 'result']];
  const protectedRows = [['size', 'public req/s', 'signed req/s', 'signed p99', 'ratio', 'target', 'result']];
  let turn = 0;
  for (const size of SIZES) {
    const results: Partial<Record<Name, WrkResult>>[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Rotate who goes first so that warming (or heating) the machine favours none.
      const names = namesFor(size);
      const shift = turn++ % names.length;
      const order = [...names.slice(shift), ...names.slice(0, shift)];
      const done: Partial<Record<Name, WrkResult>> = {};
      for (const name of order) done[name] = await load(name, size, SECONDS);
      results.push(done);
      if (RUNS > 1) {
        console.log(
          `  ${size.label} run ${run + 1}: ${order.map((n) => `${n} ${fmtRps(done[n]!.requestsPerSec)}/s`).join(', ')}`,
        );
      }
      for (const name of order) {
        if (done[name]!.errors > 0)
          console.log(`  warning: ${name} had ${done[name]!.errors} errors/non-2xx responses (${size.label})`);
      }
    }
    const rps = (name: Name) => median(results.map((r) => r[name]!.requestsPerSec));
    const ratio = median(results.map((r) => r.ours!.requestsPerSec / r.nginx!.requestsPerSec));
    rows.push([
      size.label,
      fmtRps(rps('nginx')),
      fmtMs(median(results.map((r) => r.nginx!.p99Ms))),
      fmtRps(rps('ours')),
      fmtMs(median(results.map((r) => r.ours!.p99Ms))),
      ratio.toFixed(2),
      `≥ ${size.target}`,
      ratio >= size.target ? 'pass' : 'FAIL',
    ]);
    report({
      measure: `public GET ÷ nginx, ${size.label}`,
      figure: `${ratio.toFixed(2)} (${fmtRps(rps('ours'))} req/s)`,
      reference: `nginx ${fmtRps(rps('nginx'))} req/s`,
      goal: `≥ ${size.target}`,
      met: ratio >= size.target,
    });
    if (size.protectedTarget !== undefined) {
      const signedRatio = median(results.map((r) => r.protected!.requestsPerSec / r.ours!.requestsPerSec));
      protectedRows.push([
        size.label,
        fmtRps(rps('ours')),
        fmtRps(rps('protected')),
        fmtMs(median(results.map((r) => r.protected!.p99Ms))),
        signedRatio.toFixed(2),
        `≥ ${size.protectedTarget}`,
        signedRatio >= size.protectedTarget ? 'pass' : 'FAIL',
      ]);
      report({
        measure: `protected (signed) GET ÷ public GET, ${size.label}`,
        figure: `${signedRatio.toFixed(2)} (${fmtRps(rps('protected'))} req/s)`,
        reference: `public GET of the same server ${fmtRps(rps('ours'))} req/s`,
        goal: `≥ ${size.protectedTarget}`,
        met: signedRatio >= size.protectedTarget,
      });
    }
  }
  const note = RUNS > 1 ? '(medians; ratio = median of the per-run ratios)\n' : '';
  console.log(`\nPublic GET, ours ÷ nginx:\n${table(rows)}\n`);
  console.log(`Protected (signed) GET ÷ public GET, same server:\n${table(protectedRows)}\n${note}`);
}

try {
  await main();
} catch (err) {
  if (!interrupted) console.error(`bench/serve: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
