/**
 * Soak: the server as it ships (2 processes) under mixed load for a few minutes — uploads (some
 * abandoned half-way), builds and deploys, downloads, clients that stop reading — with a server
 * process killed every 15 s. At the end: does every process serve the last deployed build, is
 * tmp/ empty, and did memory stay within the bounds the settings give? Prints the figures; exits
 * 0 whatever they are (a benchmark, not a test), non-zero only when setup fails.
 *
 *   npx tsx bench/soak.ts          SOAK_SECONDS (180)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { treeRss } from './serve/proc.ts';
import { call, startStudio } from './serve/studio.ts';
import { freePort } from './serve/wait.ts';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const MB = 1024 * 1024;
const CACHE_MB = 32;
const WORKERS = 2;

const dataDir = mkdtempSync(join(tmpdir(), 'assets-studio-soak-'));
const port = await freePort();
const studio = await startStudio(dataDir, port, {
  WORKERS: String(WORKERS),
  ASSET_CACHE_MB: String(CACHE_MB),
  IDLE_TIMEOUT_SECONDS: '5',
});
const counts = { uploads: 0, abandoned: 0, deploys: 0, downloads: 0, downloadErrors: 0, stalled: 0, kills: 0 };
let peakRss = 0;
let stop = false;

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const service = String(
  (await call(studio, 'POST', '/v1/Services', form({ UniqueName: `soak${Date.now() % 100000}`, FriendlyName: 'soak' })))
    .sid,
);
const env = await call(studio, 'POST', `/v1/Services/${service}/Environments`, form({ UniqueName: 'production' }));
const envSid = String(env.sid);
const domain = String(env.domain_name);
const slots = await Promise.all(
  Array.from({ length: 12 }, async (_, i) =>
    String((await call(studio, 'POST', `/v1/Services/${service}/Assets`, form({ FriendlyName: `a${i}` }))).sid),
  ),
);
/** Latest version per slot, and the marker the last deploy carries. */
const latest = new Map<string, string>();

async function upload(slot: number, path: string, body: Buffer): Promise<void> {
  const data = new FormData();
  data.append('Path', path);
  data.append('Visibility', 'public');
  data.append('Content', new Blob([new Uint8Array(body)]), 'f');
  const version = await call(studio, 'POST', `/v1/Services/${service}/Assets/${slots[slot]}/Versions`, data);
  latest.set(slots[slot]!, String(version.sid));
  counts.uploads++;
}

/** Starts a multipart upload of a large body, sends part of it, and walks away. */
function abandonedUpload(): Promise<void> {
  return new Promise((resolve) => {
    const boundary = 'soak';
    const req = request(`${studio.origin}/v1/Services/${service}/Assets/${slots[1]}/Versions`, {
      method: 'POST',
      headers: {
        Authorization: studio.authorization,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(20 * MB),
      },
    });
    req.on('error', () => resolve());
    req.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="Path"\r\n\r\n/abandoned.bin\r\n--${boundary}\r\n` +
        `Content-Disposition: form-data; name="Visibility"\r\n\r\npublic\r\n--${boundary}\r\n` +
        'Content-Disposition: form-data; name="Content"; filename="x"\r\n\r\n',
    );
    req.write(randomBytes(2 * MB));
    setTimeout(() => {
      req.destroy();
      counts.abandoned++;
      resolve();
    }, 300);
  });
}

let lastMarker = '';
async function deploy(): Promise<void> {
  const marker = `deploy ${counts.deploys + 1} ${randomBytes(4).toString('hex')}`;
  await upload(0, '/marker.txt', Buffer.from(marker));
  const build = String(
    (
      await call(
        studio,
        'POST',
        `/v1/Services/${service}/Builds`,
        new URLSearchParams([...latest.values()].map((v) => ['AssetVersions', v])),
      )
    ).sid,
  );
  for (const started = Date.now(); ;) {
    const { status } = await call(studio, 'GET', `/v1/Services/${service}/Builds/${build}/Status`);
    if (status === 'completed') break;
    if (status === 'failed') throw new Error(`build ${build} failed`);
    if (Date.now() - started > 30_000) throw new Error(`build ${build} still building after 30 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await call(studio, 'POST', `/v1/Services/${service}/Environments/${envSid}/Deployments`, form({ BuildSid: build }));
  lastMarker = marker;
  counts.deploys++;
}

function get(path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: domain, Connection: 'close' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    // A connection handed to a process that is killed at that moment can stay open unanswered.
    req.setTimeout(10_000, () => req.destroy(new Error('no answer in 10 s')));
    req.end();
  });
}

function stalledReader(): Socket {
  const socket = connect({ host: '127.0.0.1', port, localAddress: `127.0.0.${2 + (counts.stalled % 50)}` }, () => {
    socket.write(`GET /big-${counts.stalled % 3}.bin HTTP/1.1\r\nHost: ${domain}\r\n\r\n`);
    socket.pause();
  });
  socket.on('error', () => {});
  counts.stalled++;
  return socket;
}

const workers = () =>
  readFileSync(`/proc/${studio.child.pid}/task/${studio.child.pid}/children`, 'utf-8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);

async function loop(everyMs: number, work: () => Promise<unknown>): Promise<void> {
  while (!stop) {
    try {
      await work();
    } catch {
      // A killed process drops its connections: the next round goes to another.
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

try {
  // Three large assets for the stalled readers, small ones for the downloads.
  for (let i = 0; i < 3; i++) await upload(2 + i, `/big-${i}.bin`, randomBytes(20 * MB));
  for (let i = 5; i < 12; i++) await upload(i, `/small-${i}.bin`, randomBytes(1024 * (1 + i * 50)));
  await deploy();
  const baseline = treeRss(studio.child.pid!);
  const started = Date.now();
  console.log(`soak: ${SECONDS} s on ${domain}, ${WORKERS} processes, ASSET_CACHE_MB=${CACHE_MB}`);

  const stalled: Socket[] = [];
  const tasks = [
    // A new version of one of the small assets (each slot keeps its path: a build refuses two at one path).
    loop(150, () => {
      const slot = 5 + Math.floor(Math.random() * 7);
      return upload(slot, `/small-${slot}.bin`, randomBytes(Math.floor(Math.random() * 2 * MB) + 1));
    }),
    loop(1000, abandonedUpload),
    loop(2000, deploy),
    ...Array.from({ length: 8 }, () =>
      loop(0, async () => {
        const res = await get(`/small-${5 + Math.floor(Math.random() * 7)}.bin`).catch(() => null);
        if (res?.status === 200) counts.downloads++;
        else counts.downloadErrors++;
      }),
    ),
    loop(100, async () => {
      while (stalled.filter((s) => !s.destroyed).length < 300) stalled.push(stalledReader());
    }),
    loop(15_000, async () => {
      if (Date.now() - started < 5000) return;
      const pids = workers();
      process.kill(pids[Math.floor(Math.random() * pids.length)]!, 'SIGKILL');
      counts.kills++;
    }),
    loop(500, async () => {
      peakRss = Math.max(peakRss, treeRss(studio.child.pid!));
    }),
  ];
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  stop = true;
  await Promise.all(tasks);
  for (const socket of stalled) socket.destroy();

  // Every process serves the last deployed build within a second.
  await new Promise((r) => setTimeout(r, 1000));
  const seen = new Set(
    (await Promise.all(Array.from({ length: 64 }, () => get('/marker.txt')))).map(
      (r) => `${r.status} ${r.body.toString()}`,
    ),
  );
  // Temp files: abandoned uploads remove theirs; those of killed processes go when the replacement starts.
  await new Promise((r) => setTimeout(r, 2000));
  const leftInTmp = readdirSync(join(dataDir, 'tmp'));
  const finalRss = treeRss(studio.child.pid!);

  const bound = WORKERS * (CACHE_MB * 2 + 300 * 0.2 + 120);
  console.log(`
| measure | figure |
|---|---|
| run | ${SECONDS} s; ${counts.uploads} uploads, ${counts.abandoned} abandoned, ${counts.deploys} deploys, ${counts.downloads} downloads (${counts.downloadErrors} failed, mostly on killed processes), ${counts.stalled} stalled readers, ${counts.kills} processes killed |
| every process serves the last deploy | ${seen.size === 1 && seen.has(`200 ${lastMarker}`) ? 'yes' : `NO: ${[...seen].join(' | ')} (expected ${lastMarker})`} |
| files left in tmp/ | ${leftInTmp.length} |
| memory of all processes | baseline ${(baseline / MB).toFixed(0)} MB, peak ${(peakRss / MB).toFixed(0)} MB, at the end ${(finalRss / MB).toFixed(0)} MB |
| bound from the settings | about ${bound.toFixed(0)} MB (per process: cache and in-flight reads 2 × ${CACHE_MB} MB, 300 stalled readers × ~0.2 MB, 120 MB for the app) |
`);
} finally {
  stop = true;
  studio.child.kill('SIGTERM');
  await new Promise((r) => studio.child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
