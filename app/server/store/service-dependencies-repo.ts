import type { Selectable } from 'kysely';
import type { Db } from './db.ts';
import { nowIso } from './ids.ts';
import type { Database } from './schema.ts';

export type ServiceDependenciesRow = Selectable<Database['service_dependencies']>;

/** The dependency list and runtime each service keeps between deploys (an extension: Twilio's editor keeps one per service). */
export function serviceDependenciesRepo({ k }: Db) {
  return {
    /** The saved list, or undefined when the service has never saved one. */
    find: (serviceSid: string): Promise<ServiceDependenciesRow | undefined> =>
      k.selectFrom('service_dependencies').selectAll().where('service_sid', '=', serviceSid).executeTakeFirst(),
    async save(
      serviceSid: string,
      dependencies: { name: string; version: string }[],
      runtime: string,
    ): Promise<ServiceDependenciesRow> {
      const row = {
        service_sid: serviceSid,
        dependencies: JSON.stringify(dependencies),
        runtime,
        date_updated: nowIso(),
      };
      await k
        .insertInto('service_dependencies')
        .values(row)
        .onConflict((oc) =>
          oc.column('service_sid').doUpdateSet({
            dependencies: row.dependencies,
            runtime: row.runtime,
            date_updated: row.date_updated,
          }),
        )
        .execute();
      return row;
    },
  };
}
