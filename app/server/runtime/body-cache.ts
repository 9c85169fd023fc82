import { readFile } from 'node:fs/promises';

interface Entry {
  body: Buffer;
  /** Served since it was last passed over for eviction (second-chance LRU). */
  used: boolean;
}

/** Largest body kept: a 5 MiB audio file still fits, and one body never takes more than 1/8 of the budget. */
export function maxEntryFor(maxTotal: number): number {
  return Math.min(16 * 1024 * 1024, Math.floor(maxTotal / 8));
}

/**
 * Bytes of recently served assets, keyed by sha256 (content never changes under a hash, so there
 * is nothing to invalidate), at most `maxTotal` bytes in all. A hit only sets a flag — no
 * reordering on the hot path; eviction goes from the oldest entry and gives entries used since
 * they were last looked at another round (the "clock" approximation of least recently used).
 */
export class BodyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Buffer>>();
  private total = 0;

  constructor(
    readonly maxEntry: number,
    readonly maxTotal: number,
  ) {}

  /** A cache whose largest entry follows from the budget (see maxEntryFor). */
  static forBudget(maxTotal: number): BodyCache {
    return new BodyCache(maxEntryFor(maxTotal), maxTotal);
  }

  /** Bytes currently held. */
  get size(): number {
    return this.total;
  }

  /** A cached body (and marks it recently used), or undefined. */
  get(sha256: string): Buffer | undefined {
    const entry = this.entries.get(sha256);
    if (entry === undefined) return undefined;
    entry.used = true;
    return entry.body;
  }

  /** Reads the file once however many requests ask at the same time, and keeps it if it fits. */
  load(sha256: string, file: string): Promise<Buffer> {
    let pending = this.loading.get(sha256);
    if (!pending) {
      pending = readFile(file)
        .then((body) => {
          this.put(sha256, body);
          return body;
        })
        .finally(() => this.loading.delete(sha256));
      this.loading.set(sha256, pending);
    }
    return pending;
  }

  private put(sha256: string, body: Buffer): void {
    if (body.length > this.maxEntry || body.length > this.maxTotal || this.entries.has(sha256)) return;
    this.entries.set(sha256, { body, used: false });
    this.total += body.length;
    while (this.total > this.maxTotal) {
      const [key, entry] = this.entries.entries().next().value!;
      this.entries.delete(key);
      // The body just stored stays: it is about to be served.
      if (entry.used || key === sha256) {
        entry.used = false;
        this.entries.set(key, entry);
      } else {
        this.total -= entry.body.length;
      }
    }
  }
}
