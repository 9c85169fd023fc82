import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { assetEndpoints as endpoints } from '../../shared/api-endpoints.ts';
import { baseName } from '../../shared/paths.ts';
import { presentFor, type Ctx } from '../context.ts';
import { fileActions } from './files.ts';
import { latestOf, versionOf } from './lookups.ts';
import { listPage } from './paging.ts';

export const assetRoutes: FastifyPluginCallbackZod<{ ctx: Ctx }> = (app, { ctx }, done) => {
  const files = fileActions(ctx, 'asset');

  app.route({
    ...endpoints.list,
    handler: (request) => {
      const present = presentFor(ctx, request);
      return listPage(
        request,
        'assets',
        request.query,
        (p) => files.list(request.params.ServiceSid, p),
        ({ file, latest }) => present.asset(file, latest),
      );
    },
  });

  app.route({
    ...endpoints.create,
    handler: async (request, reply) => {
      const file = await files.create(request.params.ServiceSid, request.body.FriendlyName);
      reply.code(201);
      return presentFor(ctx, request).asset(file, null);
    },
  });

  app.route({
    ...endpoints.fetch,
    handler: async (request) => {
      const file = await files.find(request.params.ServiceSid, request.params.Sid);
      return presentFor(ctx, request).asset(file, await latestOf(ctx, file));
    },
  });

  app.route({
    ...endpoints.update,
    handler: async (request) => {
      const file = await files.rename(request.params.ServiceSid, request.params.Sid, request.body.FriendlyName);
      return presentFor(ctx, request).asset(file, await latestOf(ctx, file));
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
        'asset_versions',
        request.query,
        (p) => files.versions(ServiceSid, FileSid, p),
        present.assetVersion,
      );
    },
  });

  app.route({
    ...endpoints.createVersion,
    handler: async (request, reply) => {
      const { ServiceSid, FileSid } = request.params;
      const version = await files.createVersion(request, ServiceSid, FileSid, request.body);
      reply.code(201);
      return presentFor(ctx, request).assetVersion(version);
    },
  });

  app.route({
    ...endpoints.fetchVersion,
    handler: async (request) => presentFor(ctx, request).assetVersion(await versionOf(ctx, 'asset', request.params)),
  });

  // Extension: the raw bytes of an asset version, for the editor. Sent as an attachment in a
  // sandbox so user HTML or SVG can never run on the editor's origin.
  app.route({
    ...endpoints.versionContent,
    handler: async (request, reply) => {
      const version = await versionOf(ctx, 'asset', request.params);
      const body = await ctx.store.blobs.read(version.sha256);
      const name = baseName(version.path).replace(/[^\w.-]/g, '_');
      return reply
        .header('Content-Type', version.content_type)
        .header('Content-Length', String(version.size))
        .header('Content-Disposition', `attachment; filename="${name}"`)
        .header('Content-Security-Policy', "sandbox; default-src 'none'")
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, max-age=31536000, immutable')
        .send(body);
    },
  });

  done();
};
