import type { Db } from './db.ts';
import { nowIso } from './ids.ts';

export interface ServiceDependenciesRow {
  service_sid: string;
  /** JSON array of {name, version}. */
  dependencies: string;
  runtime: string;
  date_updated: string;
}

/** The dependency list and runtime each service keeps between deploys (an extension: Twilio's editor keeps one per service). */
export function serviceDependenciesRepo(db: Db) {
  const one = db.prepare<[string], ServiceDependenciesRow>('SELECT * FROM service_dependencies WHERE service_sid = ?');
  const upsert = db.prepare(
    `INSERT INTO service_dependencies VALUES (@service_sid, @dependencies, @runtime, @date_updated)
     ON CONFLICT (service_sid) DO UPDATE SET dependencies = excluded.dependencies, runtime = excluded.runtime,
       date_updated = excluded.date_updated`,
  );
  return {
    /** The saved list, or undefined when the service has never saved one. */
    find: (serviceSid: string) => one.get(serviceSid),
    save(
      serviceSid: string,
      dependencies: { name: string; version: string }[],
      runtime: string,
    ): ServiceDependenciesRow {
      const row = {
        service_sid: serviceSid,
        dependencies: JSON.stringify(dependencies),
        runtime,
        date_updated: nowIso(),
      };
      upsert.run(row);
      return row;
    },
  };
}
