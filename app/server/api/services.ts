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
    handler: (request, reply) => {
      const { UniqueName, FriendlyName, IncludeCredentials, UiEditable } = request.body;
      if (store.services.find(UniqueName)) throw conflict(`Service with UniqueName ${UniqueName} already exists`);
      const service = store.services.create({
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
    handler: (request) => presentFor(ctx, request).service(serviceOf(ctx, request.params.Sid)),
  });

  app.route({
    ...endpoints.update,
    handler: (request) => {
      const service = serviceOf(ctx, request.params.Sid);
      const { FriendlyName, IncludeCredentials, UiEditable } = request.body;
      const updated = store.services.update({
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
      const service = serviceOf(ctx, request.params.Sid);
      const envs = store.environments.ofService(service.sid);
      store.services.remove(service.sid);
      for (const env of envs) ctx.sites.forget(env.sid);
      await store.collectGarbage();
      return reply.code(204).send();
    },
  });

  done();
};
