import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { variableEndpoints as endpoints } from '../../shared/api-endpoints.ts';
import { presentFor, type Ctx } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { environmentOf } from './lookups.ts';
import { listPage } from './paging.ts';

/** Environment Variables: full CRUD, keys unique per environment. */
export const variableRoutes: FastifyPluginCallbackZod<{ ctx: Ctx }> = (app, { ctx }, done) => {
  const { store } = ctx;

  const variableOf = async (params: { ServiceSid: string; EnvironmentSid: string; Sid: string }) => {
    const env = await environmentOf(ctx, params.ServiceSid, params.EnvironmentSid);
    const variable = await store.variables.find(env.sid, params.Sid);
    if (!variable) throw notFound(`/Services/${env.service_sid}/Environments/${env.sid}/Variables/${params.Sid}`);
    return variable;
  };

  app.route({
    ...endpoints.list,
    handler: async (request) => {
      const env = await environmentOf(ctx, request.params.ServiceSid, request.params.EnvironmentSid);
      const present = presentFor(ctx, request);
      return listPage(request, 'variables', request.query, (p) => store.variables.list(env.sid, p), present.variable);
    },
  });

  app.route({
    ...endpoints.create,
    handler: async (request, reply) => {
      const env = await environmentOf(ctx, request.params.ServiceSid, request.params.EnvironmentSid);
      const { Key: key, Value: value } = request.body;
      if (await store.variables.findByKey(env.sid, key)) throw conflict(`Variable with Key ${key} already exists`);
      const variable = await store.variables.create({
        service_sid: env.service_sid,
        environment_sid: env.sid,
        key,
        value,
      });
      reply.code(201);
      return presentFor(ctx, request).variable(variable);
    },
  });

  app.route({
    ...endpoints.fetch,
    handler: async (request) => presentFor(ctx, request).variable(await variableOf(request.params)),
  });

  app.route({
    ...endpoints.update,
    handler: async (request) => {
      const variable = await variableOf(request.params);
      const { Key: key, Value: value } = request.body;
      if (key !== undefined) {
        const other = await store.variables.findByKey(variable.environment_sid, key);
        if (other && other.sid !== variable.sid) throw conflict(`Variable with Key ${key} already exists`);
      }
      const updated = await store.variables.update({
        ...variable,
        key: key ?? variable.key,
        value: value ?? variable.value,
      });
      return presentFor(ctx, request).variable(updated);
    },
  });

  app.route({
    ...endpoints.remove,
    handler: async (request, reply) => {
      await store.variables.remove((await variableOf(request.params)).sid);
      return reply.code(204).send();
    },
  });

  done();
};
