import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { copyFile, open, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
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
  /** Where the complete bytes wait to be placed (or discarded): a temp file, or a temp object key. */
  tmp: string;
}

/** One piece of placed content, as listed for garbage collection. */
export interface ContentEntry {
  sha256: string;
  size: number;
  /** When it was placed, or last placed again (identical bytes uploaded again). */
  modifiedMs: number;
}

export interface ByteRange {
  start: number;
  /** Inclusive, as in HTTP. */
  end: number;
}

/**
 * Content-addressed bytes (keyed by sha256; identical bytes stored once), on disk or in S3. A write
 * streams into a temp location while it is hashed; place() then puts it under its final name, only
 * ever whole. The store places content first and records the row that points at it after, so
 * garbage collection deletes only content that no row references AND that was placed longer ago
 * than a grace period (a placement whose row is about to commit is never collected).
 */
export interface ContentStore {
  readonly kind: 'disk' | 's3';
  /** Streams `source` into a temp location; rejects with TooLargeError past `maxBytes`, leaving nothing behind. */
  write(source: Readable, maxBytes: number): Promise<StagedBlob>;
  /** Puts staged bytes under their hash (idempotent); when identical bytes are there, refreshes their age. */
  place(staged: StagedBlob): Promise<void>;
  /** Drops staged bytes that no version will record. */
  discard(staged: StagedBlob): Promise<void>;
  /** The bytes (or one range of them) as a stream. */
  read(sha256: string, range?: ByteRange): Promise<Readable>;
  /** A local file holding the bytes, when the store keeps them on this machine (disk); else null. */
  localPath(sha256: string): string | null;
  /** Writes the bytes to `file` (created, or replaced whole), checking their hash on the way. */
  copyToFile(sha256: string, file: string): Promise<void>;
  stat(sha256: string): Promise<ContentEntry | null>;
  list(): AsyncIterable<ContentEntry>;
  remove(sha256: string): Promise<void>;
  /**
   * Deletes what interrupted writes left behind. `olderThanMs` for temp content of other machines
   * (S3), whose writers cannot be asked whether they are still alive.
   */
  sweepTemp(olderThanMs: number): Promise<number>;
}

export const HEAD_BYTES = 512;

export const isSha256 = (name: string) => /^[0-9a-f]{64}$/.test(name);

/** What hashing a stream found: the hash, the size and the first bytes. */
export interface Hashed {
  sha256: string;
  size: number;
  head: Buffer;
}

/**
 * Pipes `source` into `out` while hashing and counting it; resolves when `out` has taken everything.
 * Past `maxBytes`, or when the source is destroyed before its end (a client that went away), `out`
 * is destroyed with the error (so that whoever reads it sees a failure, never a short body) and the
 * promise rejects.
 */
export function hashInto(source: Readable, out: Writable, maxBytes: number): Promise<Hashed> {
  const hash = createHash('sha256');
  let size = 0;
  const headParts: Buffer[] = [];
  let headSize = 0;
  return new Promise<Hashed>((resolve, reject) => {
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      source.unpipe(out);
      source.resume();
      out.destroy(err);
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
    out.on('finish', () => {
      if (!failed) resolve({ sha256: hash.digest('hex'), size, head: Buffer.concat(headParts) });
    });
    source.pipe(out);
  });
}

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

/** Thrown when bytes read back do not have the hash they are stored under. */
export class HashMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Content ${expected} read back with sha256 ${actual}`);
  }
}

/**
 * Content-addressed files on disk: DATA_DIR/blobs/<2 hex>/<sha256>. A write streams into tmp/ while
 * it is hashed and is fsynced there; place() renames it into place (a rename is atomic, so a file
 * under its final name is always whole).
 */
export class DiskContentStore implements ContentStore {
  readonly kind = 'disk';
  private readonly blobDir: string;
  private readonly tmpDir: string;

  constructor(private readonly dataDir: string) {
    this.blobDir = join(dataDir, 'blobs');
    this.tmpDir = join(dataDir, 'tmp');
    mkdirSync(this.blobDir, { recursive: true });
    mkdirSync(this.tmpDir, { recursive: true });
  }

  pathOf(sha256: string): string {
    return join(this.blobDir, sha256.slice(0, 2), sha256);
  }

  localPath(sha256: string): string {
    return this.pathOf(sha256);
  }

  async write(source: Readable, maxBytes: number): Promise<StagedBlob> {
    const tmp = join(this.tmpDir, tmpName());
    const out = createWriteStream(tmp, { flags: 'wx' });
    try {
      const hashed = await hashInto(source, out, maxBytes);
      await fsyncFile(tmp);
      return { ...hashed, tmp };
    } catch (err) {
      // The file is opened asynchronously: removing it before the stream has closed could run
      // before the open and leave an empty file behind.
      if (!out.closed) await new Promise((resolve) => out.once('close', resolve));
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async place(staged: StagedBlob): Promise<void> {
    const final = this.pathOf(staged.sha256);
    try {
      // Identical bytes already there: keep that copy, made young again so that garbage
      // collection leaves it to the row about to point at it.
      const now = new Date();
      await utimes(final, now, now);
      await rm(staged.tmp, { force: true });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    mkdirSync(join(this.blobDir, staged.sha256.slice(0, 2)), { recursive: true });
    await rename(staged.tmp, final);
  }

  async discard(staged: StagedBlob): Promise<void> {
    await rm(staged.tmp, { force: true });
  }

  read(sha256: string, range?: ByteRange): Promise<Readable> {
    const stream = createReadStream(this.pathOf(sha256), { ...range, highWaterMark: 1024 * 1024 });
    // Resolve once open, so that a missing file is a rejection rather than a stream error later.
    return new Promise((resolve, reject) => {
      stream.once('open', () => resolve(stream));
      stream.once('error', reject);
    });
  }

  async copyToFile(sha256: string, file: string): Promise<void> {
    // Local and placed whole by rename: no need to hash it again.
    await copyFile(this.pathOf(sha256), file);
  }

  async stat(sha256: string): Promise<ContentEntry | null> {
    try {
      const s = await stat(this.pathOf(sha256));
      return { sha256, size: s.size, modifiedMs: s.mtimeMs };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async *list(): AsyncIterable<ContentEntry> {
    for (const dir of await readdir(this.blobDir)) {
      for (const name of await readdir(join(this.blobDir, dir)).catch(() => [])) {
        if (!isSha256(name)) continue;
        const entry = await this.stat(name);
        if (entry) yield entry;
      }
    }
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  /** Temp files of processes of this machine that died (their pid says whose they are). */
  sweepTemp(): Promise<number> {
    return Promise.resolve(sweepTmp(this.dataDir, { all: false }));
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
