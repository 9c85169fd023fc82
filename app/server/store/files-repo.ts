import type { Selectable } from 'kysely';
import { insertionOrder, type Db } from './db.ts';
import { newSid, nowIso, pageOf, type PageRequest } from './ids.ts';
import { COLUMNS, type Database, type FileKind } from './schema.ts';

export type { FileKind } from './schema.ts';
export type FileRow = Selectable<Database['files']>;
export type VersionRow = Selectable<Database['versions']>;

/** A version to record; metadata_removed defaults to 0. */
export type NewVersionFields = Omit<VersionRow, 'sid' | 'date_created' | 'metadata_removed'> & {
  metadata_removed?: number;
};

export function filesRepo(db: Db) {
  const { k } = db;
  const select = () => k.selectFrom('files').select(COLUMNS.files);
  const selectVersions = () => k.selectFrom('versions').select(COLUMNS.versions);

  return {
    list: (serviceSid: string, kind: FileKind, page: PageRequest) =>
      pageOf(
        (limit, offset) =>
          select()
            .where('service_sid', '=', serviceSid)
            .where('kind', '=', kind)
            .where('deleted', '=', 0)
            .orderBy(insertionOrder)
            .limit(limit)
            .offset(offset)
            .execute(),
        page,
      ),
    find: (serviceSid: string, kind: FileKind, sid: string) =>
      select()
        .where('service_sid', '=', serviceSid)
        .where('kind', '=', kind)
        .where('sid', '=', sid)
        .where('deleted', '=', 0)
        .executeTakeFirst(),
    /**
     * True while the file exists and is not deleted (hidden). In a transaction on PostgreSQL, the
     * row stays locked until it ends, so that a delete waits for a version being recorded.
     */
    isLive: async (sid: string) =>
      (await k
        .selectFrom('files')
        .select('sid')
        .where('sid', '=', sid)
        .where('deleted', '=', 0)
        .$if(db.dialect === 'postgres' && k.isTransaction, (q) => q.forUpdate())
        .executeTakeFirst()) !== undefined,

    async create(serviceSid: string, kind: FileKind, friendlyName: string): Promise<FileRow> {
      const now = nowIso();
      const row: FileRow = {
        sid: newSid(kind),
        service_sid: serviceSid,
        kind,
        friendly_name: friendlyName,
        latest_version_sid: null,
        deleted: 0,
        date_created: now,
        date_updated: now,
      };
      await k.insertInto('files').values(row).execute();
      return row;
    },

    async rename(row: FileRow, friendlyName: string): Promise<FileRow> {
      const next = { ...row, friendly_name: friendlyName, date_updated: nowIso() };
      await k
        .updateTable('files')
        .set({ friendly_name: next.friendly_name, date_updated: next.date_updated })
        .where('sid', '=', next.sid)
        .execute();
      return next;
    },

    /**
     * Deletes a file. When a build holds any of its versions (deployed environments may serve
     * them), the versions stay and the file is only hidden.
     */
    remove: (file: FileRow) =>
      db.transaction(async ({ k: t }) => {
        const inBuild = await t
          .selectFrom('build_versions as bv')
          .innerJoin('versions as v', 'v.sid', 'bv.version_sid')
          .select('bv.build_sid')
          .where('v.file_sid', '=', file.sid)
          .limit(1)
          .executeTakeFirst();
        if (inBuild) {
          await t
            .updateTable('files')
            .set({ deleted: 1, date_updated: nowIso() })
            .where('sid', '=', file.sid)
            .execute();
          return;
        }
        await t.deleteFrom('versions').where('file_sid', '=', file.sid).execute();
        await t.deleteFrom('files').where('sid', '=', file.sid).execute();
      }),

    /** Every blob the database knows. */
    blobHashes: async () => (await k.selectFrom('blobs').select('sha256').execute()).map((r) => r.sha256),

    /**
     * Says content is about to be placed (before placing it): garbage collection leaves it alone
     * until its version is recorded, or `graceMs` has passed. Returns the mark, for addVersion.
     */
    async placing(sha256: string, size: number): Promise<number> {
      const mark = Date.now();
      await k
        .insertInto('blobs')
        .values({ sha256, size, placing_since: mark })
        .onConflict((oc) => oc.column('sha256').doUpdateSet({ placing_since: mark }))
        .execute();
      return mark;
    },

    /**
     * Forgets blobs no version points at (but those being placed for less than `graceMs`) and
     * calls `remove` for each, in one transaction, so that no writer marks one meanwhile.
     */
    dropUnusedBlobs: (graceMs: number, remove: (sha256: string) => Promise<void> | void) =>
      db.transaction(async ({ k: t }) => {
        const unused = (
          await t
            .deleteFrom('blobs')
            .where((eb) =>
              eb.not(
                eb.exists(
                  eb.selectFrom('versions').select('versions.sid').whereRef('versions.sha256', '=', 'blobs.sha256'),
                ),
              ),
            )
            .where((eb) => eb.or([eb('placing_since', 'is', null), eb('placing_since', '<', Date.now() - graceMs)]))
            .returning('sha256')
            .execute()
        ).map((r) => r.sha256);
        for (const sha of unused) await remove(sha);
        return unused;
      }),

    /**
     * Forgets content this writer marked (placing()) but will not record, unless a version holds
     * it or another writer marked it since; true when it was forgotten (the caller removes it).
     */
    async dropPlaced(sha256: string, placing: number): Promise<boolean> {
      const dropped = await k
        .deleteFrom('blobs')
        .where('sha256', '=', sha256)
        .where('placing_since', '=', placing)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb.selectFrom('versions').select('versions.sid').whereRef('versions.sha256', '=', 'blobs.sha256'),
            ),
          ),
        )
        .executeTakeFirst();
      return dropped.numDeletedRows > 0n;
    },

    versions: (fileSid: string, page: PageRequest) =>
      pageOf(
        (limit, offset) =>
          selectVersions()
            .where('file_sid', '=', fileSid)
            .orderBy(insertionOrder, 'desc')
            .limit(limit)
            .offset(offset)
            .execute(),
        page,
      ),
    version: (fileSid: string, sid: string) =>
      selectVersions().where('file_sid', '=', fileSid).where('sid', '=', sid).executeTakeFirst(),
    versionBySid: (sid: string) => selectVersions().where('sid', '=', sid).executeTakeFirst(),
    /** Versions by sid, in one query (for a page of files' latest versions). */
    async versionsBySid(sids: string[]): Promise<Map<string, VersionRow>> {
      const found = new Map<string, VersionRow>();
      // In slices: SQLite takes at most 32766 parameters per statement.
      for (let i = 0; i < sids.length; i += 1000) {
        for (const v of await selectVersions()
          .where('sid', 'in', sids.slice(i, i + 1000))
          .execute())
          found.set(v.sid, v);
      }
      return found;
    },
    /**
     * The latest version sid of every file of the service that has one, assets then functions, each
     * in the order the lists give them: what Deploy All builds, read without the versions' rows.
     */
    async latestVersionSids(serviceSid: string): Promise<Record<FileKind, string[]>> {
      const rows = await k
        .selectFrom('files')
        .select(['kind', 'latest_version_sid'])
        .where('service_sid', '=', serviceSid)
        .where('deleted', '=', 0)
        .where('latest_version_sid', 'is not', null)
        .orderBy(insertionOrder)
        .execute();
      const latest: Record<FileKind, string[]> = { asset: [], function: [] };
      for (const row of rows) latest[row.kind].push(row.latest_version_sid!);
      return latest;
    },
    /** The file's latest version, if it has one. */
    latestVersion: (fileSid: string) =>
      k
        .selectFrom('files as f')
        .innerJoin('versions as v', 'v.sid', 'f.latest_version_sid')
        .select(COLUMNS.versions.map((c) => `v.${c}` as const))
        .where('f.sid', '=', fileSid)
        .executeTakeFirst(),

    /**
     * Records a version whose bytes are already in the blob store, and makes it the file's latest;
     * `placing` (from placing()) ends the protection of the content now that a version holds it.
     */
    addVersion: (fields: NewVersionFields, placing?: number) =>
      db.transaction(async ({ k: t }) => {
        const row: VersionRow = { sid: newSid('version'), metadata_removed: 0, ...fields, date_created: nowIso() };
        await t
          .insertInto('blobs')
          .values({ sha256: row.sha256, size: row.size })
          .onConflict((oc) => oc.column('sha256').doNothing())
          .execute();
        if (placing !== undefined) {
          await t
            .updateTable('blobs')
            .set({ placing_since: null })
            .where('sha256', '=', row.sha256)
            .where('placing_since', '=', placing)
            .execute();
        }
        await t.insertInto('versions').values(row).execute();
        await t
          .updateTable('files')
          .set({ latest_version_sid: row.sid, date_updated: row.date_created })
          .where('sid', '=', row.file_sid)
          .execute();
        return row;
      }),
  };
}

export type FilesRepo = ReturnType<typeof filesRepo>;
