import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { logEndpoints as endpoints } from '../../shared/api-endpoints.ts';
import { presentFor, type Ctx } from '../context.ts';
import { notFound } from '../errors.ts';
import { environmentOf } from './lookups.ts';
import { listPage } from './paging.ts';

const DAY_MS = 24 * 3600 * 1000;
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Logs of an environment: newest first, within [StartDate, EndDate], optionally of one function. */
export const logRoutes: FastifyPluginCallbackZod<{ ctx: Ctx }> = (app, { ctx }, done) => {
  const { store } = ctx;

  app.route({
    ...endpoints.list,
    handler: async (request) => {
      const env = await environmentOf(ctx, request.params.ServiceSid, request.params.EnvironmentSid);
      const { FunctionSid, StartDate, EndDate } = request.query;
      const end = EndDate ?? new Date();
      const start = StartDate ?? new Date(end.getTime() - DAY_MS);
      // The page URLs keep the filters as the client sent them.
      const raw = new URLSearchParams(request.url.split('?')[1] ?? '');
      const filters: Record<string, string> = {};
      for (const name of ['StartDate', 'EndDate', 'FunctionSid']) {
        const value = raw.get(name);
        if (value) filters[name] = value;
      }
      const functionSid = FunctionSid || undefined;
      return listPage(
        request,
        'logs',
        request.query,
        (p) => store.logs.list(env.sid, { functionSid, start: iso(start), end: iso(end) }, p),
        presentFor(ctx, request).log,
        filters,
      );
    },
  });

  app.route({
    ...endpoints.fetch,
    handler: async (request) => {
      const env = await environmentOf(ctx, request.params.ServiceSid, request.params.EnvironmentSid);
      const log = await store.logs.find(env.sid, request.params.Sid);
      if (!log) throw notFound(`/Services/${env.service_sid}/Environments/${env.sid}/Logs/${request.params.Sid}`);
      return presentFor(ctx, request).log(log);
    },
  });

  done();
};
