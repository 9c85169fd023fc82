type Collect = (options: { type: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void;

/** Upload bytes a process takes in between two collections of the young generation. */
const EVERY_BYTES = 4 * 1024 * 1024;

/**
 * V8's gc(), which Node puts on the global scope when started with --expose-gc: main.ts gives that
 * flag to every server process it forks, and `npm start` to the process itself. Without it (a
 * process started some other way) nothing is collected here and V8 frees dead buffers on its own
 * schedule.
 */
const collect = (globalThis as { gc?: Collect }).gc ?? null;

let since = 0;

/**
 * Upload bodies arrive as one new 64 KiB buffer per socket read, dead as soon as it is hashed and
 * written; V8 frees them only when it collects, which the little JavaScript garbage an upload makes
 * rarely triggers, so parallel uploads grow a process by tens of MB of dead buffers. Collecting the
 * young generation (where those buffers are; a fraction of a millisecond) every few MB of upload
 * bounds that.
 */
export function uploadBytesSeen(bytes: number): void {
  if (collect === null) return;
  since += bytes;
  if (since < EVERY_BYTES) return;
  since = 0;
  collect({ type: 'minor' });
}
