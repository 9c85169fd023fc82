import type { Selectable } from 'kysely';
import { equalsNoCase, insertionOrder, type Db } from './db.ts';
import { newSid, nowIso, pageOf, type PageRequest } from './ids.ts';
import { COLUMNS, type Database } from './schema.ts';

export type ServiceRow = Selectable<Database['services']>;

export function servicesRepo(db: Db) {
  const { k } = db;
  const select = () => k.selectFrom('services').select(COLUMNS.services);

  return {
    /** By sid or unique name, as `/v1/Services/{Sid}` accepts either. */
    find: (sidOrName: string) =>
      select()
        .where((eb) => eb.or([eb('sid', '=', sidOrName), equalsNoCase(db, 'unique_name', sidOrName)]))
        .executeTakeFirst(),
    list: (page: PageRequest) =>
      pageOf((limit, offset) => select().orderBy(insertionOrder).limit(limit).offset(offset).execute(), page),

    async create(fields: Pick<ServiceRow, 'unique_name' | 'friendly_name' | 'include_credentials' | 'ui_editable'>) {
      let domain_base: string;
      do {
        domain_base = `${fields.unique_name.toLowerCase()}-${String(Math.floor(1000 + Math.random() * 9000))}`;
      } while (await k.selectFrom('services').select('sid').where('domain_base', '=', domain_base).executeTakeFirst());
      const now = nowIso();
      const row: ServiceRow = { sid: newSid('service'), ...fields, domain_base, date_created: now, date_updated: now };
      await k.insertInto('services').values(row).execute();
      return row;
    },

    async update(row: ServiceRow) {
      const next = { ...row, date_updated: nowIso() };
      await k
        .updateTable('services')
        .set({
          friendly_name: next.friendly_name,
          include_credentials: next.include_credentials,
          ui_editable: next.ui_editable,
          date_updated: next.date_updated,
        })
        .where('sid', '=', next.sid)
        .execute();
      return next;
    },

    /** Removes a service and everything under it (the caller checks nothing is live). */
    remove: (sid: string) =>
      db.transaction(async ({ k: t }) => {
        await t.deleteFrom('logs').where('service_sid', '=', sid).execute();
        await t.deleteFrom('variables').where('service_sid', '=', sid).execute();
        await t.deleteFrom('deployments').where('service_sid', '=', sid).execute();
        await t.deleteFrom('environments').where('service_sid', '=', sid).execute();
        await t
          .deleteFrom('build_versions')
          .where('build_sid', 'in', t.selectFrom('builds').select('sid').where('service_sid', '=', sid))
          .execute();
        await t.deleteFrom('builds').where('service_sid', '=', sid).execute();
        await t.deleteFrom('versions').where('service_sid', '=', sid).execute();
        await t.deleteFrom('files').where('service_sid', '=', sid).execute();
        await t.deleteFrom('services').where('sid', '=', sid).execute();
      }),
  };
}

export type ServicesRepo = ReturnType<typeof servicesRepo>;
