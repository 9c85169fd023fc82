import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BodyCache, maxEntryFor } from './body-cache.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'body-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A file of `size` bytes named after `key`; returns its path. */
function file(key: string, size: number): string {
  const path = join(dir, key);
  writeFileSync(path, Buffer.alloc(size, key.charCodeAt(0)));
  return path;
}

describe('BodyCache', () => {
  it('keeps a 5 MiB body with the default 128 MiB budget, and no body over 1/8 of a small budget', () => {
    expect(maxEntryFor(128 * 1024 * 1024)).toBeGreaterThanOrEqual(5 * 1024 * 1024);
    expect(maxEntryFor(8000)).toBe(1000);
  });

  it('serves the bytes of the file and keeps them', async () => {
    const cache = new BodyCache(100, 1000);
    const body = await cache.load('a', file('a', 10), 10)!;
    expect(body).toEqual(Buffer.alloc(10, 'a'.charCodeAt(0)));
    expect(cache.get('a')).toBe(body);
    expect(cache.size).toBe(10);
  });

  it('reads a file once for concurrent requests', async () => {
    const cache = new BodyCache(100, 1000);
    const path = file('a', 10);
    const [first, second] = await Promise.all([cache.load('a', path, 10), cache.load('a', path, 10)]);
    expect(first).toBe(second);
  });

  it('does not keep bodies over the entry limit', async () => {
    const cache = new BodyCache(100, 1000);
    expect(cache.load('big', file('big', 101), 101)).toBeNull();
    expect(cache.get('big')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('never holds more than its budget and evicts what was not served since', async () => {
    const cache = new BodyCache(100, 300);
    for (const key of ['a', 'b', 'c']) await cache.load(key, file(key, 100), 100);
    cache.get('a');
    await cache.load('d', file('d', 100), 100);
    expect(cache.size).toBeLessThanOrEqual(300);
    // "a" was served after it was stored, so "b" (the least recently used) goes.
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.get('d')).toBeDefined();
  });

  it('stays within budget when every entry is in use', async () => {
    const cache = new BodyCache(100, 250);
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      await cache.load(key, file(key, 100), 100);
      for (const seen of ['a', 'b', 'c', 'd', 'e']) cache.get(seen);
      expect(cache.size).toBeLessThanOrEqual(250);
    }
    expect(cache.get('e')).toBeDefined();
  });

  it('reads no more at once than its budget: past it, load declines and the caller streams', async () => {
    const cache = new BodyCache(100, 250);
    const loads = ['a', 'b', 'c', 'd'].map((key) => cache.load(key, file(key, 100), 100));
    expect(loads.filter((load) => load !== null)).toHaveLength(2);
    expect(cache.pending).toBe(200);
    await Promise.all(loads.filter((load) => load !== null));
    expect(cache.pending).toBe(0);
    const again = cache.load('c', file('c', 100), 100);
    expect(again).not.toBeNull();
    // Read before the directory goes (afterEach), or the read fails after the test.
    expect(await again).toEqual(Buffer.alloc(100, 'c'.charCodeAt(0)));
  });
});
