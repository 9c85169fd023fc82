import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** A body went over the byte limit while it streamed in; nothing was kept. */
export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Content is larger than ${limit} bytes`);
  }
}

export interface StoredBlob {
  sha256: string;
  size: number;
  /** The first bytes, for sniffing a content type. */
  head: Buffer;
}

const HEAD_BYTES = 512;

/**
 * Content-addressed files on disk: blobs/<2 hex>/<sha256>. Writes go to tmp/ while being hashed,
 * are fsynced, then renamed into place, so a blob path either holds complete bytes or nothing.
 */
export class BlobStore {
  private readonly blobDir: string;
  private readonly tmpDir: string;
  /** Blobs written but not yet recorded by a version: garbage collection must not take them. */
  private readonly pending = new Map<string, number>();

  constructor(dataDir: string) {
    this.blobDir = join(dataDir, 'blobs');
    this.tmpDir = join(dataDir, 'tmp');
    mkdirSync(this.blobDir, { recursive: true });
    mkdirSync(this.tmpDir, { recursive: true });
    // Leftovers of writes interrupted by a crash.
    for (const name of readdirSync(this.tmpDir)) rmSync(join(this.tmpDir, name), { force: true });
  }

  pathOf(sha256: string): string {
    return join(this.blobDir, sha256.slice(0, 2), sha256);
  }

  /** Streams `source` to disk; rejects with TooLargeError past `maxBytes`, leaving nothing behind. */
  async write(source: Readable, maxBytes: number): Promise<StoredBlob> {
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
      const sha256 = hash.digest('hex');
      const final = this.pathOf(sha256);
      mkdirSync(join(this.blobDir, sha256.slice(0, 2)), { recursive: true });
      // Identical bytes already stored: keep the one copy.
      if (await exists(final)) await rm(tmp, { force: true });
      else await rename(tmp, final);
      this.pending.set(sha256, (this.pending.get(sha256) ?? 0) + 1);
      return { sha256, size, head: Buffer.concat(headParts) };
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  read(sha256: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.pathOf(sha256), { ...range, highWaterMark: 1024 * 1024 });
  }

  /** Ends the hold write() put on a blob, once a version records it or the upload is refused. */
  release(sha256: string): void {
    const holds = (this.pending.get(sha256) ?? 0) - 1;
    if (holds > 0) this.pending.set(sha256, holds);
    else this.pending.delete(sha256);
  }

  isPending(sha256: string): boolean {
    return this.pending.has(sha256);
  }

  /** Deletes a blob's file unless an upload holds it or `inUse` says a version needs it. */
  async removeUnused(sha256: string, inUse: (sha256: string) => boolean): Promise<void> {
    if (this.isPending(sha256) || inUse(sha256)) return;
    await rm(this.pathOf(sha256), { force: true });
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

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
