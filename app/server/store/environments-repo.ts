import type { DeploymentClient } from '../../shared/api-schemas.ts';
import type { Db } from './db.ts';
import { newSid, nowIso, pageOf, type PageRequest } from './ids.ts';

export interface EnvironmentRow {
  sid: string;
  service_sid: string;
  unique_name: string;
  domain_suffix: string | null;
  domain_name: string;
  build_sid: string | null;
  date_created: string;
  date_updated: string;
}

export interface DeploymentRow {
  sid: string;
  service_sid: string;
  environment_sid: string;
  build_sid: string;
  date_created: string;
  date_updated: string;
  /** Which kind of client created it; null for deployments made before this was recorded. */
  client: DeploymentClient | null;
}

export function environmentsRepo(db: Db) {
  const byService = db.prepare<[string, number, number], EnvironmentRow>(
    'SELECT * FROM environments WHERE service_sid = ? ORDER BY rowid LIMIT ? OFFSET ?',
  );
  const all = db.prepare<[], EnvironmentRow>('SELECT * FROM environments');
  const ofService = db.prepare<[string], EnvironmentRow>('SELECT * FROM environments WHERE service_sid = ?');
  const bySid = db.prepare<[string], EnvironmentRow>('SELECT * FROM environments WHERE sid = ?');
  const one = db.prepare<[string, string, string], EnvironmentRow>(
    'SELECT * FROM environments WHERE service_sid = ? AND (sid = ? OR unique_name = ?)',
  );
  const clash = db.prepare<[string, string, string | null, string], { n: number }>(
    `SELECT 1 AS n FROM environments
     WHERE (service_sid = ? AND (unique_name = ? COLLATE NOCASE OR domain_suffix = ?)) OR domain_name = ?`,
  );
  const insert = db.prepare(
    `INSERT INTO environments VALUES (@sid, @service_sid, @unique_name, @domain_suffix, @domain_name,
       @build_sid, @date_created, @date_updated)`,
  );
  const setBuild = db.prepare('UPDATE environments SET build_sid = ?, date_updated = ? WHERE sid = ?');
  const insertDeployment = db.prepare(
    `INSERT INTO deployments (sid, service_sid, environment_sid, build_sid, date_created, date_updated, client)
     VALUES (@sid, @service_sid, @environment_sid, @build_sid, @date_created, @date_updated, @client)`,
  );
  const deployments = db.prepare<[string, number, number], DeploymentRow>(
    'SELECT * FROM deployments WHERE environment_sid = ? ORDER BY rowid DESC LIMIT ? OFFSET ?',
  );
  const deployment = db.prepare<[string, string], DeploymentRow>(
    'SELECT * FROM deployments WHERE environment_sid = ? AND sid = ?',
  );

  return {
    list: (serviceSid: string, page: PageRequest) => pageOf((l, o) => byService.all(serviceSid, l, o), page),
    all: () => all.all(),
    /** Every environment of a service, unpaged (to take their domains offline with it). */
    ofService: (serviceSid: string) => ofService.all(serviceSid),
    findBySid: (sid: string) => bySid.get(sid),
    find: (serviceSid: string, sid: string) => one.get(serviceSid, sid, sid),

    /** Inserts unless the name, suffix or domain is taken; returns null on a clash. */
    create: db.transaction(
      (fields: Pick<EnvironmentRow, 'service_sid' | 'unique_name' | 'domain_suffix' | 'domain_name'>) => {
        if (clash.get(fields.service_sid, fields.unique_name, fields.domain_suffix, fields.domain_name)) return null;
        const now = nowIso();
        const row: EnvironmentRow = {
          sid: newSid('environment'),
          ...fields,
          build_sid: null,
          date_created: now,
          date_updated: now,
        };
        insert.run(row);
        return row;
      },
    ),

    remove: db.transaction((sid: string) => {
      db.prepare('DELETE FROM logs WHERE environment_sid = ?').run(sid);
      db.prepare('DELETE FROM variables WHERE environment_sid = ?').run(sid);
      db.prepare('DELETE FROM deployments WHERE environment_sid = ?').run(sid);
      db.prepare('DELETE FROM environments WHERE sid = ?').run(sid);
    }),

    /** Records the deployment and switches the environment's build in one transaction. */
    deploy: db.transaction((env: EnvironmentRow, buildSid: string, client: DeploymentClient | null = null) => {
      const now = nowIso();
      const row: DeploymentRow = {
        sid: newSid('deployment'),
        service_sid: env.service_sid,
        environment_sid: env.sid,
        build_sid: buildSid,
        date_created: now,
        date_updated: now,
        client,
      };
      insertDeployment.run(row);
      setBuild.run(buildSid, now, env.sid);
      return row;
    }),

    deployments: (envSid: string, page: PageRequest) => pageOf((l, o) => deployments.all(envSid, l, o), page),
    deployment: (envSid: string, sid: string) => deployment.get(envSid, sid),
  };
}

export type EnvironmentsRepo = ReturnType<typeof environmentsRepo>;
