import type { Db } from './db.ts';
import { newSid, nowIso, pageOf, type PageRequest } from './ids.ts';

export interface VariableRow {
  sid: string;
  service_sid: string;
  environment_sid: string;
  key: string;
  value: string;
  date_created: string;
  date_updated: string;
}

export interface LogRow {
  sid: string;
  service_sid: string;
  environment_sid: string;
  build_sid: string | null;
  deployment_sid: string | null;
  function_sid: string | null;
  request_sid: string;
  level: string;
  message: string;
  date_created: string;
}

export function variablesRepo(db: Db) {
  const list = db.prepare<[string, number, number], VariableRow>(
    'SELECT * FROM variables WHERE environment_sid = ? ORDER BY rowid LIMIT ? OFFSET ?',
  );
  const one = db.prepare<[string, string], VariableRow>(
    'SELECT * FROM variables WHERE environment_sid = ? AND sid = ?',
  );
  const all = db.prepare<[string], Pick<VariableRow, 'key' | 'value'>>(
    'SELECT key, value FROM variables WHERE environment_sid = ? ORDER BY rowid',
  );
  const byKey = db.prepare<[string, string], VariableRow>(
    'SELECT * FROM variables WHERE environment_sid = ? AND key = ?',
  );
  const insert = db.prepare(
    'INSERT INTO variables VALUES (@sid, @service_sid, @environment_sid, @key, @value, @date_created, @date_updated)',
  );
  const update = db.prepare(
    'UPDATE variables SET key = @key, value = @value, date_updated = @date_updated WHERE sid = @sid',
  );

  return {
    list: (envSid: string, page: PageRequest) => pageOf((l, o) => list.all(envSid, l, o), page),
    find: (envSid: string, sid: string) => one.get(envSid, sid),
    /** Every variable of an environment, as function code sees them in its context. */
    all: (envSid: string) => all.all(envSid),
    findByKey: (envSid: string, key: string) => byKey.get(envSid, key),
    create(fields: Pick<VariableRow, 'service_sid' | 'environment_sid' | 'key' | 'value'>): VariableRow {
      const now = nowIso();
      const row = { sid: newSid('variable'), ...fields, date_created: now, date_updated: now };
      insert.run(row);
      return row;
    },
    update(row: VariableRow): VariableRow {
      const next = { ...row, date_updated: nowIso() };
      update.run(next);
      return next;
    },
    remove: (sid: string) => db.prepare('DELETE FROM variables WHERE sid = ?').run(sid),
  };
}

export function logsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO logs VALUES (@sid, @service_sid, @environment_sid, @build_sid, @deployment_sid, @function_sid,
       @request_sid, @level, @message, @date_created)`,
  );
  const one = db.prepare<[string, string], LogRow>('SELECT * FROM logs WHERE environment_sid = ? AND sid = ?');
  const environmentsOf = db.prepare<[string], { sid: string }>('SELECT sid FROM environments WHERE service_sid = ?');

  return {
    /** A log entry; the request sid is a new one unless the entry belongs to a function invocation. */
    add(fields: Omit<LogRow, 'sid' | 'request_sid' | 'date_created'> & { request_sid?: string }): LogRow {
      const row = {
        sid: newSid('log'),
        ...fields,
        request_sid: fields.request_sid ?? newSid('request'),
        date_created: nowIso(),
      };
      insert.run(row);
      return row;
    },
    /**
     * A service-level event (a build, a version) logged to every environment of the service, since
     * Logs belong to an environment and each environment's readers should see what may reach it.
     */
    addForService: db.transaction(
      (fields: Omit<LogRow, 'sid' | 'request_sid' | 'date_created' | 'environment_sid'>): void => {
        const date_created = nowIso();
        for (const { sid } of environmentsOf.all(fields.service_sid)) {
          insert.run({
            sid: newSid('log'),
            request_sid: newSid('request'),
            ...fields,
            environment_sid: sid,
            date_created,
          });
        }
      },
    ),
    find: (envSid: string, sid: string) => one.get(envSid, sid),
    /** Newest first, within [start, end], optionally for one function. */
    list(envSid: string, filter: { functionSid?: string; start: string; end: string }, page: PageRequest) {
      const where = ['environment_sid = ?', 'date_created >= ?', 'date_created <= ?'];
      const args: unknown[] = [envSid, filter.start, filter.end];
      if (filter.functionSid) {
        where.push('function_sid = ?');
        args.push(filter.functionSid);
      }
      const stmt = db.prepare<unknown[], LogRow>(
        `SELECT * FROM logs WHERE ${where.join(' AND ')} ORDER BY date_created DESC, rowid DESC LIMIT ? OFFSET ?`,
      );
      return pageOf((l, o) => stmt.all(...args, l, o), page);
    },
  };
}

export type VariablesRepo = ReturnType<typeof variablesRepo>;
export type LogsRepo = ReturnType<typeof logsRepo>;
