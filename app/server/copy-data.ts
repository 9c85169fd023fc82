/**
 * copy-data: copies an installation (metadata and content) into another, empty one: SQLite + DATA_DIR
 * into PostgreSQL + S3, and back, or any mix. Every row goes through the Kysely layer (in insertion
 * order, so lists keep their order), every blob through copyContent (sha256-checked). Content is
 * copied before the rows that reference it, as the server itself does.
 *
 *   npx tsx app/server/copy-data.ts --from-dir ./data --to-dir ./data-b \
 *     --to-database postgres://… --to-s3
 *
 * `--from-s3` / `--to-s3` use the bucket the S3_* variables name (see README).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { contentConfig, type ContentConfig } from './config.ts';
import { copyContent } from './store/copy-content.ts';
import type { ContentStore } from './store/blobs.ts';
import { openDb, type Db } from './store/db.ts';
import { COLUMNS } from './store/schema.ts';
import { openContentStore } from './store/store.ts';

export interface Installation {
  /** The data directory (SQLite's studio.db and blobs/ unless the others are given). */
  dataDir: string;
  /** postgres://… for PostgreSQL; unset: SQLite in dataDir. */
  databaseUrl?: string;
  /** Where the content is (default: DATA_DIR/blobs). */
  content?: ContentConfig;
}

/** Tables in an order that satisfies their foreign keys, each read in insertion order (rowid) where it has one. */
export const COPIED_TABLES: { name: string; columns: readonly string[]; orderBy: string[] }[] = [
  { name: 'services', columns: COLUMNS.services, orderBy: ['rowid'] },
  {
    name: 'service_dependencies',
    columns: ['service_sid', 'dependencies', 'runtime', 'date_updated'],
    orderBy: ['service_sid'],
  },
  { name: 'builds', columns: COLUMNS.builds, orderBy: ['rowid'] },
  { name: 'environments', columns: COLUMNS.environments, orderBy: ['rowid'] },
  // blobs: only those versions reference (see copyData); marks of uploads in flight are not copied.
  { name: 'files', columns: COLUMNS.files, orderBy: ['rowid'] },
  { name: 'versions', columns: COLUMNS.versions, orderBy: ['rowid'] },
  { name: 'build_versions', columns: ['build_sid', 'position', 'version_sid'], orderBy: ['build_sid', 'position'] },
  { name: 'deployments', columns: COLUMNS.deployments, orderBy: ['rowid'] },
  { name: 'variables', columns: COLUMNS.variables, orderBy: ['rowid'] },
  { name: 'logs', columns: COLUMNS.logs, orderBy: ['rowid'] },
  { name: 'sessions', columns: ['token_hash', 'csrf_token', 'expires_at'], orderBy: ['token_hash'] },
];

const PAGE = 500;

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;
const anyK = (db: Db) => db.k as unknown as AnyDb;

export async function* rowsOf(db: Db, table: string, columns: readonly string[], orderBy: string[]) {
  for (let offset = 0; ; offset += PAGE) {
    let query = anyK(db).selectFrom(table).select(columns);
    for (const column of orderBy) query = query.orderBy(column);
    const rows = await query.limit(PAGE).offset(offset).execute();
    yield rows;
    if (rows.length < PAGE) return;
  }
}

export interface CopyDataReport {
  rows: Record<string, number>;
  copied: number;
  verified: number;
}

/** Opens both installations' databases and content stores, copies, and closes them. */
export async function copyData(from: Installation, to: Installation): Promise<CopyDataReport> {
  const open = async (side: Installation): Promise<{ db: Db; content: ContentStore }> => {
    mkdirSync(side.dataDir, { recursive: true, mode: 0o700 });
    return {
      db: await openDb({ url: side.databaseUrl, file: join(side.dataDir, 'studio.db') }),
      content: await openContentStore(side.content ?? { kind: 'disk' }, side.dataDir),
    };
  };
  if (!from.databaseUrl && !existsSync(join(from.dataDir, 'studio.db'))) {
    throw new Error(`No installation to copy from: ${join(from.dataDir, 'studio.db')} does not exist`);
  }
  const source = await open(from);
  try {
    const target = await open(to);
    try {
      return await copyBetween(source, target);
    } finally {
      await target.db.close();
    }
  } finally {
    await source.db.close();
  }
}

async function copyBetween(
  source: { db: Db; content: ContentStore },
  target: { db: Db; content: ContentStore },
): Promise<CopyDataReport> {
  const existing = await target.db.k.selectFrom('services').select('sid').limit(1).execute();
  if (existing.length > 0) throw new Error('The destination already has services: copy-data fills an empty one');
  // The content first (as the server places content before recording the rows that reference it).
  const hashes = new Set<string>();
  for await (const page of rowsOf(source.db, 'versions', ['sha256'], ['rowid'])) {
    for (const row of page) hashes.add(row.sha256 as string);
  }
  const content = await copyContent(source.content, target.content, { hashes });
  const rows: Record<string, number> = {};
  await target.db.transaction(async (tx) => {
    const blobs = await source.db.k.selectFrom('blobs').select(['sha256', 'size']).orderBy('sha256').execute();
    const kept = blobs.filter((b) => hashes.has(b.sha256));
    for (let i = 0; i < kept.length; i += PAGE) {
      await tx.k
        .insertInto('blobs')
        .values(kept.slice(i, i + PAGE))
        .execute();
    }
    rows.blobs = kept.length;
    for (const { name, columns, orderBy } of COPIED_TABLES) {
      rows[name] = 0;
      for await (const page of rowsOf(source.db, name, columns, orderBy)) {
        if (page.length === 0) continue;
        await anyK(tx).insertInto(name).values(page).execute();
        rows[name] += page.length;
      }
    }
  });
  return { rows, ...content };
}

async function main() {
  const { values } = parseArgs({
    options: {
      'from-dir': { type: 'string' },
      'from-database': { type: 'string' },
      'from-s3': { type: 'boolean', default: false },
      'to-dir': { type: 'string' },
      'to-database': { type: 'string' },
      'to-s3': { type: 'boolean', default: false },
    },
  });
  if (!values['from-dir'] || !values['to-dir']) {
    throw new Error(
      'usage: copy-data --from-dir DIR [--from-database URL] [--from-s3] --to-dir DIR [--to-database URL] [--to-s3]',
    );
  }
  const s3 = (on: boolean | undefined) => (on ? contentConfig(process.env) : undefined);
  const report = await copyData(
    { dataDir: values['from-dir'], databaseUrl: values['from-database'], content: s3(values['from-s3']) },
    { dataDir: values['to-dir'], databaseUrl: values['to-database'], content: s3(values['to-s3']) },
  );
  console.log(JSON.stringify(report));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
