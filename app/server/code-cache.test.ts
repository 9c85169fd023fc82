import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const LOADER = fileURLToPath(new URL('./code-cache.ts', import.meta.url));

interface Loaded {
  fromCache: boolean;
  answer: string;
  doubled: number;
  file: string;
  self: boolean;
}

/**
 * Loads the file in a new process, as a server process does once at start (within one process V8
 * keeps what it compiled and would not read the cache again), and writes the cache if `save`.
 */
function loadWithCodeCache(file: string, cacheDir: string, save = false): Loaded {
  const script = `
    import { loadWithCodeCache } from ${JSON.stringify(LOADER)};
    const loaded = loadWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cacheDir)});
    const { answer, ...rest } = loaded.exports;
    const result = { fromCache: loaded.fromCache, answer: answer(), ...rest };
    if (${save}) loaded.save();
    console.log(JSON.stringify(result));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as Loaded;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'assets-studio-code-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A CommonJS file that requires a neighbour, as server.cjs requires vendor-*.cjs and node_modules. */
function writeBundle(answer: string) {
  writeFileSync(join(dir, 'helper.cjs'), 'module.exports = (x) => x * 2;');
  const file = join(dir, 'bundle.cjs');
  writeFileSync(
    file,
    `const double = require('./helper.cjs');
     function answer() { return ${answer}; }
     module.exports = { answer, doubled: double(21), file: __filename, self: this === exports };`,
  );
  return file;
}

describe('loadWithCodeCache', () => {
  it('runs a CommonJS file as Node would, then starts from the cache it wrote', () => {
    const file = writeBundle("'one'");
    expect(loadWithCodeCache(file, dir)).toEqual({ fromCache: false, answer: 'one', doubled: 42, file, self: true });
    expect(existsSync(`${file}.v8cache`)).toBe(false);
    loadWithCodeCache(file, dir, true);
    expect(existsSync(`${file}.v8cache`)).toBe(true);

    expect(loadWithCodeCache(file, dir)).toMatchObject({ fromCache: true, answer: 'one', doubled: 42 });
  });

  it('never uses a cache made from other code, even of the same length (V8 checks only the length)', () => {
    const file = writeBundle("'one'");
    loadWithCodeCache(file, dir, true);
    const stale = readFileSync(`${file}.v8cache`);
    writeBundle("'two'");

    expect(loadWithCodeCache(file, dir, true)).toMatchObject({ fromCache: false, answer: 'two' });
    expect(readFileSync(`${file}.v8cache`).equals(stale)).toBe(false);
    expect(loadWithCodeCache(file, dir)).toMatchObject({ fromCache: true, answer: 'two' });
  });

  it('ignores a damaged cache and writes a good one', () => {
    const file = writeBundle("'one'");
    loadWithCodeCache(file, dir, true);
    const cache = readFileSync(`${file}.v8cache`);
    writeFileSync(`${file}.v8cache`, Buffer.concat([cache.subarray(0, 32), Buffer.alloc(64, 7)]));

    expect(loadWithCodeCache(file, dir, true)).toMatchObject({ fromCache: false, answer: 'one' });
    expect(loadWithCodeCache(file, dir)).toMatchObject({ fromCache: true, answer: 'one' });
  });
});
