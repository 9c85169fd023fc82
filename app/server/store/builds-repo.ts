import type { Selectable } from 'kysely';
import { LRUCache } from 'lru-cache';
import { insertionOrder, type Db } from './db.ts';
import type { VersionRow } from './files-repo.ts';
import { newSid, nowIso, pageOf, type PageRequest } from './ids.ts';
import { COLUMNS, type Database } from './schema.ts';

export type { BuildStatus } from './schema.ts';
export type BuildRow = Selectable<Database['builds']>;

/** Builds whose version lists a process keeps (see versions()). */
const RECENT_BUILDS = 8;

export function buildsRepo(db: Db) {
  const { k } = db;
  const select = () => k.selectFrom('builds').select(COLUMNS.builds);
  const recentVersions = new LRUCache<string, Promise<readonly VersionRow[]>>({ max: RECENT_BUILDS });

  return {
    list: (serviceSid: string, page: PageRequest) =>
      pageOf(
        (limit, offset) =>
          select()
            .where('service_sid', '=', serviceSid)
            .orderBy(insertionOrder, 'desc')
            .limit(limit)
            .offset(offset)
            .execute(),
        page,
      ),
    find: (serviceSid: string, sid: string) =>
      select().where('service_sid', '=', serviceSid).where('sid', '=', sid).executeTakeFirst(),
    findBySid: (sid: string) => select().where('sid', '=', sid).executeTakeFirst(),
    building: () => select().where('status', '=', 'building').execute(),
    /** Every build's sid and dependencies (what files on disk are still needed for). */
    all: () => k.selectFrom('builds').select(['sid', 'dependencies']).execute(),
    /**
     * A build's versions in build order. A build's versions never change once it is made, and a
     * deploy reads them several times in each process (layout, site index, answer), so the last
     * few builds' lists are kept, shared and read-only.
     */
    versions(buildSid: string): Promise<readonly VersionRow[]> {
      let versions = recentVersions.get(buildSid);
      if (!versions) {
        versions = k
          .selectFrom('build_versions as bv')
          .innerJoin('versions as v', 'v.sid', 'bv.version_sid')
          .select(COLUMNS.versions.map((c) => `v.${c}` as const))
          .where('bv.build_sid', '=', buildSid)
          .orderBy('bv.position')
          .execute();
        versions.catch(() => recentVersions.delete(buildSid));
        recentVersions.set(buildSid, versions);
      }
      return versions;
    },

    create: (fields: Pick<BuildRow, 'service_sid' | 'dependencies' | 'runtime'>, versionSids: string[]) =>
      db.transaction(async ({ k: t }): Promise<BuildRow> => {
        const now = nowIso();
        const row: BuildRow = {
          sid: newSid('build'),
          ...fields,
          status: 'building',
          failure_reason: null,
          date_created: now,
          date_updated: now,
          owner: null,
          heartbeat_at: null,
        };
        await t.insertInto('builds').values(row).execute();
        // In slices: SQLite takes at most 32766 parameters per statement, PostgreSQL 65535.
        for (let i = 0; i < versionSids.length; i += 1000) {
          await t
            .insertInto('build_versions')
            .values(
              versionSids
                .slice(i, i + 1000)
                .map((sid, j) => ({ build_sid: row.sid, position: i + j, version_sid: sid })),
            )
            .execute();
        }
        return row;
      }),

    async finish(sid: string, status: 'completed' | 'failed', reason: string | null) {
      await k
        .updateTable('builds')
        .set({ status, failure_reason: reason, date_updated: nowIso() })
        .where('sid', '=', sid)
        .where('status', '=', 'building')
        .execute();
    },

    /**
     * Makes `owner` the instance running a build still "building", unless another owner said it is
     * running it after `staleBefore` (ms). True when `owner` has it now.
     */
    async claim(sid: string, owner: string, now: number, staleBefore: number): Promise<boolean> {
      const result = await k
        .updateTable('builds')
        .set({ owner, heartbeat_at: now })
        .where('sid', '=', sid)
        .where('status', '=', 'building')
        .where((eb) =>
          eb.or([
            eb('owner', 'is', null),
            eb('owner', '=', owner),
            eb('heartbeat_at', 'is', null),
            eb('heartbeat_at', '<', staleBefore),
          ]),
        )
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** The owner says it is still running these builds. */
    async heartbeat(sids: string[], owner: string, now: number) {
      if (sids.length === 0) return;
      await k
        .updateTable('builds')
        .set({ heartbeat_at: now })
        .where('sid', 'in', sids)
        .where('owner', '=', owner)
        .where('status', '=', 'building')
        .execute();
    },

    /** Builds still "building" whose owner has gone quiet (or that have none). */
    orphaned: (staleBefore: number) =>
      select()
        .where('status', '=', 'building')
        .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', staleBefore)]))
        .execute(),

    /** Environments this build is live on. */
    deployedIn: (sid: string) =>
      k.selectFrom('environments').select(['sid', 'unique_name']).where('build_sid', '=', sid).execute(),

    remove: (sid: string) =>
      db.transaction(async ({ k: t }) => {
        await t.deleteFrom('build_versions').where('build_sid', '=', sid).execute();
        await t.deleteFrom('deployments').where('build_sid', '=', sid).execute();
        await t.deleteFrom('builds').where('sid', '=', sid).execute();
      }),
  };
}

export type BuildsRepo = ReturnType<typeof buildsRepo>;
