import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

export interface CachedModule<T> {
  exports: T;
  /** Whether V8 took its compiled code from the cache (false: compiled from the source). */
  fromCache: boolean;
  /**
   * Writes the code cache when there was none that V8 accepted. Call it once start-up has run:
   * V8 puts in the cache only the functions compiled by then (most of a bundle is compiled lazily).
   */
  save(): void;
}

const KEY_BYTES = 32;

/** The directory beside the file when this process may write there, else the fallback (e.g. the data directory). */
function cacheDirFor(file: string, fallback: string): string {
  try {
    accessSync(dirname(file), constants.W_OK);
    return dirname(file);
  } catch {
    return fallback;
  }
}

/**
 * Runs a CommonJS bundle as Node's loader would, but with V8's code cache: a start that finds a
 * cache made from the same file by the same Node skips parsing and compiling what start-up runs
 * (Node 20 has no compile cache of its own; node 22's module.enableCompileCache does this).
 *
 * The cache is `<file>.v8cache` beside the file when the process may write there, else in
 * `fallbackDir`. V8 checks only the source's length, its own version and its flags, so the file
 * starts with a SHA-256 of Node's version, the architecture and the whole source: a cache made
 * from other code is never used. It is written atomically (temp file, rename): processes starting
 * together may write it at once.
 */
export function loadWithCodeCache<T>(file: string, fallbackDir: string): CachedModule<T> {
  const bytes = readFileSync(file);
  // esbuild writes ASCII (it escapes the rest), which latin1 decodes as is, several times faster
  // than Node 20's UTF-8 decoding of a whole file.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const key = createHash('sha256').update(`${process.version} ${process.arch}\n`).update(bytes).digest();
  const cacheFile = join(cacheDirFor(file, fallbackDir), `${basename(file)}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    const stored = readFileSync(cacheFile);
    if (stored.subarray(0, KEY_BYTES).equals(key)) cachedData = stored.subarray(KEY_BYTES);
  } catch {
    // No cache yet.
  }
  // Node's own CommonJS wrapper, on the first line so that line numbers stay those of the file.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const fromCache = cachedData !== undefined && script.cachedDataRejected === false;
  const module = { exports: {} as T };
  const wrapper = script.runInThisContext() as (
    exports: T,
    require: NodeJS.Require,
    module: { exports: T },
    filename: string,
    dirname: string,
  ) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  let saved = fromCache;
  return {
    exports: module.exports,
    fromCache,
    save() {
      if (saved) return;
      saved = true;
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
        writeFileSync(tmp, Buffer.concat([key, script.createCachedData()]), { mode: 0o600 });
        renameSync(tmp, cacheFile);
      } catch (err) {
        rmSync(tmp, { force: true });
        console.warn(`Could not write the code cache ${cacheFile} (start-up stays slower): ${(err as Error).message}`);
      }
    },
  };
}
