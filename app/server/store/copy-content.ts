import { createHash } from 'node:crypto';
import { HashMismatchError, type ContentStore } from './blobs.ts';

export interface CopyReport {
  /** Written to the destination (their hash checked on the way). */
  copied: number;
  /** Already at the destination, read back there and found intact. */
  verified: number;
}

async function hashOf(store: ContentStore, sha256: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await store.read(sha256)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Copies content from one store to another (disk ⇄ S3), every piece checked against its sha256: a
 * copy streams through the destination's write(), which hashes it, and is placed only when the hash
 * matches; content already at the destination is read back and hashed. Stops at the first mismatch
 * (HashMismatchError) with nothing placed for it. `hashes` limits the copy to the content rows
 * reference (default: everything the source lists).
 */
export async function copyContent(
  from: ContentStore,
  to: ContentStore,
  options: { hashes?: Iterable<string> | AsyncIterable<string>; onEach?: (sha256: string) => void } = {},
): Promise<CopyReport> {
  const report: CopyReport = { copied: 0, verified: 0 };
  const hashes =
    options.hashes ??
    (async function* () {
      for await (const entry of from.list()) yield entry.sha256;
    })();
  for await (const sha256 of hashes) {
    if (await to.stat(sha256)) {
      const actual = await hashOf(to, sha256);
      if (actual !== sha256) throw new HashMismatchError(sha256, actual);
      report.verified++;
    } else {
      const staged = await to.write(await from.read(sha256), Number.MAX_SAFE_INTEGER);
      if (staged.sha256 !== sha256) {
        await to.discard(staged);
        throw new HashMismatchError(sha256, staged.sha256);
      }
      await to.place(staged);
      report.copied++;
    }
    options.onEach?.(sha256);
  }
  return report;
}
