import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, SCHEMA_VERSION } from './db.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'assets-studio-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Opens the database in another process, as a second server process would; resolves with its exit code and output. */
function openInChild(file: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', `import('./app/server/store/db.ts').then((m) => m.openSqlite(${JSON.stringify(file)}))`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('openDb', () => {
  it('waits for another process that holds the lock on a fresh file instead of failing (SQLITE_BUSY)', async () => {
    const file = join(dir, 'studio.db');
    // Another process is creating the schema: it holds the write lock (RESERVED) for a moment. SQLite
    // answers SQLITE_BUSY at once, without the busy handler, to a connection that then asks to switch to WAL.
    const holder = new Database(file);
    holder.exec('CREATE TABLE held (x)');
    holder.exec('BEGIN IMMEDIATE; INSERT INTO held VALUES (1);');
    const opening = openInChild(file);
    await new Promise((r) => setTimeout(r, 1500));
    holder.exec('COMMIT');
    holder.close();
    const { code, output } = await opening;
    expect(output).not.toContain('SQLITE_BUSY');
    expect(code).toBe(0);
    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
});

describe('the SQLite database', () => {
  it('migrates once and keeps data across reopening', async () => {
    const file = join(dir, 'studio.db');
    await openSqlite(file).close();
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.prepare("INSERT INTO services VALUES ('ZS1', 'a', 'A', 1, 0, 'a-1234', 'x', 'x')").run();
    raw.close();
    const again = openSqlite(file);
    expect(await again.k.selectFrom('services').select('unique_name').execute()).toEqual([{ unique_name: 'a' }]);
    await again.close();
  });

  it('refuses a schema newer than it knows', async () => {
    const file = join(dir, 'studio.db');
    await openSqlite(file).close();
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openSqlite(file)).toThrow(/newer/);
  });

  it('rolls a transaction back when its function throws, and keeps what commits', async () => {
    const db = openSqlite(join(dir, 'studio.db'));
    const row = (sid: string) => ({
      sid,
      unique_name: sid,
      friendly_name: sid,
      include_credentials: 1,
      ui_editable: 0,
      domain_base: sid,
      date_created: 'x',
      date_updated: 'x',
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.k.insertInto('services').values(row('ZSgone')).execute();
        // Nested: part of the same transaction.
        await tx.transaction((inner) => inner.k.insertInto('services').values(row('ZSinner')).execute());
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    await db.transaction((tx) => tx.k.insertInto('services').values(row('ZSkept')).execute());
    expect(await db.k.selectFrom('services').select('sid').execute()).toEqual([{ sid: 'ZSkept' }]);
    await db.close();
  });
});
