import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { serviceDependencyEndpoints as endpoints } from '../../shared/api-endpoints.ts';
import type { Dependency, ServiceDependencies } from '../../shared/api-schemas.ts';
import { DEFAULT_RUNTIME } from '../../shared/builds.ts';
import type { Ctx } from '../context.ts';
import { baseUrl } from './paging.ts';
import { serverTwilioVersion } from '../functions/install.ts';
import { serviceOf } from './lookups.ts';

/** A new service's list: `twilio` at the version the server provides (used without an install). */
export const defaultDependencies = (): Dependency[] => [{ name: 'twilio', version: serverTwilioVersion }];

/**
 * Extension: the dependency list and runtime a service keeps between deploys (Twilio's editor keeps
 * one per service). The editor's Deploy All sends them as the build's Dependencies and Runtime.
 */
export const serviceDependencyRoutes: FastifyPluginCallbackZod<{ ctx: Ctx }> = (app, { ctx }, done) => {
  const { store } = ctx;

  const current = async (serviceSid: string) => {
    const row = await store.serviceDependencies.find(serviceSid);
    return row
      ? {
          dependencies: JSON.parse(row.dependencies) as Dependency[],
          runtime: row.runtime,
          date_updated: row.date_updated,
        }
      : { dependencies: defaultDependencies(), runtime: DEFAULT_RUNTIME, date_updated: null };
  };
  const present = (
    base: string,
    serviceSid: string,
    state: Awaited<ReturnType<typeof current>>,
  ): ServiceDependencies => ({
    account_sid: ctx.config.accountSid,
    service_sid: serviceSid,
    ...state,
    url: `${base}/v1/Services/${serviceSid}/Dependencies`,
  });

  app.route({
    ...endpoints.fetch,
    handler: async (request) => {
      const service = await serviceOf(ctx, request.params.ServiceSid);
      return present(baseUrl(request), service.sid, await current(service.sid));
    },
  });

  app.route({
    ...endpoints.update,
    handler: async (request) => {
      const service = await serviceOf(ctx, request.params.ServiceSid);
      const before = await current(service.sid);
      const { Dependencies, Runtime } = request.body;
      const row = await store.serviceDependencies.save(
        service.sid,
        Dependencies ?? before.dependencies,
        Runtime || before.runtime,
      );
      return present(baseUrl(request), service.sid, {
        dependencies: JSON.parse(row.dependencies) as Dependency[],
        runtime: row.runtime,
        date_updated: row.date_updated,
      });
    },
  });

  done();
};
