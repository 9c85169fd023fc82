import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from './context.ts';
import { ApiError } from './errors.ts';

export const SESSION_COOKIE = 'studio_session';
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

const digest = (value: string) => createHash('sha256').update(value).digest();
/** Constant-time string comparison (hashes first so lengths do not leak). */
export const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

const unauthenticated = () => new ApiError(401, 20003, 'Authenticate');

function cookieValue(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function credentialsMatch(ctx: Ctx, user: string, password: string): boolean {
  // Evaluate both so a wrong SID takes as long as a wrong token.
  const sidOk = sameSecret(user, ctx.config.accountSid);
  const tokenOk = sameSecret(password, ctx.config.authToken);
  return sidOk && tokenOk;
}

function basicCredentials(request: FastifyRequest): [string, string] | null {
  const header = request.headers.authorization;
  if (!header?.toLowerCase().startsWith('basic ')) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf-8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? null : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The editor's own origin as this request reached it. */
const ownOrigin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/**
 * Environment domains are same-site with the editor (*.localhost), so SameSite=Strict alone does not
 * stop a page they serve from posting here: state changes with a session also need our Origin and
 * the session's CSRF token in a header (which a cross-origin page cannot read or set).
 */
function checkCsrf(request: FastifyRequest, csrfToken: string): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== ownOrigin(request)) {
    throw new ApiError(403, 20403, 'Cross-origin request refused');
  }
  const header = request.headers[CSRF_HEADER];
  if (typeof header !== 'string' || !sameSecret(header, csrfToken)) {
    throw new ApiError(403, 20403, 'Missing or invalid CSRF token');
  }
}

/** Every /v1 request needs HTTP Basic (Account SID + Auth Token) or an editor session. */
export function requireAuth(ctx: Ctx) {
  return async (request: FastifyRequest) => {
    if (request.method === 'OPTIONS') return;
    const basic = basicCredentials(request);
    if (basic) {
      if (!credentialsMatch(ctx, basic[0], basic[1])) throw unauthenticated();
      return;
    }
    const token = cookieValue(request, SESSION_COOKIE);
    const session = token ? ctx.store.sessions.find(token) : null;
    if (!session) throw unauthenticated();
    checkCsrf(request, session.csrfToken);
  };
}

function startSession(ctx: Ctx, request: FastifyRequest, reply: FastifyReply) {
  const { token, session } = ctx.store.sessions.create(SESSION_TTL_MS);
  const secure = request.protocol === 'https' ? '; Secure' : '';
  reply.header(
    'Set-Cookie',
    `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_TTL_MS / 1000}${secure}`,
  );
  return session;
}

/** Sign-in by the link printed at start or by Account SID + Auth Token; session info; sign-out. */
export function authRoutes(app: FastifyInstance, ctx: Ctx, signInToken: string) {
  app.get('/auth/sign-in', (request, reply) => {
    const { token } = request.query as { token?: string };
    if (!token || !sameSecret(token, signInToken)) {
      return reply.code(302).header('Location', '/?signin=expired').send();
    }
    startSession(ctx, request, reply);
    return reply.code(302).header('Location', '/').send();
  });

  app.post('/auth/session', (request, reply) => {
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== ownOrigin(request)) {
      throw new ApiError(403, 20403, 'Cross-origin request refused');
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const sid = typeof body.accountSid === 'string' ? body.accountSid.trim() : '';
    const authToken = typeof body.authToken === 'string' ? body.authToken.trim() : '';
    if (!credentialsMatch(ctx, sid, authToken)) {
      throw new ApiError(401, 20003, 'The Account SID or Auth Token is not right');
    }
    const session = startSession(ctx, request, reply);
    return { account_sid: ctx.config.accountSid, csrf_token: session.csrfToken };
  });

  app.get('/auth/session', (request) => {
    const token = cookieValue(request, SESSION_COOKIE);
    const session = token ? ctx.store.sessions.find(token) : null;
    if (!session) throw unauthenticated();
    return { account_sid: ctx.config.accountSid, csrf_token: session.csrfToken, domain_base: ctx.config.domainBase };
  });

  app.delete('/auth/session', (request, reply) => {
    const token = cookieValue(request, SESSION_COOKIE);
    const session = token ? ctx.store.sessions.find(token) : null;
    if (token && session) {
      checkCsrf(request, session.csrfToken);
      ctx.store.sessions.remove(token);
    }
    reply.header('Set-Cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
    return reply.code(204).send();
  });
}
