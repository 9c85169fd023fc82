import type { Db } from './db.ts';

/** The journal of changes to what environments serve (written by triggers; see migrations.ts). */
export function siteChangesRepo({ k }: Db) {
  return {
    /** The newest change's number (0 when none). */
    last: async () =>
      (
        await k
          .selectFrom('site_changes')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .executeTakeFirst()
      )?.seq ?? 0,
    /** Changes after `seq`, oldest first. */
    since: (seq: number) =>
      k.selectFrom('site_changes').select(['seq', 'environment_sid']).where('seq', '>', seq).orderBy('seq').execute(),
  };
}
