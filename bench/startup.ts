/**
 * Start-up benchmark: time from spawning the server to its API answering, and the memory of all
 * its processes once idle (anonymous memory of each plus the mapped files, mostly the node binary
 * shared by all, counted once; Σ RSS is printed too), for the shipped bundle (dist/server) and
 * for the same sources run through tsx (the reference, measured in the same run). Each round uses a fresh data directory.
 * A benchmark, not a test: it prints figures and exits 0 unless setup fails.
 *
 *   npx tsx bench/startup.ts        BENCH_RUNS (5) rounds per variant, WORKERS as the server reads it
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { treeCpuMs, treeMemory } from './serve/proc.ts';
import { report } from './serve/report.ts';
import { buildServer } from './serve/studio.ts';
import { freePort } from './serve/wait.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Variant {
  label: string;
  args: string[];
}

const VARIANTS: Variant[] = [
  { label: 'bundle (dist/server, what ships)', args: ['--expose-gc', join(REPO, 'dist/server/main.js')] },
  { label: 'tsx on the sources (before)', args: ['--import', 'tsx', join(REPO, 'app/server/main.ts')] },
];

async function round(variant: Variant): Promise<{ ms: number; cpuMs: number; rss: number; unique: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'assets-studio-startup-'));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, variant.args, {
    cwd: REPO,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG: 'false', NODE_ENV: 'production' },
    stdio: 'ignore',
  });
  try {
    let ms = 0;
    let cpuMs = 0;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${variant.label}: the server exited (${child.exitCode})`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/v1/Services`);
        await res.arrayBuffer();
        ms = performance.now() - started;
        cpuMs = treeCpuMs(child.pid!);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 5));
      }
      if (performance.now() - started > 120_000) throw new Error(`${variant.label}: no answer in 120 s`);
    }
    // Idle: let start-up garbage be collected before reading memory.
    await new Promise((r) => setTimeout(r, 1500));
    return { ms, cpuMs, ...treeMemory(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

buildServer();
const results: { label: string; ms: number; cpuMs: number; mb: number; uniqueMb: number }[] = [];
for (const variant of VARIANTS) {
  const rounds = [];
  for (let i = 0; i < RUNS; i++) rounds.push(await round(variant));
  results.push({
    label: variant.label,
    ms: median(rounds.map((r) => r.ms)),
    cpuMs: median(rounds.map((r) => r.cpuMs)),
    mb: median(rounds.map((r) => r.rss)) / 1024 / 1024,
    uniqueMb: median(rounds.map((r) => r.unique)) / 1024 / 1024,
  });
}
console.log(`\nStart-up, median of ${RUNS} rounds (WORKERS=${process.env.WORKERS ?? 'default'}):`);
console.log(
  '| variant | start → API answering | CPU used by then, all processes | idle memory, all processes (shared files once) | Σ RSS |',
);
console.log('|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.label} | ${r.ms.toFixed(0)} ms | ${r.cpuMs.toFixed(0)} ms | ${r.uniqueMb.toFixed(0)} MB | ${r.mb.toFixed(0)} MB |`,
  );
}
const [bundle, before] = results as [(typeof results)[0], (typeof results)[0]];
console.log(`\nbundle ÷ tsx: time ${(bundle.ms / before.ms).toFixed(2)}, memory ${(bundle.mb / before.mb).toFixed(2)}`);
report({
  measure: 'start → API answering',
  figure: `${(bundle.ms / 1000).toFixed(2)} s (CPU used by then, all processes: ${bundle.cpuMs.toFixed(0)} ms)`,
  reference: `tsx on the sources ${(before.ms / 1000).toFixed(2)} s (CPU ${before.cpuMs.toFixed(0)} ms)`,
  goal: '≤ 0.3 s',
  met: bundle.ms <= 300,
});
report({
  measure: 'idle memory of all processes',
  figure: `${bundle.uniqueMb.toFixed(0)} MB with the node binary's pages counted once (Σ RSS ${bundle.mb.toFixed(0)} MB), WORKERS=${process.env.WORKERS ?? 'default'}`,
  reference: `tsx on the sources ${before.uniqueMb.toFixed(0)} MB (Σ RSS ${before.mb.toFixed(0)} MB)`,
  goal: '≤ 150 MB',
  met: bundle.uniqueMb <= 150,
});
