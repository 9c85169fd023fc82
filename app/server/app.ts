import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError } from 'fastify';
import { buildRoutes } from './api/builds.ts';
import { environmentRoutes } from './api/environments.ts';
import { fileRoutes } from './api/files.ts';
import { parseForm } from './api/form.ts';
import { serviceRoutes } from './api/services.ts';
import { variableAndLogRoutes } from './api/variables.ts';
import { authRoutes, requireAuth } from './auth.ts';
import { resumeBuilds, stopBuilds } from './builds/run-build.ts';
import type { Config } from './config.ts';
import type { Ctx } from './context.ts';
import { ApiError } from './errors.ts';
import { createFunctionGateway } from './functions/gateway.ts';
import { sweepBuildFiles } from './functions/layout.ts';
import { FunctionsRuntime } from './functions/runtime.ts';
import { BodyCache } from './runtime/body-cache.ts';
import { createRuntimeHandler } from './runtime/serve.ts';
import { SiteIndex } from './runtime/sites.ts';
import { openStore } from './store/store.ts';

const API_CORS = [
  ['Access-Control-Allow-Origin', '*'],
  [
    'Access-Control-Allow-Headers',
    'Accept, Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since',
  ],
  ['Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS'],
  ['Access-Control-Expose-Headers', 'ETag'],
] as const;

function twilioError(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

/**
 * The whole server: environment domains are answered first, straight from the in-memory site
 * index; every other Host gets the /v1 API, the sign-in routes and the editor.
 */
export async function buildApp(config: Config, options: { signInToken?: string; sweepTmp?: boolean } = {}) {
  const store = openStore(config.dataDir, { sweepTmp: options.sweepTmp });
  const sites = new SiteIndex(store);
  const ctx = { config, store, sites } as Ctx;
  ctx.functions = new FunctionsRuntime(ctx);
  const signInToken = options.signInToken ?? randomBytes(24).toString('base64url');
  const runtime = createRuntimeHandler(sites, {
    authToken: config.authToken,
    trustProxy: config.trustProxy,
    cache: BodyCache.forBudget(config.cacheBytes),
    functions: createFunctionGateway(ctx, ctx.functions),
  });

  const app = Fastify({
    logger: config.log ? { level: 'warn' } : false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    serverFactory: (handler) =>
      createServer((req: IncomingMessage, res: ServerResponse) => {
        if (runtime(req, res)) return;
        // A name under the environments' base that no environment has: never the editor there.
        if (req.headers.host?.toLowerCase().endsWith(`.${config.domainBase}`)) {
          res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
          res.end('No environment has this domain\n');
          return;
        }
        handler(req, res);
      }),
  });

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, parseForm(body as string));
  });
  // Version uploads read the raw stream themselves (see api/upload.ts).
  app.addContentTypeParser('multipart/form-data', (_req, _payload, done) => done(null));

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      if (error.status === 413) reply.header('Connection', 'close');
      return reply.code(error.status).send(twilioError(error.status, error.code, error.message));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send(twilioError(status, status === 413 ? 20413 : 20001, error.message));
    }
    request.log.error({ err: error, url: request.url }, 'request failed');
    return reply.code(500).send(twilioError(500, 20500, 'Internal Server Error'));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path.startsWith('/v1/') || path === '/v1') {
      return reply.code(404).send(twilioError(404, 20404, `The requested resource ${path.slice(3)} was not found`));
    }
    if (request.method === 'GET' && !path.startsWith('/auth/') && existsSync(`${config.uiDir}/index.html`)) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({ message: 'Not Found' });
  });

  await app.register(async (api) => {
    api.addHook('onRequest', async (_request, reply) => {
      for (const [name, value] of API_CORS) reply.header(name, value);
    });
    api.addHook('onRequest', requireAuth(ctx));
    api.options('/v1/*', (_request, reply) => reply.code(204).send());
    serviceRoutes(api, ctx);
    environmentRoutes(api, ctx);
    fileRoutes(api, ctx, 'asset');
    fileRoutes(api, ctx, 'function');
    buildRoutes(api, ctx);
    variableAndLogRoutes(api, ctx);
  });

  authRoutes(app, ctx, signInToken);

  await app.register(fastifyStatic, {
    root: config.uiDir,
    wildcard: false,
    index: false,
    serve: existsSync(config.uiDir),
  });
  app.get('/', (_request, reply) => {
    if (!existsSync(`${config.uiDir}/index.html`)) {
      return reply.code(503).type('text/plain').send('The editor is not built yet: run `npm run build`.');
    }
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
  });

  // Like tmp/: only when no other server process may be laying out or installing.
  if (options.sweepTmp ?? true) await sweepBuildFiles(ctx);
  resumeBuilds(ctx);
  app.addHook('onClose', async () => {
    ctx.functions.close();
    await stopBuilds(ctx);
    store.close();
  });
  return { app, ctx, signInToken };
}
