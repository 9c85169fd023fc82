import type { Db } from './db.ts';
import { newSid, nowIso, pageOf, type PageRequest } from './ids.ts';

export interface ServiceRow {
  sid: string;
  unique_name: string;
  friendly_name: string;
  include_credentials: number;
  ui_editable: number;
  domain_base: string;
  date_created: string;
  date_updated: string;
}

export function servicesRepo(db: Db) {
  const bySid = db.prepare<[string, string], ServiceRow>('SELECT * FROM services WHERE sid = ? OR unique_name = ?');
  const list = db.prepare<[number, number], ServiceRow>('SELECT * FROM services ORDER BY rowid LIMIT ? OFFSET ?');
  const domainTaken = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM services WHERE domain_base = ?');
  const insert = db.prepare(
    `INSERT INTO services VALUES (@sid, @unique_name, @friendly_name, @include_credentials,
       @ui_editable, @domain_base, @date_created, @date_updated)`,
  );
  const update = db.prepare(
    `UPDATE services SET friendly_name = @friendly_name, include_credentials = @include_credentials,
       ui_editable = @ui_editable, date_updated = @date_updated WHERE sid = @sid`,
  );

  return {
    /** By sid or unique name, as `/v1/Services/{Sid}` accepts either. */
    find: (sidOrName: string) => bySid.get(sidOrName, sidOrName),
    list: (page: PageRequest) => pageOf((l, o) => list.all(l, o), page),

    create(fields: Pick<ServiceRow, 'unique_name' | 'friendly_name' | 'include_credentials' | 'ui_editable'>) {
      let domain_base: string;
      do {
        domain_base = `${fields.unique_name.toLowerCase()}-${String(Math.floor(1000 + Math.random() * 9000))}`;
      } while (domainTaken.get(domain_base));
      const now = nowIso();
      const row: ServiceRow = { sid: newSid('service'), ...fields, domain_base, date_created: now, date_updated: now };
      insert.run(row);
      return row;
    },

    update(row: ServiceRow) {
      const next = { ...row, date_updated: nowIso() };
      update.run(next);
      return next;
    },

    /** Removes a service and everything under it (the caller checks nothing is live). */
    remove: db.transaction((sid: string) => {
      for (const sql of [
        'DELETE FROM logs WHERE service_sid = ?',
        'DELETE FROM variables WHERE service_sid = ?',
        'DELETE FROM deployments WHERE service_sid = ?',
        'DELETE FROM environments WHERE service_sid = ?',
        'DELETE FROM build_versions WHERE build_sid IN (SELECT sid FROM builds WHERE service_sid = ?)',
        'DELETE FROM builds WHERE service_sid = ?',
        'DELETE FROM versions WHERE service_sid = ?',
        'DELETE FROM files WHERE service_sid = ?',
        'DELETE FROM services WHERE sid = ?',
      ]) {
        db.prepare(sql).run(sid);
      }
    }),
  };
}

export type ServicesRepo = ReturnType<typeof servicesRepo>;
