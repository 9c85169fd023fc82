import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'assets-studio-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Opens the database in another process, as a second server process would; resolves with its exit code and output. */
function openInChild(file: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', `import('./app/server/store/db.ts').then((m) => m.openDb(${JSON.stringify(file)}))`],
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
