import type { DeploymentClient } from '../../shared/api-schemas.ts';
import type { Selectable } from 'kysely';
import { equalsNoCase, insertionOrder, type Db } from './db.ts';
import { newSid, nowIso, pageOf, type PageRequest } from './ids.ts';
import { COLUMNS, type Database } from './schema.ts';

export type EnvironmentRow = Selectable<Database['environments']>;
export type DeploymentRow = Selectable<Database['deployments']>;

/** PostgreSQL's unique_violation: a row another instance inserted between our check and our insert. */
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export function environmentsRepo(db: Db) {
  const { k } = db;
  const select = () => k.selectFrom('environments').select(COLUMNS.environments);
  const selectDeployments = () => k.selectFrom('deployments').select(COLUMNS.deployments);

  return {
    list: (serviceSid: string, page: PageRequest) =>
      pageOf(
        (limit, offset) =>
          select().where('service_sid', '=', serviceSid).orderBy(insertionOrder).limit(limit).offset(offset).execute(),
        page,
      ),
    all: () => select().execute(),
    /** Every environment of a service, unpaged (to take their domains offline with it). */
    ofService: (serviceSid: string) => select().where('service_sid', '=', serviceSid).execute(),
    findBySid: (sid: string) => select().where('sid', '=', sid).executeTakeFirst(),
    find: (serviceSid: string, sid: string) =>
      select()
        .where('service_sid', '=', serviceSid)
        .where((eb) => eb.or([eb('sid', '=', sid), eb('unique_name', '=', sid)]))
        .executeTakeFirst(),

    /** Inserts unless the name, suffix or domain is taken; returns null on a clash. */
    create: (fields: Pick<EnvironmentRow, 'service_sid' | 'unique_name' | 'domain_suffix' | 'domain_name'>) =>
      db
        .transaction(async (tx) => {
          const clash = await tx.k
            .selectFrom('environments')
            .select('sid')
            .where((eb) =>
              eb.or([
                eb.and([
                  eb('service_sid', '=', fields.service_sid),
                  eb.or([
                    equalsNoCase(tx, 'unique_name', fields.unique_name),
                    eb('domain_suffix', '=', fields.domain_suffix),
                  ]),
                ]),
                eb('domain_name', '=', fields.domain_name),
              ]),
            )
            .executeTakeFirst();
          if (clash) return null;
          const now = nowIso();
          const row: EnvironmentRow = {
            sid: newSid('environment'),
            ...fields,
            build_sid: null,
            date_created: now,
            date_updated: now,
          };
          await tx.k.insertInto('environments').values(row).execute();
          return row;
        })
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) return null;
          throw err;
        }),

    remove: (sid: string) =>
      db.transaction(async ({ k: t }) => {
        await t.deleteFrom('logs').where('environment_sid', '=', sid).execute();
        await t.deleteFrom('variables').where('environment_sid', '=', sid).execute();
        await t.deleteFrom('deployments').where('environment_sid', '=', sid).execute();
        await t.deleteFrom('environments').where('sid', '=', sid).execute();
      }),

    /** Records the deployment and switches the environment's build in one transaction. */
    deploy: (env: EnvironmentRow, buildSid: string, client: DeploymentClient | null = null) =>
      db.transaction(async ({ k: t }) => {
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
        await t.insertInto('deployments').values(row).execute();
        await t
          .updateTable('environments')
          .set({ build_sid: buildSid, date_updated: now })
          .where('sid', '=', env.sid)
          .execute();
        return row;
      }),

    deployments: (envSid: string, page: PageRequest) =>
      pageOf(
        (limit, offset) =>
          selectDeployments()
            .where('environment_sid', '=', envSid)
            .orderBy(insertionOrder, 'desc')
            .limit(limit)
            .offset(offset)
            .execute(),
        page,
      ),
    deployment: (envSid: string, sid: string) =>
      selectDeployments().where('environment_sid', '=', envSid).where('sid', '=', sid).executeTakeFirst(),
  };
}

export type EnvironmentsRepo = ReturnType<typeof environmentsRepo>;
