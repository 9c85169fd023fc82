import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { type: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void;

/** Upload bytes a process takes in between two collections of the young generation. */
const EVERY_BYTES = 4 * 1024 * 1024;

let collect: Collect | null | undefined;
let since = 0;

/** V8's gc(), which Node exposes only with --expose-gc: the flag also applies to contexts made later. */
function gcFunction(): Collect | null {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as Collect;
  } catch {
    return null;
  }
}

/**
 * Upload bodies arrive as one new 64 KiB buffer per socket read, dead as soon as it is hashed and
 * written; V8 frees them only when it collects, which the little JavaScript garbage an upload makes
 * rarely triggers, so parallel uploads grow a process by tens of MB of dead buffers. Collecting the
 * young generation (where those buffers are; a fraction of a millisecond) every few MB of upload
 * bounds that.
 */
export function uploadBytesSeen(bytes: number): void {
  since += bytes;
  if (since < EVERY_BYTES) return;
  since = 0;
  collect ??= gcFunction();
  collect?.({ type: 'minor' });
}
