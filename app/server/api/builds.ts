import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { buildEndpoints as endpoints } from '../../shared/api-endpoints.ts';
import { DEFAULT_RUNTIME } from '../../shared/builds.ts';
import { logBuild, runBuild } from '../builds/run-build.ts';
import { presentFor, type Ctx } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { pendingInstall } from '../functions/install.ts';
import { removeLayout } from '../functions/layout.ts';
import type { FileKind, VersionRow } from '../store/files-repo.ts';
import { serviceOf } from './lookups.ts';
import { listPage } from './paging.ts';

export const buildRoutes: FastifyPluginCallbackZod<{ ctx: Ctx }> = (app, { ctx }, done) => {
  const { store } = ctx;

  const buildOf = async (serviceSid: string, sid: string) => {
    const service = await serviceOf(ctx, serviceSid);
    const build = await store.builds.find(service.sid, sid);
    if (!build) throw notFound(`/Services/${serviceSid}/Builds/${sid}`);
    return build;
  };

  app.route({
    ...endpoints.list,
    handler: async (request) => {
      const service = await serviceOf(ctx, request.params.ServiceSid);
      const present = presentFor(ctx, request);
      return listPage(
        request,
        'builds',
        request.query,
        (p) => store.builds.list(service.sid, p),
        async (b) => present.build(b, await store.builds.versions(b.sid)),
      );
    },
  });

  app.route({
    ...endpoints.create,
    handler: async (request, reply) => {
      const service = await serviceOf(ctx, request.params.ServiceSid);
      const { AssetVersions, FunctionVersions, Dependencies, Runtime } = request.body;
      const requested: [FileKind, string][] = [
        ...AssetVersions.map((sid): [FileKind, string] => ['asset', sid]),
        ...FunctionVersions.map((sid): [FileKind, string] => ['function', sid]),
      ];
      // Unknown versions, another service's, or of the wrong kind make a failed build that says why.
      const found = await store.files.versionsBySid(requested.map(([, sid]) => sid));
      const versions: VersionRow[] = [];
      const listed = new Set<string>();
      let problem: string | null = null;
      for (const [kind, sid] of requested) {
        const version = found.get(sid);
        if (!version || version.service_sid !== service.sid) {
          problem ??= `${kind === 'asset' ? 'Asset' : 'Function'} version ${sid} does not exist in service ${service.sid}`;
        } else if (version.kind !== kind) {
          problem ??= `${sid} is a ${version.kind} version, listed under ${kind === 'asset' ? 'AssetVersions' : 'FunctionVersions'}`;
        } else if (listed.has(sid)) {
          problem ??= `Version ${sid} is listed twice`;
        } else {
          listed.add(sid);
          versions.push(version);
        }
      }
      const dependencies = Dependencies ?? [];
      const build = await store.builds.create(
        {
          service_sid: service.sid,
          dependencies: JSON.stringify(dependencies),
          runtime: Runtime || DEFAULT_RUNTIME,
        },
        versions.map((v) => v.sid),
      );
      if (problem) {
        await store.builds.finish(build.sid, 'failed', problem);
        await logBuild(ctx, service.sid, build.sid, problem, versions);
      } else {
        const job = runBuild(ctx, build.sid, { versions });
        // With nothing to install a build is a few queries and a layout: it ends before the answer,
        // which then says "completed" (or "failed", why) and clients need not poll its status.
        if (pendingInstall(ctx.config.dataDir, dependencies).length === 0) await job;
      }
      reply.code(201);
      return presentFor(ctx, request).build((await store.builds.findBySid(build.sid))!, versions);
    },
  });

  app.route({
    ...endpoints.fetch,
    handler: async (request) => {
      const build = await buildOf(request.params.ServiceSid, request.params.Sid);
      return presentFor(ctx, request).build(build, await store.builds.versions(build.sid));
    },
  });

  app.route({
    ...endpoints.status,
    handler: async (request) =>
      presentFor(ctx, request).buildStatus(await buildOf(request.params.ServiceSid, request.params.Sid)),
  });

  app.route({
    ...endpoints.remove,
    handler: async (request, reply) => {
      const build = await buildOf(request.params.ServiceSid, request.params.Sid);
      const live = await store.builds.deployedIn(build.sid);
      if (live.length > 0) {
        throw conflict(
          `Build ${build.sid} is deployed to ${live.map((e) => e.unique_name).join(', ')}; deploy another build there before deleting it`,
        );
      }
      await store.builds.remove(build.sid);
      await removeLayout(ctx, build.sid);
      return reply.code(204).send();
    },
  });

  done();
};
