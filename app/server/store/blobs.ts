import { createHash, randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { uploadBytesSeen } from './reclaim.ts';

/** A body went over the byte limit while it streamed in; nothing was kept. */
export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Content is larger than ${limit} bytes`);
  }
}

export interface StagedBlob {
  sha256: string;
  size: number;
  /** The first bytes, for sniffing a content type. */
  head: Buffer;
  /** The complete, fsynced bytes, waiting in tmp/ to be placed (or discarded). */
  tmp: string;
}

const HEAD_BYTES = 512;

/** A temp file's name starts with the writing process's pid, so that any process can tell whose it is. */
const tmpName = () => `${process.pid}-${randomBytes(12).toString('hex')}`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes what interrupted writes left in tmp/. With `all`, everything (at start, when no other
 * process can be writing); otherwise only files whose writer is no longer running (or, for a name
 * without a pid, untouched for ten minutes), which is safe while other processes write there.
 */
export function sweepTmp(dataDir: string, { all = true } = {}): number {
  const tmpDir = join(dataDir, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  let removed = 0;
  for (const name of readdirSync(tmpDir)) {
    const file = join(tmpDir, name);
    const pid = /^(\d+)-/.exec(name)?.[1];
    let stale = all || (pid !== undefined && !alive(Number(pid)));
    if (!stale && pid === undefined) {
      try {
        stale = Date.now() - statSync(file).mtimeMs > 10 * 60_000;
      } catch {
        continue;
      }
    }
    if (stale) {
      rmSync(file, { force: true });
      removed++;
    }
  }
  return removed;
}

/**
 * Content-addressed files on disk: blobs/<2 hex>/<sha256>. A write streams into tmp/ while it is
 * hashed and is fsynced there; it is moved into place only by place(), which the store calls in the
 * same SQLite write transaction that records the version, and garbage collection deletes files in
 * such a transaction too — so across processes a recorded version never points at a missing file.
 */
export class BlobStore {
  private readonly blobDir: string;
  private readonly tmpDir: string;

  constructor(dataDir: string) {
    this.blobDir = join(dataDir, 'blobs');
    this.tmpDir = join(dataDir, 'tmp');
    mkdirSync(this.blobDir, { recursive: true });
    mkdirSync(this.tmpDir, { recursive: true });
  }

  pathOf(sha256: string): string {
    return join(this.blobDir, sha256.slice(0, 2), sha256);
  }

  /** Streams `source` into tmp/; rejects with TooLargeError past `maxBytes`, leaving nothing behind. */
  async write(source: Readable, maxBytes: number): Promise<StagedBlob> {
    const tmp = join(this.tmpDir, tmpName());
    const hash = createHash('sha256');
    const out = createWriteStream(tmp, { flags: 'wx' });
    let size = 0;
    const headParts: Buffer[] = [];
    let headSize = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        let failed = false;
        const fail = (err: Error) => {
          if (failed) return;
          failed = true;
          source.unpipe(out);
          source.resume();
          out.destroy();
          reject(err);
        };
        source.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) return fail(new TooLargeError(maxBytes));
          hash.update(chunk);
          uploadBytesSeen(chunk.length);
          if (headSize < HEAD_BYTES) {
            headParts.push(chunk.subarray(0, HEAD_BYTES - headSize));
            headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
          }
        });
        let ended = false;
        source.on('end', () => (ended = true));
        source.on('error', fail);
        // Destroyed without an error (the client went away): still nothing to keep.
        source.on('close', () => {
          if (!ended) fail(new Error('Upload interrupted'));
        });
        out.on('error', fail);
        out.on('finish', resolve);
        source.pipe(out);
      });
      await fsyncFile(tmp);
      return { sha256: hash.digest('hex'), size, head: Buffer.concat(headParts), tmp };
    } catch (err) {
      // The file is opened asynchronously: removing it before the stream has closed could run
      // before the open and leave an empty file behind.
      if (!out.closed) await new Promise((resolve) => out.once('close', resolve));
      await rm(tmp, { force: true });
      throw err;
    }
  }

  /** Moves staged bytes into place (keeping the one copy when identical bytes are there). Sync: runs inside a transaction. */
  place(staged: StagedBlob): void {
    const final = this.pathOf(staged.sha256);
    if (existsSync(final)) {
      rmSync(staged.tmp, { force: true });
      return;
    }
    mkdirSync(join(this.blobDir, staged.sha256.slice(0, 2)), { recursive: true });
    renameSync(staged.tmp, final);
  }

  /** Drops staged bytes that no version will record. */
  async discard(staged: StagedBlob): Promise<void> {
    await rm(staged.tmp, { force: true });
  }

  read(sha256: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.pathOf(sha256), { ...range, highWaterMark: 1024 * 1024 });
  }

  /** The hash of every placed file. */
  listSync(): string[] {
    return readdirSync(this.blobDir).flatMap((dir) => readdirSync(join(this.blobDir, dir)));
  }

  /** Deletes a placed blob's file. Sync: runs inside the transaction that forgets its row. */
  removeSync(sha256: string): void {
    rmSync(this.pathOf(sha256), { force: true });
  }
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
