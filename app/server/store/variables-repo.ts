import type { Selectable } from 'kysely';
import { insertionOrder, type Db } from './db.ts';
import { newSid, nowIso, pageOf, type PageRequest } from './ids.ts';
import { COLUMNS, type Database } from './schema.ts';

export type VariableRow = Selectable<Database['variables']>;
export type LogRow = Selectable<Database['logs']>;

export function variablesRepo({ k }: Db) {
  const select = () => k.selectFrom('variables').select(COLUMNS.variables);

  return {
    list: (envSid: string, page: PageRequest) =>
      pageOf(
        (limit, offset) =>
          select().where('environment_sid', '=', envSid).orderBy(insertionOrder).limit(limit).offset(offset).execute(),
        page,
      ),
    find: (envSid: string, sid: string) =>
      select().where('environment_sid', '=', envSid).where('sid', '=', sid).executeTakeFirst(),
    /** Every variable of an environment, as function code sees them in its context. */
    all: (envSid: string) =>
      k
        .selectFrom('variables')
        .select(['key', 'value'])
        .where('environment_sid', '=', envSid)
        .orderBy(insertionOrder)
        .execute(),
    findByKey: (envSid: string, key: string) =>
      select().where('environment_sid', '=', envSid).where('key', '=', key).executeTakeFirst(),
    async create(fields: Pick<VariableRow, 'service_sid' | 'environment_sid' | 'key' | 'value'>): Promise<VariableRow> {
      const now = nowIso();
      const row = { sid: newSid('variable'), ...fields, date_created: now, date_updated: now };
      await k.insertInto('variables').values(row).execute();
      return row;
    },
    async update(row: VariableRow): Promise<VariableRow> {
      const next = { ...row, date_updated: nowIso() };
      await k
        .updateTable('variables')
        .set({ key: next.key, value: next.value, date_updated: next.date_updated })
        .where('sid', '=', next.sid)
        .execute();
      return next;
    },
    remove: async (sid: string) => {
      await k.deleteFrom('variables').where('sid', '=', sid).execute();
    },
  };
}

export function logsRepo(db: Db) {
  const { k } = db;
  const select = () => k.selectFrom('logs').select(COLUMNS.logs);

  return {
    /** A log entry; the request sid is a new one unless the entry belongs to a function invocation. */
    async add(
      fields: Omit<LogRow, 'sid' | 'request_sid' | 'date_created'> & { request_sid?: string },
    ): Promise<LogRow> {
      const row = {
        sid: newSid('log'),
        ...fields,
        request_sid: fields.request_sid ?? newSid('request'),
        date_created: nowIso(),
      };
      await k.insertInto('logs').values(row).execute();
      return row;
    },
    /**
     * A service-level event (a build, a version) logged to every environment of the service, since
     * Logs belong to an environment and each environment's readers should see what may reach it.
     */
    addForService: (fields: Omit<LogRow, 'sid' | 'request_sid' | 'date_created' | 'environment_sid'>) =>
      db.transaction(async ({ k: t }) => {
        const date_created = nowIso();
        const envs = await t
          .selectFrom('environments')
          .select('sid')
          .where('service_sid', '=', fields.service_sid)
          .execute();
        if (envs.length === 0) return;
        await t
          .insertInto('logs')
          .values(
            envs.map(({ sid }) => ({
              sid: newSid('log'),
              request_sid: newSid('request'),
              ...fields,
              environment_sid: sid,
              date_created,
            })),
          )
          .execute();
      }),
    find: (envSid: string, sid: string) =>
      select().where('environment_sid', '=', envSid).where('sid', '=', sid).executeTakeFirst(),
    /** Newest first, within [start, end], optionally for one function. */
    list(envSid: string, filter: { functionSid?: string; start: string; end: string }, page: PageRequest) {
      return pageOf(
        (limit, offset) =>
          select()
            .where('environment_sid', '=', envSid)
            .where('date_created', '>=', filter.start)
            .where('date_created', '<=', filter.end)
            .$if(filter.functionSid !== undefined && filter.functionSid !== '', (q) =>
              q.where('function_sid', '=', filter.functionSid!),
            )
            .orderBy('date_created', 'desc')
            .orderBy(insertionOrder, 'desc')
            .limit(limit)
            .offset(offset)
            .execute(),
        page,
      );
    },
  };
}

export type VariablesRepo = ReturnType<typeof variablesRepo>;
export type LogsRepo = ReturnType<typeof logsRepo>;
