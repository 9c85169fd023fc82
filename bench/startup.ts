/**
 * Start-up benchmark: time from spawning the server to its API answering (`/v1/Services`, any
 * status), the CPU time all its processes had used by then (load-independent, unlike the wall
 * time), the time until every process serves (the banner, printed once all listen), and the memory
 * of all its processes once idle (anonymous memory of each plus the mapped files, mostly the node
 * binary shared by all, counted once; Σ RSS is printed too).
 *
 * Variants, measured in the same run, rounds interleaved (each round runs every variant once, in
 * a rotated order), each round with a fresh data directory:
 * - the shipped bundle (dist/server, rebuilt from the sources first) with its V8 code cache;
 * - the same bundle at its first start (code cache deleted before each round);
 * - BENCH_BASELINE=<dir>: another build of the server (e.g. main's: `node scripts/build-server.mjs
 *   dist/base/server` on a checkout of main), the reference when given;
 * - the same sources run through tsx (the reference otherwise; BENCH_TSX=0 leaves it out).
 * A benchmark, not a test: it prints figures and exits 0 unless setup fails.
 *
 *   npx tsx bench/startup.ts        BENCH_RUNS (5) rounds, WORKERS as the server reads it
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { treeCpuMs, treeMemory } from './serve/proc.ts';
import { median, report } from './serve/report.ts';
import { buildServer } from './serve/studio.ts';
import { freePort } from './serve/wait.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SHIPPED = join(REPO, 'dist/server');

interface Variant {
  /** For the per-round lines. */
  name: string;
  label: string;
  args: string[];
  /** Before each round (e.g. delete the code cache). */
  prepare?: () => void;
}

interface Round {
  ms: number;
  cpuMs: number;
  allMs: number;
  rss: number;
  unique: number;
}

/** The V8 code cache files the server keeps beside its bundle (see app/server/code-cache.ts). */
const removeCodeCache = (dir: string) => {
  for (const name of readdirSync(dir)) if (name.endsWith('.v8cache')) rmSync(join(dir, name), { force: true });
};

const baseline = process.env.BENCH_BASELINE ? resolve(REPO, process.env.BENCH_BASELINE) : undefined;
const VARIANTS: Variant[] = [
  { name: 'cached', label: 'bundle (dist/server, what ships)', args: ['--expose-gc', join(SHIPPED, 'main.js')] },
  {
    name: 'first',
    label: 'bundle, first start (no code cache)',
    args: ['--expose-gc', join(SHIPPED, 'main.js')],
    prepare: () => removeCodeCache(SHIPPED),
  },
  ...(baseline
    ? [
        {
          name: 'baseline',
          label: `baseline (${process.env.BENCH_BASELINE})`,
          args: ['--expose-gc', join(baseline, 'main.js')],
        },
      ]
    : []),
  ...(process.env.BENCH_TSX === '0'
    ? []
    : [{ name: 'tsx', label: 'tsx on the sources', args: ['--import', 'tsx', join(REPO, 'app/server/main.ts')] }]),
];

/** Resolves once something accepts connections on the port (cheaper to poll than an HTTP request). */
function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function round(variant: Variant): Promise<Round> {
  variant.prepare?.();
  const dataDir = mkdtempSync(join(tmpdir(), 'assets-studio-startup-'));
  const port = await freePort();
  const started = performance.now();
  let allMs = 0;
  const child = spawn(process.execPath, variant.args, {
    cwd: REPO,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG: 'false', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  // A function, not the property: the checks in the loops below must not narrow it.
  const exitCode = () => child.exitCode;
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!allMs && stdout.includes('Assets Studio is running')) allMs = performance.now() - started;
  });
  try {
    let ms = 0;
    let cpuMs = 0;
    for (;;) {
      if (exitCode() !== null) throw new Error(`${variant.label}: the server exited (${exitCode()})`);
      if (await accepting(port)) {
        // The port is bound once the first process listens; the answer is what is timed.
        const res = await fetch(`http://127.0.0.1:${port}/v1/Services`);
        await res.arrayBuffer();
        ms = performance.now() - started;
        cpuMs = treeCpuMs(child.pid!);
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
      if (performance.now() - started > 120_000) throw new Error(`${variant.label}: no answer in 120 s`);
    }
    while (!allMs) {
      if (exitCode() !== null) throw new Error(`${variant.label}: the server exited (${exitCode()})`);
      await new Promise((r) => setTimeout(r, 5));
    }
    // Idle: let start-up garbage be collected before reading memory.
    await new Promise((r) => setTimeout(r, 1500));
    return { ms, cpuMs, allMs, ...treeMemory(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

buildServer();
if (baseline && !existsSync(join(baseline, 'main.js'))) throw new Error(`no main.js in ${baseline}`);
// One start to make the code cache (and to warm the page cache) before measuring.
await round(VARIANTS[0]!);
const loadBefore = load();
const rounds = VARIANTS.map(() => [] as Round[]);
for (let i = 0; i < RUNS; i++) {
  const order = VARIANTS.map((_, v) => (v + i) % VARIANTS.length);
  const line: string[] = [];
  for (const v of order) {
    const r = await round(VARIANTS[v]!);
    rounds[v]!.push(r);
    line.push(`${VARIANTS[v]!.name} ${r.ms.toFixed(0)} ms (CPU ${r.cpuMs.toFixed(0)})`);
  }
  console.log(`round ${i + 1}: ${line.join(', ')}; load ${load()}`);
}
const results = VARIANTS.map((variant, v) => {
  const of = (pick: (r: Round) => number) => median(rounds[v]!.map(pick));
  return {
    label: variant.label,
    ms: of((r) => r.ms),
    cpuMs: of((r) => r.cpuMs),
    allMs: of((r) => r.allMs),
    mb: of((r) => r.rss) / 1024 / 1024,
    uniqueMb: of((r) => r.unique) / 1024 / 1024,
  };
});
console.log(
  `\nStart-up, median of ${RUNS} rounds (WORKERS=${process.env.WORKERS ?? 'default'}; load average before ${loadBefore}, after ${load()}):`,
);
console.log(
  '| variant | start → API answering | CPU used by then, all processes | start → all processes serving | idle memory, all processes (shared files once) | Σ RSS |',
);
console.log('|---|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.label} | ${r.ms.toFixed(0)} ms | ${r.cpuMs.toFixed(0)} ms | ${r.allMs.toFixed(0)} ms | ${r.uniqueMb.toFixed(0)} MB | ${r.mb.toFixed(0)} MB |`,
  );
}
const bundle = results[0]!;
const reference = results[2] ?? results[1]!;
report({
  measure: 'start → API answering',
  figure: `${(bundle.ms / 1000).toFixed(2)} s (CPU used by then, all processes: ${bundle.cpuMs.toFixed(0)} ms; first start after a build ${(results[1]!.ms / 1000).toFixed(2)} s)`,
  reference: `${reference.label} ${(reference.ms / 1000).toFixed(2)} s (CPU ${reference.cpuMs.toFixed(0)} ms); load average ${loadBefore}`,
  goal: '≤ 0.3 s',
  met: bundle.ms <= 300,
});
report({
  measure: 'idle memory of all processes',
  figure: `${bundle.uniqueMb.toFixed(0)} MB with the node binary's pages counted once (Σ RSS ${bundle.mb.toFixed(0)} MB), WORKERS=${process.env.WORKERS ?? 'default'}`,
  reference: `${reference.label} ${reference.uniqueMb.toFixed(0)} MB (Σ RSS ${reference.mb.toFixed(0)} MB)`,
  goal: '≤ 150 MB',
  met: bundle.uniqueMb <= 150,
});
