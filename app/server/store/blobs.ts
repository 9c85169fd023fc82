import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

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

/** Deletes what writes interrupted by a crash left in tmp/ (at start, before any write). */
export function sweepTmp(dataDir: string): void {
  const tmpDir = join(dataDir, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  for (const name of readdirSync(tmpDir)) rmSync(join(tmpDir, name), { force: true });
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
    const tmp = join(this.tmpDir, randomBytes(12).toString('hex'));
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
