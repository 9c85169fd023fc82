import type { FastifyInstance } from 'fastify';
import { isSid, SID_PREFIX } from '../../shared/sids.ts';
import { runBuild } from '../builds/run-build.ts';
import { presentFor, type Ctx } from '../context.ts';
import { removeLayout } from '../functions/layout.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import type { FileKind, VersionRow } from '../store/files-repo.ts';
import { asForm, optionalString, stringList } from './form.ts';
import { listEnvelope, parsePaging } from './paging.ts';
import { serviceOf } from './services.ts';

type ServiceParams = { ServiceSid: string };
type BuildParams = ServiceParams & { Sid: string };

export const RUNTIMES = ['node8', 'node10', 'node12', 'node14', 'node16', 'node18', 'node20', 'node22'];
export const DEFAULT_RUNTIME = 'node22';

/** Dependencies as twilio-node sends them (JSON) or as serverless-api does (JSON inside quotes). */
export function parseDependencies(raw: string | undefined): { name: string; version: string }[] {
  if (raw === undefined || raw.trim() === '') return [];
  let text = raw.trim();
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('Dependencies must be a JSON array of {"name", "version"} objects');
  }
  if (!Array.isArray(parsed)) throw badRequest('Dependencies must be a JSON array of {"name", "version"} objects');
  return parsed.map((dep: unknown) => {
    const { name, version } = (dep ?? {}) as { name?: unknown; version?: unknown };
    if (typeof name !== 'string' || name === '') throw badRequest('Each dependency needs a "name"');
    return { name, version: typeof version === 'string' && version !== '' ? version : '*' };
  });
}

export function buildRoutes(app: FastifyInstance, ctx: Ctx) {
  const { store } = ctx;
  const base = '/v1/Services/:ServiceSid/Builds';

  const find = (serviceSid: string, sid: string) => {
    const service = serviceOf(ctx, serviceSid);
    const build = store.builds.find(service.sid, sid);
    if (!build) throw notFound(`/Services/${serviceSid}/Builds/${sid}`);
    return build;
  };

  app.get<{ Params: ServiceParams }>(base, (request) => {
    const service = serviceOf(ctx, request.params.ServiceSid);
    const paging = parsePaging(request.query as Record<string, unknown>);
    const present = presentFor(ctx, request);
    return listEnvelope(request, 'builds', paging, store.builds.list(service.sid, paging), (b) =>
      present.build(b, store.builds.versions(b.sid)),
    );
  });

  app.post<{ Params: ServiceParams }>(base, (request, reply) => {
    const service = serviceOf(ctx, request.params.ServiceSid);
    const form = asForm(request.body);
    const requested: [FileKind, string][] = [
      ...stringList(form, 'AssetVersions').map((sid): [FileKind, string] => ['asset', sid]),
      ...stringList(form, 'FunctionVersions').map((sid): [FileKind, string] => ['function', sid]),
    ];
    if (requested.length === 0)
      throw badRequest('At least one Function Version or Asset Version is required for Build.');
    for (const [, sid] of requested) {
      if (!isSid(sid, SID_PREFIX.version)) throw badRequest(`${sid} is not a version sid (ZN…)`);
    }
    const runtime = optionalString(form, 'Runtime') || DEFAULT_RUNTIME;
    if (!RUNTIMES.includes(runtime)) throw badRequest(`Runtime must be one of ${RUNTIMES.join(', ')}`);
    const dependencies = parseDependencies(optionalString(form, 'Dependencies'));

    // Unknown versions, another service's, or of the wrong kind make a failed build that says why.
    const versions: VersionRow[] = [];
    let problem: string | null = null;
    for (const [kind, sid] of requested) {
      const version = store.files.versionBySid(sid);
      if (!version || version.service_sid !== service.sid) {
        problem ??= `${kind === 'asset' ? 'Asset' : 'Function'} version ${sid} does not exist in service ${service.sid}`;
      } else if (version.kind !== kind) {
        problem ??= `${sid} is a ${version.kind} version, listed under ${kind === 'asset' ? 'AssetVersions' : 'FunctionVersions'}`;
      } else if (versions.some((v) => v.sid === sid)) {
        problem ??= `Version ${sid} is listed twice`;
      } else versions.push(version);
    }
    const build = store.builds.create(
      { service_sid: service.sid, dependencies: JSON.stringify(dependencies), runtime },
      versions.map((v) => v.sid),
    );
    if (problem) store.builds.finish(build.sid, 'failed', problem);
    else void runBuild(ctx, build.sid);
    return reply.code(201).send(presentFor(ctx, request).build(store.builds.findBySid(build.sid)!, versions));
  });

  app.get<{ Params: BuildParams }>(`${base}/:Sid`, (request) => {
    const build = find(request.params.ServiceSid, request.params.Sid);
    return presentFor(ctx, request).build(build, store.builds.versions(build.sid));
  });

  app.get<{ Params: BuildParams }>(`${base}/:Sid/Status`, (request) =>
    presentFor(ctx, request).buildStatus(find(request.params.ServiceSid, request.params.Sid)),
  );

  app.delete<{ Params: BuildParams }>(`${base}/:Sid`, async (request, reply) => {
    const build = find(request.params.ServiceSid, request.params.Sid);
    const live = store.builds.deployedIn(build.sid);
    if (live.length > 0) {
      throw conflict(
        `Build ${build.sid} is deployed to ${live.map((e) => e.unique_name).join(', ')}; deploy another build there before deleting it`,
      );
    }
    store.builds.remove(build.sid);
    await removeLayout(ctx, build.sid);
    return reply.code(204).send();
  });
}
