import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './test-process.ts';

/** Debian's PostgreSQL binaries (package postgresql-15). */
const BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

/** Set by the test setup when the tests run against PostgreSQL: the URL of the throwaway cluster's admin database. */
export const TEST_POSTGRES_ENV = 'TEST_POSTGRES_URL';

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  stop(): void;
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user. */
function runAsPostgres(command: string, args: string[]): string {
  const [file, argv] =
    process.getuid?.() === 0
      ? ['runuser', ['-u', 'postgres', '--', join(BIN, command), ...args]]
      : [join(BIN, command), args];
  return execFileSync(file, argv, { encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * A throwaway cluster in a temporary directory on a free port, tuned for tests (no fsync: its data
 * dies with it). Trust authentication on 127.0.0.1 only.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  if (!existsSync(join(BIN, 'initdb'))) {
    throw new Error(`PostgreSQL is not installed (${BIN}/initdb is missing): apt-get install postgresql`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'assets-studio-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf-8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf-8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  runAsPostgres('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=500',
    '-c shared_buffers=32MB',
  ].join(' ');
  runAsPostgres('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        runAsPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The cluster the test setup started, when the tests run against PostgreSQL. */
export const testPostgresUrl = (): string | undefined => process.env[TEST_POSTGRES_ENV] || undefined;

const byDataDir = new Map<string, Promise<{ url: string; drop(): Promise<void> }>>();

/**
 * The database of a data directory in the test cluster: a new one the first time, the same one
 * when a test starts a server again on that directory (as SQLite's file would be found there).
 */
export function testDatabaseFor(adminUrl: string, dataDir: string): Promise<{ url: string; drop(): Promise<void> }> {
  let database = byDataDir.get(dataDir);
  if (!database) {
    database = createTestDatabase(adminUrl);
    byDataDir.set(dataDir, database);
  }
  return database;
}

/** A new empty database in the cluster at `adminUrl`; returns its URL and what drops it. */
export async function createTestDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `t_${randomBytes(8).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
