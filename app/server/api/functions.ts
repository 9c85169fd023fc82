import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { functionEndpoints as endpoints } from '../../shared/api-endpoints.ts';
import { presentFor, type Ctx } from '../context.ts';
import { fileActions } from './files.ts';
import { latestOf, versionOf } from './lookups.ts';
import { listPage } from './paging.ts';

export const functionRoutes: FastifyPluginCallbackZod<{ ctx: Ctx }> = (app, { ctx }, done) => {
  const files = fileActions(ctx, 'function');

  app.route({
    ...endpoints.list,
    handler: (request) => {
      const present = presentFor(ctx, request);
      return listPage(
        request,
        'functions',
        request.query,
        (p) => files.list(request.params.ServiceSid, p),
        ({ file, latest }) => present.function(file, latest),
      );
    },
  });

  app.route({
    ...endpoints.create,
    handler: async (request, reply) => {
      const file = await files.create(request.params.ServiceSid, request.body.FriendlyName);
      reply.code(201);
      return presentFor(ctx, request).function(file, null);
    },
  });

  app.route({
    ...endpoints.fetch,
    handler: async (request) => {
      const file = await files.find(request.params.ServiceSid, request.params.Sid);
      return presentFor(ctx, request).function(file, await latestOf(ctx, file));
    },
  });

  app.route({
    ...endpoints.update,
    handler: async (request) => {
      const file = await files.rename(request.params.ServiceSid, request.params.Sid, request.body.FriendlyName);
      return presentFor(ctx, request).function(file, await latestOf(ctx, file));
    },
  });

  app.route({
    ...endpoints.remove,
    handler: async (request, reply) => {
      await files.remove(request.params.ServiceSid, request.params.Sid);
      return reply.code(204).send();
    },
  });

  app.route({
    ...endpoints.listVersions,
    handler: (request) => {
      const { ServiceSid, FileSid } = request.params;
      const present = presentFor(ctx, request);
      return listPage(
        request,
        'function_versions',
        request.query,
        (p) => files.versions(ServiceSid, FileSid, p),
        present.functionVersion,
      );
    },
  });

  app.route({
    ...endpoints.createVersion,
    handler: async (request, reply) => {
      const { ServiceSid, FileSid } = request.params;
      const version = await files.createVersion(request, ServiceSid, FileSid, request.body);
      reply.code(201);
      return presentFor(ctx, request).functionVersion(version);
    },
  });

  app.route({
    ...endpoints.fetchVersion,
    handler: async (request) =>
      presentFor(ctx, request).functionVersion(await versionOf(ctx, 'function', request.params)),
  });

  // Twilio's Function Version Content: the source as text inside JSON (function sources are small).
  app.route({
    ...endpoints.versionContent,
    handler: async (request) => {
      const version = await versionOf(ctx, 'function', request.params);
      const chunks: Buffer[] = [];
      for await (const chunk of await ctx.store.blobs.read(version.sha256)) chunks.push(chunk as Buffer);
      return {
        sid: version.sid,
        account_sid: ctx.config.accountSid,
        service_sid: version.service_sid,
        function_sid: version.file_sid,
        content: Buffer.concat(chunks).toString('utf-8'),
        url: `${presentFor(ctx, request).functionVersion(version).url}/Content`,
      };
    },
  });

  done();
};
