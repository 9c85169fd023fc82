import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyData, COPIED_TABLES, rowsOf } from './copy-data.ts';
import { DiskContentStore } from './store/blobs.ts';
import { openDb, type Db } from './store/db.ts';
import { openStore } from './store/store.ts';
import { createTestDatabase, startPostgresCluster, testPostgresUrl, type PostgresCluster } from './test-postgres.ts';
import { startTestS3, type TestS3 } from './test-s3.ts';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
let s3: TestS3;
let cluster: PostgresCluster | null = null;
let adminUrl: string;
const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'copy-data-'));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  s3 = await startTestS3();
  const shared = testPostgresUrl();
  if (shared) adminUrl = shared;
  else {
    cluster = await startPostgresCluster();
    adminUrl = cluster.url;
  }
}, 120_000);
afterAll(async () => {
  await s3.close();
  cluster?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Every copied table's rows, in the order the copy reads them. */
async function dump(where: { url?: string; dir: string }) {
  const db: Db = await openDb({ url: where.url, file: join(where.dir, 'studio.db') });
  try {
    const tables: Record<string, Record<string, unknown>[]> = {};
    for (const { name, columns, orderBy } of COPIED_TABLES) {
      tables[name] = [];
      for await (const page of rowsOf(db, name, columns, orderBy)) tables[name].push(...page);
    }
    tables.blobs = await db.k.selectFrom('blobs').select(['sha256', 'size']).orderBy('sha256').execute();
    return tables;
  } finally {
    await db.close();
  }
}

describe('copy-data', () => {
  it('copies SQLite + DATA_DIR into PostgreSQL + S3 and back, every row and byte the same', async () => {
    // An installation with services, files and versions (one of several MB), a build, an
    // environment deployed, a variable and logs.
    const source = fresh();
    const store = await openStore(source);
    const contents = [Buffer.from('hello'), randomBytes(3 * 1024 * 1024), Buffer.from('exports.handler = 1;')];
    for (const name of ['first', 'second']) {
      const svc = await store.services.create({
        unique_name: name,
        friendly_name: name,
        include_credentials: 1,
        ui_editable: 0,
      });
      const env = (await store.environments.create({
        service_sid: svc.sid,
        unique_name: 'dev',
        domain_suffix: 'dev',
        domain_name: `${name}-1234-dev.localhost`,
      }))!;
      await store.variables.create({ service_sid: svc.sid, environment_sid: env.sid, key: 'K', value: name });
      const versionSids: string[] = [];
      for (const [i, bytes] of contents.entries()) {
        const kind = i === 2 ? 'function' : 'asset';
        const path = `/${i}.${kind === 'function' ? 'js' : 'bin'}`;
        const file = await store.files.create(svc.sid, kind, path);
        const staged = await store.blobs.write(Readable.from([bytes]), Infinity);
        const version = await store.recordVersion(
          { service_sid: svc.sid, file_sid: file.sid, kind, path, visibility: 'public', content_type: 'x/y' },
          staged,
        );
        versionSids.push(version!.sid);
      }
      const build = await store.builds.create(
        { service_sid: svc.sid, dependencies: '[]', runtime: 'node18' },
        versionSids,
      );
      await store.environments.deploy(env, build.sid);
    }
    await store.close();
    const original = await dump({ dir: source });
    expect(original.versions).toHaveLength(6);
    expect(original.build_versions).toHaveLength(6);
    expect(original.deployments).toHaveLength(2);
    expect(original.blobs).toHaveLength(3);
    expect(original.logs?.length).toBeGreaterThan(0);

    const middle = fresh();
    const database = await createTestDatabase(adminUrl);
    const bucket = { ...s3.config, prefix: 'copy-data/' };
    const there = await copyData({ dataDir: source }, { dataDir: middle, databaseUrl: database.url, content: bucket });
    expect(there).toMatchObject({ copied: 3, verified: 0 });
    expect(await dump({ url: database.url, dir: middle })).toEqual(original);
    // The content is in the bucket, once per hash.
    expect((await s3.keys()).filter((k) => k.startsWith('copy-data/blobs/'))).toHaveLength(3);

    const back = fresh();
    const returned = await copyData({ dataDir: middle, databaseUrl: database.url, content: bucket }, { dataDir: back });
    expect(returned).toMatchObject({ copied: 3, verified: 0 });
    expect(await dump({ dir: back })).toEqual(original);
    const disk = new DiskContentStore(back);
    for (const bytes of contents) expect(sha(readFileSync(disk.pathOf(sha(bytes))))).toBe(sha(bytes));

    // Into an installation that is not empty: refused, nothing changed.
    await expect(copyData({ dataDir: source }, { dataDir: back })).rejects.toThrow(/already has services/);
    expect(await dump({ dir: back })).toEqual(original);
    await database.drop();
  }, 120_000);
});
