import type { Db } from './db.ts';
import type { VersionRow } from './files-repo.ts';
import { newSid, nowIso, pageOf, type PageRequest } from './ids.ts';

export type BuildStatus = 'building' | 'completed' | 'failed';

export interface BuildRow {
  sid: string;
  service_sid: string;
  status: BuildStatus;
  /** JSON array of {name, version}. */
  dependencies: string;
  runtime: string;
  failure_reason: string | null;
  date_created: string;
  date_updated: string;
}

export function buildsRepo(db: Db) {
  const list = db.prepare<[string, number, number], BuildRow>(
    'SELECT * FROM builds WHERE service_sid = ? ORDER BY rowid DESC LIMIT ? OFFSET ?',
  );
  const one = db.prepare<[string, string], BuildRow>('SELECT * FROM builds WHERE service_sid = ? AND sid = ?');
  const bySid = db.prepare<[string], BuildRow>('SELECT * FROM builds WHERE sid = ?');
  const building = db.prepare<[], BuildRow>("SELECT * FROM builds WHERE status = 'building'");
  const all = db.prepare<[], Pick<BuildRow, 'sid' | 'dependencies'>>('SELECT sid, dependencies FROM builds');
  const insert = db.prepare(
    `INSERT INTO builds VALUES (@sid, @service_sid, @status, @dependencies, @runtime, @failure_reason,
       @date_created, @date_updated)`,
  );
  const insertVersion = db.prepare('INSERT INTO build_versions VALUES (?, ?, ?)');
  const versions = db.prepare<[string], VersionRow>(
    `SELECT v.* FROM build_versions bv JOIN versions v ON v.sid = bv.version_sid
     WHERE bv.build_sid = ? ORDER BY bv.position`,
  );
  const finish = db.prepare(
    'UPDATE builds SET status = ?, failure_reason = ?, date_updated = ? WHERE sid = ? AND status = ?',
  );
  const deployedIn = db.prepare<[string], { sid: string; unique_name: string }>(
    'SELECT sid, unique_name FROM environments WHERE build_sid = ?',
  );

  return {
    list: (serviceSid: string, page: PageRequest) => pageOf((l, o) => list.all(serviceSid, l, o), page),
    find: (serviceSid: string, sid: string) => one.get(serviceSid, sid),
    findBySid: (sid: string) => bySid.get(sid),
    building: () => building.all(),
    /** Every build's sid and dependencies (what files on disk are still needed for). */
    all: () => all.all(),
    versions: (buildSid: string) => versions.all(buildSid),

    create: db.transaction(
      (fields: Pick<BuildRow, 'service_sid' | 'dependencies' | 'runtime'>, versionSids: string[]): BuildRow => {
        const now = nowIso();
        const row: BuildRow = {
          sid: newSid('build'),
          ...fields,
          status: 'building',
          failure_reason: null,
          date_created: now,
          date_updated: now,
        };
        insert.run(row);
        versionSids.forEach((sid, i) => insertVersion.run(row.sid, i, sid));
        return row;
      },
    ),

    finish(sid: string, status: 'completed' | 'failed', reason: string | null) {
      finish.run(status, reason, nowIso(), sid, 'building');
    },

    /** Environments this build is live on. */
    deployedIn: (sid: string) => deployedIn.all(sid),

    remove: db.transaction((sid: string) => {
      db.prepare('DELETE FROM build_versions WHERE build_sid = ?').run(sid);
      db.prepare('DELETE FROM deployments WHERE build_sid = ?').run(sid);
      db.prepare('DELETE FROM builds WHERE sid = ?').run(sid);
    }),
  };
}

export type BuildsRepo = ReturnType<typeof buildsRepo>;
