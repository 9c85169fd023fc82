import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { hashInto, HashMismatchError, isSha256, type ByteRange, type ContentStore } from '../store/blobs.ts';

/**
 * Local copies of content kept in a remote store (S3), for serving: DATA_DIR/content-cache/<2
 * hex>/<sha256>, at most `maxBytes` (least recently used deleted first). Content never changes
 * under its hash, so a copy is never stale. A first request streams from the store while the copy
 * is made beside it (hash-checked, then renamed into place), and later requests read the file.
 * With a disk store there is nothing to copy: the store's own files are served.
 *
 * Each process keeps its own account of the directory (read at start): processes sharing a data
 * directory may together hold more than the budget until one of them starts again.
 */
export class ContentCache {
  private readonly dir: string;
  private readonly tmpDir: string;
  /** Cached hashes and sizes, least recently used first. */
  private readonly entries = new Map<string, number>();
  private total = 0;
  private readonly filling = new Map<string, Promise<void>>();

  constructor(
    readonly store: ContentStore,
    dataDir: string,
    readonly maxBytes: number,
  ) {
    this.dir = join(dataDir, 'content-cache');
    // Temp files there are named by pid and swept with the store's (see sweepTmp).
    this.tmpDir = join(dataDir, 'tmp');
    if (store.kind === 'disk') return;
    mkdirSync(this.tmpDir, { recursive: true });
    mkdirSync(this.dir, { recursive: true });
    const found: { sha: string; size: number; used: number }[] = [];
    for (const sub of readdirSync(this.dir)) {
      for (const name of existsSync(join(this.dir, sub)) ? readdirSync(join(this.dir, sub)) : []) {
        if (!isSha256(name)) continue;
        const stat = statSync(join(this.dir, sub, name), { throwIfNoEntry: false });
        if (stat) found.push({ sha: name, size: stat.size, used: stat.atimeMs });
      }
    }
    for (const { sha, size } of found.sort((a, b) => a.used - b.used)) this.remember(sha, size);
    void this.evict();
  }

  /** Bytes held. */
  get size(): number {
    return this.total;
  }

  private pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  /** A local file with the bytes (the disk store's file, or a cached copy), or null. */
  file(sha256: string): string | null {
    const local = this.store.localPath(sha256);
    if (local !== null) return local;
    const size = this.entries.get(sha256);
    if (size === undefined) return null;
    const path = this.pathOf(sha256);
    // Another process sharing the directory may have evicted it.
    if (!existsSync(path)) {
      this.forget(sha256);
      return null;
    }
    this.entries.delete(sha256);
    this.entries.set(sha256, size);
    return path;
  }

  /** Streams the bytes (or a range): from a local file when there is one, else from the store (caching them). */
  async open(sha256: string, size: number, range?: ByteRange): Promise<Readable> {
    const file = this.file(sha256);
    if (file !== null) return this.store.kind === 'disk' ? this.store.read(sha256, range) : openFile(file, range);
    void this.fill(sha256, size);
    return this.store.read(sha256, range);
  }

  /** The whole body in memory, for the body cache. */
  async readAll(sha256: string, size: number): Promise<Buffer> {
    const file = this.file(sha256);
    if (file !== null) return readFile(file);
    void this.fill(sha256, size);
    const chunks: Buffer[] = [];
    for await (const chunk of await this.store.read(sha256)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** Copies the content into the cache in the background (once, however many ask). */
  fill(sha256: string, size: number): Promise<void> {
    if (this.maxBytes === 0 || size > this.maxBytes / 4 || this.store.localPath(sha256) !== null) {
      return Promise.resolve();
    }
    let job = this.filling.get(sha256);
    if (!job) {
      job = this.copy(sha256)
        .catch(() => undefined)
        .finally(() => this.filling.delete(sha256));
      this.filling.set(sha256, job);
    }
    return job;
  }

  private async copy(sha256: string): Promise<void> {
    if (this.entries.has(sha256)) return;
    const tmp = join(this.tmpDir, `${process.pid}-cache-${randomBytes(8).toString('hex')}`);
    const body = await this.store.read(sha256);
    const out = createWriteStream(tmp);
    try {
      const hashed = await hashInto(body, out, Number.MAX_SAFE_INTEGER);
      if (hashed.sha256 !== sha256) throw new HashMismatchError(sha256, hashed.sha256);
      mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
      await rename(tmp, this.pathOf(sha256));
      this.remember(sha256, hashed.size);
      await this.evict();
    } catch (err) {
      body.destroy();
      if (!out.closed) await new Promise((resolve) => out.once('close', resolve));
      await rm(tmp, { force: true });
      throw err;
    }
  }

  private remember(sha256: string, size: number): void {
    this.forget(sha256);
    this.entries.set(sha256, size);
    this.total += size;
  }

  private forget(sha256: string): void {
    const size = this.entries.get(sha256);
    if (size === undefined) return;
    this.entries.delete(sha256);
    this.total -= size;
  }

  private async evict(): Promise<void> {
    for (const [sha256] of this.entries) {
      if (this.total <= this.maxBytes) return;
      this.forget(sha256);
      // A reader that has the file open keeps reading it.
      await rm(this.pathOf(sha256), { force: true });
    }
  }
}

function openFile(file: string, range?: ByteRange): Promise<Readable> {
  const stream = createReadStream(file, { ...range, highWaterMark: 64 * 1024 });
  return new Promise<Readable>((resolve, reject) => {
    stream.once('open', () => resolve(stream));
    stream.once('error', reject);
  });
}
