import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { environmentEndpoints as endpoints } from '../../shared/api-endpoints.ts';
import { presentFor, type Ctx } from '../context.ts';
import { conflict } from '../errors.ts';
import { environmentOf, serviceOf } from './lookups.ts';
import { listPage } from './paging.ts';

export const environmentRoutes: FastifyPluginCallbackZod<{ ctx: Ctx }> = (app, { ctx }, done) => {
  const { store } = ctx;

  app.route({
    ...endpoints.list,
    handler: async (request) => {
      const service = await serviceOf(ctx, request.params.ServiceSid);
      const present = presentFor(ctx, request);
      return listPage(
        request,
        'environments',
        request.query,
        (p) => store.environments.list(service.sid, p),
        present.environment,
      );
    },
  });

  app.route({
    ...endpoints.create,
    handler: async (request, reply) => {
      const service = await serviceOf(ctx, request.params.ServiceSid);
      const suffix = request.body.DomainSuffix || null;
      const env = await store.environments.create({
        service_sid: service.sid,
        unique_name: request.body.UniqueName,
        domain_suffix: suffix,
        domain_name: `${service.domain_base}${suffix ? `-${suffix}` : ''}.${ctx.config.domainBase}`,
      });
      if (!env) throw conflict('Environment with this UniqueName or DomainSuffix already exists.');
      await ctx.sites.refresh(env);
      reply.code(201);
      return presentFor(ctx, request).environment(env);
    },
  });

  app.route({
    ...endpoints.fetch,
    handler: async (request) =>
      presentFor(ctx, request).environment(await environmentOf(ctx, request.params.ServiceSid, request.params.Sid)),
  });

  // Deleting an environment takes its domain offline along with its deployments, variables and logs.
  app.route({
    ...endpoints.remove,
    handler: async (request, reply) => {
      const env = await environmentOf(ctx, request.params.ServiceSid, request.params.Sid);
      await store.environments.remove(env.sid);
      ctx.sites.forget(env.sid);
      return reply.code(204).send();
    },
  });

  done();
};
