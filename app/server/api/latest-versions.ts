import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { latestVersionEndpoints as endpoints } from '../../shared/api-endpoints.ts';
import type { Ctx } from '../context.ts';
import { serviceOf } from './lookups.ts';
import { baseUrl } from './paging.ts';

/**
 * Extension: the latest version sid of every asset and function, which Deploy All reads at the
 * click to build what the server has then. The Assets and Functions lists say the same with every
 * version in full (1.3 MB for 1000 assets); this is the sids alone, from the files' rows.
 */
export const latestVersionRoutes: FastifyPluginCallbackZod<{ ctx: Ctx }> = (app, { ctx }, done) => {
  app.route({
    ...endpoints.fetch,
    handler: async (request) => {
      const service = await serviceOf(ctx, request.params.ServiceSid);
      const latest = await ctx.store.files.latestVersionSids(service.sid);
      return {
        account_sid: ctx.config.accountSid,
        service_sid: service.sid,
        asset_versions: latest.asset,
        function_versions: latest.function,
        url: `${baseUrl(request)}/v1/Services/${service.sid}/LatestVersions`,
      };
    },
  });

  done();
};
