import { readFile } from 'node:fs/promises';
import { LRUCache } from 'lru-cache';

/** Largest body kept: a 5 MiB audio file still fits, and one body never takes more than 1/8 of the budget. */
export function maxEntryFor(maxTotal: number): number {
  return Math.min(16 * 1024 * 1024, Math.floor(maxTotal / 8));
}

/**
 * Bytes of recently served assets, keyed by sha256 (content never changes under a hash, so there
 * is nothing to invalidate), least recently used evicted first, at most `maxTotal` bytes kept.
 * Bodies being read count against a budget of their own (also `maxTotal`), so that many first
 * requests for different large files at once cannot read them all into memory: past it, load()
 * declines and the caller streams the body instead.
 */
export class BodyCache {
  private readonly entries: LRUCache<string, Buffer>;
  private readonly loading = new Map<string, Promise<Buffer>>();
  private loadingBytes = 0;

  constructor(
    readonly maxEntry: number,
    readonly maxTotal: number,
  ) {
    this.entries = new LRUCache<string, Buffer>({
      maxSize: Math.max(1, maxTotal),
      maxEntrySize: Math.max(1, Math.min(maxEntry, maxTotal)),
      sizeCalculation: (body) => Math.max(1, body.length),
    });
  }

  /** A cache whose largest entry follows from the budget (see maxEntryFor). */
  static forBudget(maxTotal: number): BodyCache {
    return new BodyCache(maxEntryFor(maxTotal), maxTotal);
  }

  /** Bytes currently held. */
  get size(): number {
    return this.entries.calculatedSize;
  }

  /** Bytes being read into memory right now. */
  get pending(): number {
    return this.loadingBytes;
  }

  /** A cached body (and marks it recently used), or undefined. */
  get(sha256: string): Buffer | undefined {
    return this.entries.get(sha256);
  }

  /**
   * Reads the body once however many requests ask at the same time, and keeps it if it fits; null
   * when `size` is over the entry limit or bodies already being read leave no room for it.
   */
  load(sha256: string, source: string | (() => Promise<Buffer>), size: number): Promise<Buffer> | null {
    const pending = this.loading.get(sha256);
    if (pending) return pending;
    if (size > this.maxEntry || size > this.maxTotal || this.loadingBytes + size > this.maxTotal) return null;
    this.loadingBytes += size;
    // A local file (content on disk), or a reader (content in S3, or its local copy).
    const load = (typeof source === 'string' ? readFile(source) : source())
      .then((body) => {
        if (body.length <= this.maxEntry) this.entries.set(sha256, body);
        return body;
      })
      .finally(() => {
        this.loadingBytes -= size;
        this.loading.delete(sha256);
      });
    this.loading.set(sha256, load);
    return load;
  }
}
