import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { deploymentEndpoints as endpoints } from '../../shared/api-endpoints.ts';
import { deploy } from '../builds/deploy.ts';
import { presentFor, type Ctx } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { clientKind } from './client-kind.ts';
import { environmentOf } from './lookups.ts';
import { listPage } from './paging.ts';

export const deploymentRoutes: FastifyPluginCallbackZod<{ ctx: Ctx }> = (app, { ctx }, done) => {
  const { store } = ctx;

  app.route({
    ...endpoints.list,
    handler: async (request) => {
      const env = await environmentOf(ctx, request.params.ServiceSid, request.params.EnvironmentSid);
      const present = presentFor(ctx, request);
      return listPage(
        request,
        'deployments',
        request.query,
        (p) => store.environments.deployments(env.sid, p),
        present.deployment,
      );
    },
  });

  app.route({
    ...endpoints.create,
    handler: async (request, reply) => {
      const env = await environmentOf(ctx, request.params.ServiceSid, request.params.EnvironmentSid);
      // Twilio's answer to a deployment without a build.
      if (!request.body.BuildSid) throw conflict('Environment already has requested deployment.');
      const deployment = await deploy(ctx, env, request.body.BuildSid, clientKind(request));
      reply.code(201);
      return presentFor(ctx, request).deployment(deployment);
    },
  });

  app.route({
    ...endpoints.fetch,
    handler: async (request) => {
      const env = await environmentOf(ctx, request.params.ServiceSid, request.params.EnvironmentSid);
      const deployment = await store.environments.deployment(env.sid, request.params.Sid);
      if (!deployment) {
        throw notFound(`/Services/${env.service_sid}/Environments/${env.sid}/Deployments/${request.params.Sid}`);
      }
      return presentFor(ctx, request).deployment(deployment);
    },
  });

  done();
};
