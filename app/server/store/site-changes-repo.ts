import type { Db } from './db.ts';

/** The journal of changes to what environments serve (written by triggers; see db.ts). */
export function siteChangesRepo(db: Db) {
  const last = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM site_changes');
  const since = db.prepare<[number], { seq: number; environment_sid: string }>(
    'SELECT seq, environment_sid FROM site_changes WHERE seq > ? ORDER BY seq',
  );
  return {
    /** The newest change's number (0 when none). */
    last: () => last.get()?.seq ?? 0,
    /** Changes after `seq`, oldest first. */
    since: (seq: number) => since.all(seq),
  };
}
