import { readFile } from 'node:fs/promises';

/**
 * Bytes of small, recently served assets, keyed by sha256 (content never changes under a hash,
 * so there is nothing to invalidate). Least recently used entries go first past `maxTotal`.
 */
export class BodyCache {
  private readonly entries = new Map<string, Buffer>();
  private readonly loading = new Map<string, Promise<Buffer>>();
  private total = 0;

  constructor(
    readonly maxEntry: number,
    private readonly maxTotal: number,
  ) {}

  /** A cached body (and marks it recently used), or undefined. */
  get(sha256: string): Buffer | undefined {
    const body = this.entries.get(sha256);
    if (body) {
      this.entries.delete(sha256);
      this.entries.set(sha256, body);
    }
    return body;
  }

  /** Reads the file once however many requests ask at the same time, and keeps it. */
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
    if (body.length > this.maxEntry || this.entries.has(sha256)) return;
    this.entries.set(sha256, body);
    this.total += body.length;
    for (const [key, old] of this.entries) {
      if (this.total <= this.maxTotal) break;
      this.entries.delete(key);
      this.total -= old.length;
    }
  }
}
