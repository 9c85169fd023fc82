/**
 * Upload memory: 10 parallel 25 MiB version uploads through the API (multipart, as clients send
 * them) against the shipped bundle with its default processes, sampling the resident memory of
 * all server processes every few milliseconds. Reports the peak growth over the idle server, the
 * upload throughput, and, as the reference in the same run, the time `cp` takes to copy the same
 * ten files (and sync them, as the server fsyncs every blob). Each round starts a fresh server.
 * A benchmark, not a test: it prints figures and exits 0 unless setup fails.
 *
 *   npx tsx bench/upload-memory.ts     BENCH_RUNS (3) rounds, UPLOADS (10), WORKERS as the server reads it
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, openAsBlob, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { LIMITS } from '../app/shared/visibility.ts';
import { median, report } from './serve/report.ts';
import { call, startStudio, type Studio } from './serve/studio.ts';
import { freePort } from './serve/wait.ts';
import { treeRss } from './serve/proc.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const UPLOADS = Number(process.env.UPLOADS ?? 10);
const SIZE = LIMITS.public.maxBytes;
const GOAL_MB = 40;
const MB = 1024 * 1024;

/** The highest resident memory of `pid` and its descendants while `work` runs. */
async function peakWhile(pid: number, work: Promise<unknown>): Promise<number> {
  let peak = treeRss(pid);
  let done = false;
  const sampling = (async () => {
    while (!done) {
      peak = Math.max(peak, treeRss(pid));
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  try {
    await work;
  } finally {
    done = true;
    await sampling;
  }
  return Math.max(peak, treeRss(pid));
}

async function uploadAll(studio: Studio, files: string[]): Promise<void> {
  const name = `upload-${randomBytes(3).toString('hex')}`;
  const service = await call(
    studio,
    'POST',
    '/v1/Services',
    new URLSearchParams({ UniqueName: name, FriendlyName: name }),
  );
  const assets: Record<string, unknown>[] = [];
  for (const file of files) {
    assets.push(
      await call(
        studio,
        'POST',
        `/v1/Services/${String(service.sid)}/Assets`,
        new URLSearchParams({ FriendlyName: basename(file) }),
      ),
    );
  }
  await Promise.all(
    files.map(async (file, i) => {
      const form = new FormData();
      form.append('Path', `/${basename(file)}`);
      form.append('Visibility', 'public');
      // A Blob backed by the file: the client streams it from disk rather than holding it.
      form.append('Content', await openAsBlob(file), basename(file));
      const version = await call(
        studio,
        'POST',
        `/v1/Services/${String(service.sid)}/Assets/${String(assets[i]!.sid)}/Versions`,
        form,
      );
      if (version.path !== `/${basename(file)}`) throw new Error(`unexpected answer: ${JSON.stringify(version)}`);
    }),
  );
}

interface Round {
  growth: number;
  idle: number;
  uploadSeconds: number;
  cpSeconds: number;
}

async function round(dir: string, files: string[], n: number): Promise<Round> {
  const dataDir = join(dir, `data-${n}`);
  const studio = await startStudio(dataDir, await freePort());
  try {
    // Idle: let start-up garbage go before taking the baseline.
    await new Promise((r) => setTimeout(r, 1500));
    const idle = treeRss(studio.child.pid!);
    const started = performance.now();
    const peak = await peakWhile(studio.child.pid!, uploadAll(studio, files));
    const uploadSeconds = (performance.now() - started) / 1000;

    const copies = join(dir, `cp-${n}`);
    mkdirSync(copies);
    const cpStarted = performance.now();
    const cp = spawnSync('cp', [...files, copies]);
    const sync = spawnSync(
      'sync',
      files.map((f) => join(copies, basename(f))),
    );
    if (cp.status !== 0 || sync.status !== 0) throw new Error('cp or sync failed');
    const cpSeconds = (performance.now() - cpStarted) / 1000;
    rmSync(copies, { recursive: true });
    return { growth: peak - idle, idle, uploadSeconds, cpSeconds };
  } finally {
    studio.child.kill('SIGTERM');
    await new Promise((r) => studio.child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const dir = mkdtempSync(join(tmpdir(), 'assets-studio-upload-'));
try {
  const files = Array.from({ length: UPLOADS }, (_, i) => {
    const file = join(dir, `upload-${i}.bin`);
    writeFileSync(file, randomBytes(SIZE));
    return file;
  });
  const rounds: Round[] = [];
  for (let n = 0; n < RUNS; n++) {
    const r = await round(dir, files, n);
    rounds.push(r);
    console.log(
      `  round ${n + 1}: idle ${(r.idle / MB).toFixed(0)} MB, peak growth ${(r.growth / MB).toFixed(1)} MB, uploads ${r.uploadSeconds.toFixed(2)} s, cp ${r.cpSeconds.toFixed(2)} s`,
    );
  }
  const growth = median(rounds.map((r) => r.growth)) / MB;
  const uploadSeconds = median(rounds.map((r) => r.uploadSeconds));
  const cpSeconds = median(rounds.map((r) => r.cpSeconds));
  const total = (UPLOADS * SIZE) / MB;
  console.log(
    `\n${UPLOADS} parallel ${SIZE / MB} MiB uploads, WORKERS=${process.env.WORKERS ?? 'default'}, median of ${RUNS} rounds:`,
  );
  console.log(`  server memory growth (all processes, peak − idle): ${growth.toFixed(1)} MB (goal ≤ ${GOAL_MB} MB)`);
  console.log(`  uploads: ${uploadSeconds.toFixed(2)} s, ${(total / uploadSeconds).toFixed(0)} MB/s`);
  console.log(`  cp + sync of the same files: ${cpSeconds.toFixed(2)} s, ${(total / cpSeconds).toFixed(0)} MB/s`);
  report({
    measure: `${UPLOADS} parallel ${SIZE / MB} MiB uploads: growth of the server's memory (all processes)`,
    figure: `${growth.toFixed(1)} MB; ${(total / uploadSeconds).toFixed(0)} MB/s`,
    reference: `cp + sync of the same files ${(total / cpSeconds).toFixed(0)} MB/s`,
    goal: `≤ ${GOAL_MB} MB`,
    met: growth <= GOAL_MB,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
