import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyReply, type FastifyServerOptions } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { assetRoutes } from './api/assets.ts';
import { buildRoutes } from './api/builds.ts';
import { toolkitRoutes } from './api/toolkit.ts';
import { deploymentRoutes } from './api/deployments.ts';
import { environmentRoutes } from './api/environments.ts';
import { parseForm } from './api/form.ts';
import { functionRoutes } from './api/functions.ts';
import { latestVersionRoutes } from './api/latest-versions.ts';
import { logRoutes } from './api/logs.ts';
import { serviceDependencyRoutes } from './api/service-dependencies.ts';
import { serviceRoutes } from './api/services.ts';
import { signedRequestRoutes } from './api/signed-requests.ts';
import { variableRoutes } from './api/variables.ts';
import { authRoutes, requireAuth } from './auth.ts';
import { resumeBuilds, stopBuilds } from './builds/run-build.ts';
import type { Config } from './config.ts';
import type { Ctx } from './context.ts';
import { limitConnections } from './connections.ts';
import { ApiError } from './errors.ts';
import { createFunctionGateway } from './functions/gateway.ts';
import { sweepBuildFiles } from './functions/layout.ts';
import { FunctionsRuntime } from './functions/runtime.ts';
import { BodyCache } from './runtime/body-cache.ts';
import { ContentCache } from './runtime/content-cache.ts';
import { hostnameOf, requestHost } from './runtime/host.ts';
import { createRuntimeHandler, plainResponse } from './runtime/serve.ts';
import { SiteIndex } from './runtime/sites.ts';
import { openContentStore, openStore } from './store/store.ts';

const API_CORS = [
  ['Access-Control-Allow-Origin', '*'],
  [
    'Access-Control-Allow-Headers',
    'Accept, Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since',
  ],
  ['Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS'],
  ['Access-Control-Expose-Headers', 'ETag'],
] as const;

/** How often each process applies site changes made by others (deploys are live everywhere within a second). */
const SITE_CATCH_UP_MS = 250;

const reportCatchUp = (err: unknown) => console.error('could not apply site changes', err);

/** How often each process deletes temp files that processes which died left behind. */
const TMP_SWEEP_MS = 60_000;

/** How often each process deletes content no row references (past the grace period). */
const CONTENT_SWEEP_MS = 15 * 60_000;

/**
 * The editor's pages load only their own scripts; user content is never on this origin (it is read
 * from the API as a sandboxed attachment, or shown from blob: URLs). Inline styles are allowed:
 * the code editor and the menus position themselves with them.
 */
const EDITOR_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function twilioError(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

function securityHeaders(reply: FastifyReply) {
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('X-Frame-Options', 'DENY');
  reply.header('Referrer-Policy', 'same-origin');
  // A route may set a stricter one of its own (the sandboxed content of a version).
  if (!reply.hasHeader('Content-Security-Policy')) reply.header('Content-Security-Policy', EDITOR_CSP);
}

/** Request bodies are read as sent: a compressed one would be misread, so it is refused. */
const undecodedEncoding = (header: string | undefined) =>
  header !== undefined && header.trim() !== '' && header.trim().toLowerCase() !== 'identity' ? header : null;

/**
 * The whole server: environment domains are answered first, straight from the in-memory site
 * index; every other Host gets the /v1 API, the sign-in routes and the editor.
 */
export async function buildApp(config: Config, options: { signInToken?: string; sweepTmp?: boolean } = {}) {
  const store = await openStore(config.dataDir, {
    sweepTmp: options.sweepTmp,
    databaseUrl: config.databaseUrl,
    content: await openContentStore(config.content, config.dataDir),
    contentGraceMs: config.contentGraceMs,
    staleUploadMs: config.staleUploadMs,
  });
  // Content that no row knows (a removal that failed half-way, a writer whose mark went stale).
  // Safe while other processes and instances write: only content past the grace period.
  await store.sweepContent();
  const sites = await SiteIndex.open(store);
  const ctx = { config, store, sites } as Ctx;
  ctx.functions = new FunctionsRuntime(ctx);
  const signInToken = options.signInToken ?? randomBytes(24).toString('base64url');
  const runtime = createRuntimeHandler(sites, {
    authToken: config.authToken,
    trustProxy: config.trustProxy,
    cache: BodyCache.forBudget(config.cacheBytes),
    content: new ContentCache(store.blobs, config.dataDir, config.contentCacheBytes),
    functions: createFunctionGateway(ctx, ctx.functions),
  });

  const underDomainBase = `.${hostnameOf(config.domainBase)}`;

  const app = Fastify({
    logger: config.log ? { level: 'warn' } : false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Every route's schema is compiled by the zod compilers (set below), so fastify need not load
    // its default ones (ajv, fast-json-stringify): the server bundle leaves them out, and they were
    // a sixth of what each process parsed at start (scripts/build-server.mjs).
    // (The option's types describe ajv's compilers; fastify uses what the factories return as it
    // uses setValidatorCompiler's.)
    schemaController: {
      compilersFactory: {
        buildValidator: () => validatorCompiler,
        buildSerializer: () => serializerCompiler,
      } as unknown as NonNullable<FastifyServerOptions['schemaController']>['compilersFactory'],
    },
    // Refusals the router makes before any route runs: Twilio-shaped like every other error.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      securityHeaders(reply);
      // An over-long segment names no sid or unique name (they are short): nothing is there.
      const [status, body] =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? [404, twilioError(404, 20404, 'The requested resource was not found')]
          : [400, twilioError(400, 20001, `The URL is not valid: ${error.message}`)];
      void reply.code(status).send(body);
    },
    serverFactory: (handler) => {
      const server = createServer((req: IncomingMessage, res: ServerResponse) => {
        const host = requestHost(req, config.trustProxy);
        if (host === null) {
          plainResponse(res, 400, 'Bad Request: the Host header is not a host name with an optional port');
          return;
        }
        if (host !== undefined) {
          if (runtime(req, res, host)) return;
          // A name under the environments' base that no environment has, on any port: never the editor there.
          if (host.hostname.endsWith(underDomainBase)) {
            plainResponse(res, 404, 'No environment has this domain');
            return;
          }
        }
        handler(req, res);
      });
      limitConnections(server, { idleMs: config.idleTimeoutMs, perAddress: config.maxConnectionsPerAddress });
      return server;
    },
  });

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, parseForm(body as string));
  });
  // Version uploads read the raw stream themselves (see api/upload.ts).
  app.addContentTypeParser('multipart/form-data', (_req, _payload, done) => done(null));

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      // The rest of a refused body is not worth reading.
      if (error.status === 413 || error.status === 415) reply.header('Connection', 'close');
      return reply.code(error.status).send(twilioError(error.status, error.code, error.message));
    }
    // The shared schemas carry the message for each refusal; the first one is enough.
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.code(400).send(twilioError(400, 20001, error.validation[0]?.message ?? error.message));
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
    api.addHook('onRequest', async (request) => {
      const encoding = undecodedEncoding(request.headers['content-encoding']);
      if (encoding) {
        throw new ApiError(415, 20415, `Content-Encoding ${encoding} is not supported; send the body uncompressed`);
      }
    });
    api.options('/v1/*', (_request, reply) => reply.code(204).send());
    const v1 = api.withTypeProvider<ZodTypeProvider>();
    for (const routes of [
      serviceRoutes,
      environmentRoutes,
      deploymentRoutes,
      variableRoutes,
      logRoutes,
      assetRoutes,
      functionRoutes,
      buildRoutes,
      signedRequestRoutes,
      serviceDependencyRoutes,
      latestVersionRoutes,
      toolkitRoutes,
    ]) {
      await v1.register(routes, { ctx });
    }
  });

  authRoutes(app, ctx, signInToken);

  await app.register(fastifyStatic, {
    root: config.uiDir,
    wildcard: false,
    index: false,
    serve: existsSync(config.uiDir),
    // The build writes .br and .gz copies (see scripts/compress-plugin.ts); sent with Vary.
    preCompressed: true,
    setHeaders: (reply, path) => {
      // Vite names everything under assets/ by its content hash: it never changes under a name.
      reply.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/', (_request, reply) => {
    if (!existsSync(`${config.uiDir}/index.html`)) {
      return reply.code(503).type('text/plain').send('The editor is not built yet: run `npm run build`.');
    }
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
  app.addHook('onSend', async (_request, reply) => securityHeaders(reply));

  // Like tmp/: only when no other server process may be laying out or installing.
  if (options.sweepTmp ?? true) await sweepBuildFiles(ctx);
  // With SQLite, a process that sweeps is the only one: the builds left "building" are nobody's.
  const stopBuildWatch = resumeBuilds(ctx, { force: (options.sweepTmp ?? true) && store.db.dialect === 'sqlite' });
  // A process switches an environment to a build only once that build's function processes are warm.
  sites.prepare = (buildSid) => ctx.functions.prepare(buildSid);
  sites.afterChange = () => ctx.functions.sweep();
  const catchUp = setInterval(() => void sites.catchUp().catch(reportCatchUp), SITE_CATCH_UP_MS).unref();
  // PostgreSQL tells every instance of a change as it commits (the timer above stays the safety net).
  const unlisten = await store.db.listen('site_changes', () => void sites.catchUp().catch(reportCatchUp));
  // At least twice per stale age, so that a short one (tests) is honoured within about its length.
  const sweepEveryMs = Math.min(TMP_SWEEP_MS, Math.max(1000, store.staleUploadMs / 2));
  const sweep = setInterval(() => void store.sweepTmp().catch(() => undefined), sweepEveryMs).unref();
  const contentSweep = setInterval(
    () => void store.sweepContent().catch((err: unknown) => app.log.warn({ err }, 'content sweep failed')),
    CONTENT_SWEEP_MS,
  ).unref();
  app.addHook('onClose', async () => {
    clearInterval(catchUp);
    clearInterval(sweep);
    clearInterval(contentSweep);
    stopBuildWatch();
    await unlisten();
    ctx.functions.close();
    await stopBuilds(ctx);
    await store.close();
  });
  return { app, ctx, signInToken };
}
