/**
 * `npm run bench`: runs every benchmark in bench/ as its own process, one after another (they
 * would disturb each other in parallel), shows their output as it comes, and ends with one
 * markdown table of the figures they report (the `BENCH {...}` lines, see serve/report.ts).
 * Scripts that are not there (deploy-all, functions) are skipped. Exits non-zero only when a
 * script fails to run; a figure short of its goal is reported, not an error.
 *
 *   npm run bench                  BENCH_ONLY=serve,startup to run some; each script's own
 *                                  variables (BENCH_RUNS, BENCH_SECONDS…) pass through
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_PREFIX, type BenchFigure } from './serve/report.ts';

const BENCH = fileURLToPath(new URL('.', import.meta.url));

/** In the order of the table; env gives defaults that keep `npm run bench` to minutes. */
const SCRIPTS: { name: string; env?: Record<string, string> }[] = [
  { name: 'serve', env: { BENCH_RUNS: '3', BENCH_SECONDS: '5' } },
  { name: 'upload-memory' },
  { name: 'editor-load' },
  { name: 'deploy-all' },
  { name: 'startup' },
  { name: 'functions' },
  // Issue 10's: serving from S3 against disk, and deploy latency across two instances.
  { name: 's3-serve', env: { BENCH_RUNS: '3', BENCH_SECONDS: '5' } },
  { name: 'deploy-latency' },
];

function run(name: string, env: Record<string, string>): Promise<{ figures: BenchFigure[]; code: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH, `${name}.ts`)], {
      env: { ...env, ...process.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const figures: BenchFigure[] = [];
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith(BENCH_PREFIX)) figures.push(JSON.parse(line.slice(BENCH_PREFIX.length)) as BenchFigure);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ figures, code: code ?? 1 }));
  });
}

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const rows: string[] = [];
let failed = 0;
for (const script of SCRIPTS) {
  if (only && !only.includes(script.name)) continue;
  if (!existsSync(join(BENCH, `${script.name}.ts`))) {
    console.log(`\n=== bench/${script.name}.ts: not there, skipped`);
    continue;
  }
  console.log(`\n=== bench/${script.name}.ts`);
  const started = performance.now();
  const { figures, code } = await run(script.name, script.env ?? {});
  console.log(`=== bench/${script.name}.ts: ${((performance.now() - started) / 1000).toFixed(0)} s, exit ${code}`);
  if (code !== 0) failed++;
  if (code !== 0 && figures.length === 0) rows.push(`| bench/${script.name}.ts | failed (exit ${code}) | | | |`);
  else if (figures.length === 0) rows.push(`| bench/${script.name}.ts | no BENCH lines: see its output above | | | |`);
  for (const f of figures) {
    rows.push(`| ${f.measure} | ${f.figure} | ${f.reference} | ${f.goal} | ${f.met ? 'yes' : '**no**'} |`);
  }
}
console.log(`\n| measure | figure | reference (same run) | goal | met |\n|---|---|---|---|---|\n${rows.join('\n')}`);
if (failed > 0) process.exitCode = 1;
