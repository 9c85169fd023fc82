import Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Expression, type SqlBool } from 'kysely';
import type pg from 'pg';
import { MIGRATIONS } from './migrations.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The metadata database, whichever engine: `k` builds and runs queries; `transaction` runs a
 * function in one transaction (inside another, in that one).
 */
export interface Db {
  k: Kysely<Database>;
  dialect: Dialect;
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** For PostgreSQL only: calls `onNotify` for each NOTIFY on `channel` until the returned stop(). */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The schema version a database has once migrated. */
export const SCHEMA_VERSION = MIGRATIONS.length;

const BUSY_TIMEOUT_MS = 5000;

/** Any number: migrations of all instances of one installation take it (pg_advisory_lock). */
const MIGRATION_LOCK = 1936290914;

/** Where the metadata lives: a PostgreSQL URL, or else the SQLite file. */
export async function openDb(where: { url?: string; file: string }): Promise<Db> {
  return where.url ? openPostgres(where.url) : openSqlite(where.file);
}

/** Opens (creating if needed) the SQLite file and brings its schema up to date. */
export function openSqlite(file: string): Db {
  const raw = new Sqlite(file);
  // First, so that every statement after it waits for a lock instead of failing.
  raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  enableWal(raw);
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  migrateSqlite(raw);
  const k = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(raw) }) });
  return sqliteDb(k, false);
}

function sqliteDb(k: Kysely<Database>, inTransaction: boolean): Db {
  return {
    k,
    dialect: 'sqlite',
    transaction: (fn) =>
      inTransaction
        ? fn(sqliteDb(k, true))
        : // The one connection, held for the whole transaction; IMMEDIATE takes the write lock at
          // once so that no other process's write slips in between our read and our write.
          k.connection().execute(async (conn) => {
            await sql`BEGIN IMMEDIATE`.execute(conn);
            try {
              const result = await fn(sqliteDb(conn, true));
              await sql`COMMIT`.execute(conn);
              return result;
            } catch (err) {
              await sql`ROLLBACK`.execute(conn);
              throw err;
            }
          }),
    listen: () => Promise.resolve(() => Promise.resolve()),
    close: () => k.destroy(),
  };
}

/**
 * Kysely prepares each query anew; better-sqlite3's statements can be reused, which saves most of
 * the cost of a small query. The queries come from code, so there are few distinct texts.
 */
function cachingStatements(raw: Sqlite.Database) {
  const cache = new Map<string, Sqlite.Statement>();
  return {
    close: () => raw.close(),
    prepare(text: string) {
      let stmt = cache.get(text);
      if (!stmt) {
        if (cache.size >= 500) cache.clear();
        stmt = raw.prepare(text);
        cache.set(text, stmt);
      }
      return stmt;
    },
  };
}

/**
 * Switching a new file to WAL needs an exclusive lock. While another connection holds the write
 * lock (another process migrating a fresh data directory), SQLite answers SQLITE_BUSY at once
 * instead of calling the busy handler, to avoid a deadlock: wait and retry instead.
 */
function enableWal(db: Sqlite.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

function migrateSqlite(db: Sqlite.Database): void {
  // One step per transaction, taking the write lock first, so that several server processes
  // starting together apply each migration exactly once.
  const step = db.transaction((): boolean => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) {
      throw new Error(`The database schema (version ${current}) is newer than this server knows`);
    }
    if (current === MIGRATIONS.length) return false;
    db.exec(MIGRATIONS[current]!.sqlite);
    db.pragma(`user_version = ${current + 1}`);
    return true;
  });
  while (step.immediate()) {
    // next migration
  }
}

const INT8_OID = 20;

function pgPool(driver: typeof pg, url: string, max: number) {
  const typeParser = (oid: number, format?: 'text' | 'binary'): unknown =>
    oid === INT8_OID ? (value: string) => Number(value) : (driver.types.getTypeParser(oid, format) as unknown);
  return new driver.Pool({
    connectionString: url,
    max,
    // Counts, sizes and milliseconds are BIGINT there; as numbers they stay exact far past any we use.
    types: { getTypeParser: typeParser as never },
  });
}

async function openPostgres(url: string): Promise<Db> {
  // Loaded only here: a server on SQLite never reads pg (it was part of every process's start).
  const { default: driver } = await import('pg');
  const pool = pgPool(driver, url, 10);
  // An idle client whose server went away must not take the process down with it.
  pool.on('error', (err) => console.error('PostgreSQL connection lost:', err.message));
  try {
    await migratePostgres(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  const k = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const listeners: pg.Client[] = [];
  const db = (q: Kysely<Database>): Db => ({
    k: q,
    dialect: 'postgres',
    transaction: (fn) => (q.isTransaction ? fn(db(q)) : q.transaction().execute((trx) => fn(db(trx)))),
    async listen(channel, onNotify) {
      // A connection of its own, outside the pool: LISTEN lasts as long as the session.
      const client = new driver.Client({ connectionString: url });
      client.on('error', (err) => console.error('PostgreSQL LISTEN connection lost:', err.message));
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      await client.connect();
      await client.query(`LISTEN ${driver.escapeIdentifier(channel)}`);
      listeners.push(client);
      return async () => {
        listeners.splice(listeners.indexOf(client), 1);
        await client.end().catch(() => undefined);
      };
    },
    async close() {
      await Promise.all(listeners.splice(0).map((c) => c.end().catch(() => undefined)));
      await k.destroy();
      // Kysely ends the pool only if it ever ran a query.
      if (!pool.ended) await pool.end();
    },
  });
  return db(k);
}

async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    // Held by one instance at a time for the whole migration: the others wait, then find nothing to do.
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      for (;;) {
        await client.query('BEGIN');
        try {
          const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
          const current = rows[0]?.version ?? 0;
          if (current > MIGRATIONS.length) {
            throw new Error(`The database schema (version ${current}) is newer than this server knows`);
          }
          if (current === MIGRATIONS.length) {
            await client.query('COMMIT');
            return;
          }
          await client.query(MIGRATIONS[current]!.postgres);
          await client.query('DELETE FROM schema_version');
          await client.query('INSERT INTO schema_version VALUES ($1)', [current + 1]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** `column = value` ignoring ASCII case, as SQLite's NOCASE columns compare (an index serves both). */
export function equalsNoCase(db: Db, column: string, value: string): Expression<SqlBool> {
  return db.dialect === 'sqlite'
    ? sql<SqlBool>`${sql.ref(column)} = ${value} COLLATE NOCASE`
    : sql<SqlBool>`lower(${sql.ref(column)}) = lower(${value})`;
}

/** Insertion order (SQLite's implicit rowid; PostgreSQL's rowid column). */
export const insertionOrder = sql.ref('rowid');
