import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { serviceEndpoints as endpoints } from '../../shared/api-endpoints.ts';
import { presentFor, type Ctx } from '../context.ts';
import { conflict } from '../errors.ts';
import { serviceOf } from './lookups.ts';
import { listPage } from './paging.ts';

export const serviceRoutes: FastifyPluginCallbackZod<{ ctx: Ctx }> = (app, { ctx }, done) => {
  const { store } = ctx;

  app.route({
    ...endpoints.list,
    handler: (request) =>
      listPage(
        request,
        'services',
        request.query,
        (page) => store.services.list(page),
        presentFor(ctx, request).service,
      ),
  });

  app.route({
    ...endpoints.create,
    handler: async (request, reply) => {
      const { UniqueName, FriendlyName, IncludeCredentials, UiEditable } = request.body;
      if (await store.services.find(UniqueName)) {
        throw conflict(`Service with UniqueName ${UniqueName} already exists`);
      }
      const service = await store.services.create({
        unique_name: UniqueName,
        friendly_name: FriendlyName,
        include_credentials: IncludeCredentials === false ? 0 : 1,
        ui_editable: UiEditable ? 1 : 0,
      });
      reply.code(201);
      return presentFor(ctx, request).service(service);
    },
  });

  app.route({
    ...endpoints.fetch,
    handler: async (request) => presentFor(ctx, request).service(await serviceOf(ctx, request.params.Sid)),
  });

  app.route({
    ...endpoints.update,
    handler: async (request) => {
      const service = await serviceOf(ctx, request.params.Sid);
      const { FriendlyName, IncludeCredentials, UiEditable } = request.body;
      const updated = await store.services.update({
        ...service,
        friendly_name: FriendlyName || service.friendly_name,
        include_credentials:
          IncludeCredentials === undefined ? service.include_credentials : Number(IncludeCredentials),
        ui_editable: UiEditable === undefined ? service.ui_editable : Number(UiEditable),
      });
      return presentFor(ctx, request).service(updated);
    },
  });

  // Deleting a Service removes its environments (their domains stop serving), builds, assets and
  // functions. Nothing is left half-deployed: the environments go with it.
  app.route({
    ...endpoints.remove,
    handler: async (request, reply) => {
      const service = await serviceOf(ctx, request.params.Sid);
      const envs = await store.environments.ofService(service.sid);
      await store.services.remove(service.sid);
      for (const env of envs) ctx.sites.forget(env.sid);
      await store.collectGarbage();
      return reply.code(204).send();
    },
  });

  done();
};
