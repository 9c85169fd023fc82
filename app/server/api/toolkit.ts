import type { FastifyReply } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { toolkitEndpoints as endpoints } from '../../shared/api-endpoints.ts';
import type { Ctx } from '../context.ts';
import { conflict } from '../errors.ts';
import { exportSources, type ExportRequest } from '../toolkit/export.ts';
import { environmentOf, serviceOf } from './lookups.ts';

/** Extension: Serverless Toolkit projects as zip downloads, streamed as they are written. */
export const toolkitRoutes: FastifyPluginCallbackZod<{ ctx: Ctx }> = (app, { ctx }, done) => {
  const send = async (reply: FastifyReply, name: string, request: ExportRequest) => {
    const sources = await exportSources(ctx, request);
    // Loaded on the first export: fflate is of no use to a process until then (it also loads
    // worker_threads as it starts).
    const { zipStream } = await import('../toolkit/zip-stream.ts');
    const file = name.replace(/[^\w.-]/g, '_');
    return reply
      .header('Content-Type', 'application/zip')
      .header('Content-Disposition', `attachment; filename="${file}.zip"`)
      .header('Cache-Control', 'no-store')
      .header('X-Content-Type-Options', 'nosniff')
      .send(zipStream(sources));
  };

  app.route({
    ...endpoints.exportService,
    handler: async (request, reply) => {
      const service = await serviceOf(ctx, request.params.ServiceSid);
      const { EnvironmentSid, IncludeValues = false } = request.query;
      const variablesOf = EnvironmentSid ? await environmentOf(ctx, service.sid, EnvironmentSid) : null;
      return send(reply, service.unique_name, { service, served: null, variablesOf, includeValues: IncludeValues });
    },
  });

  app.route({
    ...endpoints.exportEnvironment,
    handler: async (request, reply) => {
      const service = await serviceOf(ctx, request.params.ServiceSid);
      const env = await environmentOf(ctx, service.sid, request.params.EnvironmentSid);
      if (!env.build_sid) {
        throw conflict(`Environment ${env.unique_name} serves no build yet: deploy first, or export the service`);
      }
      return send(reply, `${service.unique_name}-${env.unique_name}`, {
        service,
        served: env,
        variablesOf: env,
        includeValues: request.query.IncludeValues ?? false,
      });
    },
  });

  done();
};
