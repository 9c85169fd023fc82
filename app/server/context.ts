import type { FastifyRequest } from 'fastify';
import type { Config } from './config.ts';
import { baseUrl } from './api/paging.ts';
import { presenters } from './api/present.ts';
import type { FunctionsRuntime } from './functions/runtime.ts';
import type { SiteIndex } from './runtime/sites.ts';
import type { Store } from './store/store.ts';

/** What every route needs: settings, the store and the live site index. */
export interface Ctx {
  config: Config;
  store: Store;
  sites: SiteIndex;
  /** This process's function pools (one per deployed build). */
  functions: FunctionsRuntime;
}

export const presentFor = (ctx: Ctx, request: FastifyRequest) => presenters(baseUrl(request), ctx.config.accountSid);
