/**
 * S3 serving benchmark (issue 10): the same public 100 KiB and 5 MiB assets served by an instance
 * whose content is in S3 (an s3rver in its own process, reached with the AWS SDK) and by the default
 * SQLite + disk instance, in the same run, with wrk, after warming both (the S3 instance's memory
 * and disk caches hold the bodies). Prints req/s and the ratio S3 ÷ disk (goal ≥ 0.9). A benchmark,
 * not a test: exits 0 whatever the numbers.
 *
 *   npx tsx bench/s3-serve.ts     BENCH_SECONDS (10) per run, BENCH_RUNS (3), BENCH_WARMUP_SECONDS (3)
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, report } from './serve/report.ts';
import { s3Env, startS3 } from './serve/s3.ts';
import { deployFiles, startStudio, type Studio } from './serve/studio.ts';
import { freePort } from './serve/wait.ts';
import { runWrk } from './serve/wrk.ts';

const SECONDS = Math.max(1, Number(process.env.BENCH_SECONDS ?? 10));
const WARMUP = Math.max(1, Number(process.env.BENCH_WARMUP_SECONDS ?? 3));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const SIZES = [
  { label: '100 KiB', bytes: 100 * 1024, connections: 64 },
  { label: '5 MiB', bytes: 5 * 1024 * 1024, connections: 16 },
];

const children = new Set<ChildProcess>();
let wrk: ChildProcess | null = null;
const killAll = () => {
  wrk?.kill('SIGKILL');
  for (const child of children) child.kill('SIGKILL');
};
process.on('exit', killAll);

async function main(): Promise<void> {
  const temp = mkdtempSync(join(tmpdir(), 'assets-studio-s3-bench-'));
  try {
    const filesDir = join(temp, 'files');
    mkdirSync(filesDir);
    const files = SIZES.map((size) => {
      const file = join(filesDir, `asset-${size.bytes}.bin`);
      writeFileSync(file, randomBytes(size.bytes));
      return file;
    });
    const [s3Port, diskPort, s3StudioPort] = [await freePort(), await freePort(), await freePort()];
    mkdirSync(join(temp, 's3'));
    children.add(await startS3(join(temp, 's3'), s3Port, 'bench'));
    const instances: Record<'disk' | 's3', { studio: Studio; domain: string }> = {} as never;
    for (const [name, port, env] of [
      ['disk', diskPort, { WORKERS: '1' }],
      ['s3', s3StudioPort, { ...s3Env(s3Port, 'bench'), WORKERS: '1' }],
    ] as const) {
      const studio = await startStudio(join(temp, `data-${name}`), port, env);
      children.add(studio.child);
      instances[name] = { studio, domain: await deployFiles(studio, files) };
    }
    const load = (name: 'disk' | 's3', size: (typeof SIZES)[number], seconds: number) => {
      const { studio, domain } = instances[name];
      return runWrk(
        {
          url: `${studio.origin}/asset-${size.bytes}.bin`,
          host: domain,
          headers: {},
          threads: 2,
          connections: size.connections,
          seconds,
        },
        (child) => (wrk = child),
      );
    };
    console.log(`wrk -t2, ${SECONDS}s per run, ${RUNS} runs (order swapped each run), one server process each\n`);
    for (const size of SIZES) for (const name of ['disk', 's3'] as const) await load(name, size, WARMUP);
    for (const size of SIZES) {
      const ratios: number[] = [];
      const rates = { disk: [] as number[], s3: [] as number[] };
      for (let run = 0; run < RUNS; run++) {
        const order = run % 2 === 0 ? (['disk', 's3'] as const) : (['s3', 'disk'] as const);
        const result: Partial<Record<'disk' | 's3', Awaited<ReturnType<typeof load>>>> = {};
        for (const name of order) result[name] = await load(name, size, SECONDS);
        const { disk, s3 } = result as Record<'disk' | 's3', Awaited<ReturnType<typeof load>>>;
        rates.disk.push(disk.requestsPerSec);
        rates.s3.push(s3.requestsPerSec);
        ratios.push(s3.requestsPerSec / disk.requestsPerSec);
        console.log(
          `${size.label} run ${run + 1}: disk ${Math.round(disk.requestsPerSec)} req/s (p99 ${disk.p99Ms.toFixed(1)} ms), ` +
            `S3 ${Math.round(s3.requestsPerSec)} req/s (p99 ${s3.p99Ms.toFixed(1)} ms), ratio ${ratios.at(-1)!.toFixed(2)}` +
            (disk.errors + s3.errors > 0 ? ` (errors: disk ${disk.errors}, S3 ${s3.errors})` : ''),
        );
      }
      const ratio = median(ratios);
      report({
        measure: `public GET, S3-backed ÷ disk, ${size.label} (warm caches)`,
        figure: `${ratio.toFixed(2)} (${Math.round(median(rates.s3))} req/s)`,
        reference: `disk ${Math.round(median(rates.disk))} req/s`,
        goal: '≥ 0.9',
        met: ratio >= 0.9,
      });
    }
  } finally {
    killAll();
    rmSync(temp, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (err) {
  console.error(`bench/s3-serve: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
