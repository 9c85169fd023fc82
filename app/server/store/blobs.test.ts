import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DiskContentStore, sweepTmp, TooLargeError } from './blobs.ts';
import { openStore } from './store.ts';

const fresh = () => mkdtempSync(join(tmpdir(), 'blobs-'));
const chunks = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));

describe('the blob store', () => {
  it('leaves no empty file when the source fails before the temp file is open', async () => {
    const dir = fresh();
    const store = new DiskContentStore(dir);
    for (let i = 0; i < 300; i++) {
      const failing = new Readable({
        read() {
          this.destroy(new Error('client went away'));
        },
      });
      await expect(store.write(failing, 100)).rejects.toThrow('client went away');
    }
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('sweeps, while others write, only the temp files of writers that died', () => {
    const dir = fresh();
    new DiskContentStore(dir);
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    for (const name of [`${dead}-halfway`, `${process.pid}-writing`]) writeFileSync(join(dir, 'tmp', name), 'x');
    expect(sweepTmp(dir, { all: false })).toBe(1);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([`${process.pid}-writing`]);
    expect(sweepTmp(dir)).toBe(1);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('stores bytes under their sha256, once however often they are written', async () => {
    const dir = fresh();
    const store = new DiskContentStore(dir);
    const a = await store.write(chunks('hello ', 'world'), 100);
    const b = await store.write(chunks('hello world'), 100);
    // Staged, not yet in place.
    expect(readdirSync(join(dir, 'tmp'))).toHaveLength(2);
    expect(readdirSync(join(dir, 'blobs'))).toEqual([]);
    await store.place(a);
    await store.place(b);
    const expected = createHash('sha256').update('hello world').digest('hex');
    expect(a).toMatchObject({ sha256: expected, size: 11 });
    expect(b.sha256).toBe(expected);
    expect(readFileSync(store.pathOf(expected), 'utf-8')).toBe('hello world');
    expect(readdirSync(join(dir, 'blobs', expected.slice(0, 2)))).toEqual([expected]);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('rejects past the limit and leaves nothing behind', async () => {
    const dir = fresh();
    const store = new DiskContentStore(dir);
    await expect(store.write(chunks('12345', '67890', 'x'), 10)).rejects.toBeInstanceOf(TooLargeError);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    expect(readdirSync(join(dir, 'blobs'))).toEqual([]);
  });

  it('leaves nothing when the source fails half-way', async () => {
    const dir = fresh();
    const store = new DiskContentStore(dir);
    const failing = new Readable({
      read() {
        this.push(Buffer.from('partial'));
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(store.write(failing, 100)).rejects.toThrow('connection reset');
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('drops staged bytes that are discarded', async () => {
    const dir = fresh();
    const store = new DiskContentStore(dir);
    await store.discard(await store.write(chunks('never recorded'), 100));
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    expect(readdirSync(join(dir, 'blobs'))).toEqual([]);
  });

  it('sweeps temp files a crash left behind', () => {
    const dir = fresh();
    new DiskContentStore(dir);
    writeFileSync(join(dir, 'tmp', 'half-written'), 'xx');
    sweepTmp(dir);
    expect(existsSync(join(dir, 'tmp', 'half-written'))).toBe(false);
  });
});

describe('garbage collection on disk', () => {
  it('deletes content no row knows once it is older than the grace period, and keeps the rest', async () => {
    const dir = fresh();
    const store = await openStore(dir, { contentGraceMs: 60_000 });
    const svc = await store.services.create({
      unique_name: 'a',
      friendly_name: 'a',
      include_credentials: 1,
      ui_editable: 0,
    });
    const file = await store.files.create(svc.sid, 'asset', '/kept.txt');
    const kept = await store.blobs.write(chunks('kept'), 100);
    await store.recordVersion(
      {
        service_sid: svc.sid,
        file_sid: file.sid,
        kind: 'asset',
        path: '/kept.txt',
        visibility: 'public',
        content_type: 'text/plain',
      },
      kept,
    );
    // Placed by a process that died before recording it: old, and young (maybe about to be recorded).
    const stray = await store.blobs.write(chunks('placed, never recorded'), 100);
    await store.blobs.place(stray);
    const young = await store.blobs.write(chunks('placed a moment ago'), 100);
    await store.blobs.place(young);
    const disk = store.blobs as DiskContentStore;
    const hourAgo = new Date(Date.now() - 3600_000);
    for (const sha of [kept.sha256, stray.sha256]) utimesSync(disk.pathOf(sha), hourAgo, hourAgo);

    expect(await store.sweepContent()).toBe(1);
    expect(existsSync(disk.pathOf(kept.sha256))).toBe(true);
    expect(existsSync(disk.pathOf(stray.sha256))).toBe(false);
    expect(existsSync(disk.pathOf(young.sha256))).toBe(true);
    await store.close();
  });

  it('makes old identical content young again when it is placed again', async () => {
    const dir = fresh();
    const store = new DiskContentStore(dir);
    const first = await store.write(chunks('same bytes'), 100);
    await store.place(first);
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(store.pathOf(first.sha256), hourAgo, hourAgo);
    await store.place(await store.write(chunks('same ', 'bytes'), 100));
    expect(Date.now() - (await store.stat(first.sha256))!.modifiedMs).toBeLessThan(60_000);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });
});
