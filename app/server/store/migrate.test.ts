import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { testClient } from '../test-client.ts';
import { createTestDatabase, testPostgresUrl } from '../test-postgres.ts';
import { startTestServer } from '../test-server.ts';
import { openDb, SCHEMA_VERSION } from './db.ts';
import { MIGRATIONS } from './migrations.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('an installation made before PostgreSQL was supported', () => {
  it('migrates forward: its services, assets and live site carry on', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'assets-studio-old-'));
    dirs.push(dataDir);
    // The schema and rows as the previous release wrote them (schema version 2, its SQL verbatim).
    const old = new Database(join(dataDir, 'studio.db'));
    old.pragma('journal_mode = WAL');
    for (const m of MIGRATIONS.slice(0, 2)) old.exec(m.sqlite);
    old.pragma('user_version = 2');
    const bytes = Buffer.from('made by the old release\n');
    const sha = createHash('sha256').update(bytes).digest('hex');
    mkdirSync(join(dataDir, 'blobs', sha.slice(0, 2)), { recursive: true });
    writeFileSync(join(dataDir, 'blobs', sha.slice(0, 2), sha), bytes);
    const t = '2026-01-01T00:00:00Z';
    old.exec(`
      INSERT INTO services VALUES ('ZS${'1'.repeat(32)}', 'old', 'Old', 1, 0, 'old-1234', '${t}', '${t}');
      INSERT INTO blobs VALUES ('${sha}', ${bytes.length});
      INSERT INTO files VALUES ('ZH${'2'.repeat(32)}', 'ZS${'1'.repeat(32)}', 'asset', '/old.txt', 'ZN${'3'.repeat(32)}', 0, '${t}', '${t}');
      INSERT INTO versions VALUES ('ZN${'3'.repeat(32)}', 'ZS${'1'.repeat(32)}', 'ZH${'2'.repeat(32)}', 'asset', '/old.txt',
        'public', '${sha}', ${bytes.length}, 'text/plain; charset=utf-8', '${t}');
      INSERT INTO builds VALUES ('ZB${'4'.repeat(32)}', 'ZS${'1'.repeat(32)}', 'completed', '[]', 'node18', NULL, '${t}', '${t}');
      INSERT INTO build_versions VALUES ('ZB${'4'.repeat(32)}', 0, 'ZN${'3'.repeat(32)}');
    `);
    old.close();

    // Its content is in DATA_DIR/blobs, as that release kept it (also when the tests run on S3).
    const server = await startTestServer({ dataDir, databaseUrl: undefined, content: { kind: 'disk' } });
    try {
      const client = testClient(server);
      const assets = (await client.get(`/v1/Services/old/Assets`)).json!;
      expect(assets.assets).toMatchObject([{ sid: `ZH${'2'.repeat(32)}`, friendly_name: '/old.txt' }]);
      const env = await client.environment(`ZS${'1'.repeat(32)}`);
      expect((await client.deploy(`ZS${'1'.repeat(32)}`, env.sid, `ZB${'4'.repeat(32)}`)).status).toBe(201);
      const res = await client.site(env.domain_name, '/old.txt');
      expect(res.body.toString()).toBe(bytes.toString());
      const db = new Database(join(dataDir, 'studio.db'), { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      db.close();
    } finally {
      await server.close();
    }
  });
});

describe.runIf(testPostgresUrl())('PostgreSQL', () => {
  it('migrates once when several instances start together', async () => {
    const database = await createTestDatabase(testPostgresUrl()!);
    try {
      const dbs = await Promise.all(Array.from({ length: 4 }, () => openDb({ url: database.url, file: '' })));
      const { rows } = await import('kysely').then(({ sql }) =>
        sql<{ version: number }>`SELECT version FROM schema_version`.execute(dbs[0]!.k),
      );
      expect(rows).toEqual([{ version: SCHEMA_VERSION }]);
      await Promise.all(dbs.map((db) => db.close()));
    } finally {
      await database.drop();
    }
  });
});
