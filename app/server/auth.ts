import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from './context.ts';
import { ApiError } from './errors.ts';

export const SESSION_COOKIE = 'studio_session';
/**
 * Over https the session cookie is `__Host-` prefixed: the browser refuses that name from a page
 * that sets a Domain or a Path, so a page on an environment domain under the editor's cannot plant
 * one that shadows it.
 */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

const digest = (value: string) => createHash('sha256').update(value).digest();
/** Constant-time string comparison (hashes first so lengths do not leak). */
export const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

const unauthenticated = () => new ApiError(401, 20003, 'Authenticate');

/** Every value sent for cookie `name`, in the order sent (a browser may send several: other paths, other domains). */
function cookieValues(request: FastifyRequest, name: string): string[] {
  const header = request.headers.cookie;
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
}

/**
 * The session the request's cookies name: a `__Host-` cookie first, then any value of the plain
 * one that is a live session (a cookie planted by a sibling domain cannot hide the real one).
 */
async function sessionOf(ctx: Ctx, request: FastifyRequest) {
  for (const token of [...cookieValues(request, SECURE_SESSION_COOKIE), ...cookieValues(request, SESSION_COOKIE)]) {
    const session = await ctx.store.sessions.find(token);
    if (session) return { token, session };
  }
  return null;
}

function credentialsMatch(ctx: Ctx, user: string, password: string): boolean {
  // Evaluate both so a wrong SID takes as long as a wrong token.
  const sidOk = sameSecret(user, ctx.config.accountSid);
  const tokenOk = sameSecret(password, ctx.config.authToken);
  return sidOk && tokenOk;
}

export function basicCredentials(request: FastifyRequest): [string, string] | null {
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
    const found = await sessionOf(ctx, request);
    if (!found) throw unauthenticated();
    checkCsrf(request, found.session.csrfToken);
  };
}

/** The Set-Cookie value for the session (`__Host-` and Secure over https); Max-Age 0 clears it. */
function sessionCookie(request: FastifyRequest, token: string, maxAge: number): string {
  const https = request.protocol === 'https';
  const name = https ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  return `${name}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}${https ? '; Secure' : ''}`;
}

async function startSession(ctx: Ctx, request: FastifyRequest, reply: FastifyReply) {
  const { token, session } = await ctx.store.sessions.create(SESSION_TTL_MS);
  reply.header('Set-Cookie', sessionCookie(request, token, SESSION_TTL_MS / 1000));
  return session;
}

/** Sign-in by the link printed at start or by Account SID + Auth Token; session info; sign-out. */
export function authRoutes(app: FastifyInstance, ctx: Ctx, signInToken: string) {
  app.get('/auth/sign-in', async (request, reply) => {
    const { token } = request.query as { token?: string };
    if (!token || !sameSecret(token, signInToken)) {
      return reply.code(302).header('Location', '/?signin=expired').send();
    }
    await startSession(ctx, request, reply);
    return reply.code(302).header('Location', '/').send();
  });

  app.post('/auth/session', async (request, reply) => {
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
    const session = await startSession(ctx, request, reply);
    return { account_sid: ctx.config.accountSid, csrf_token: session.csrfToken };
  });

  app.get('/auth/session', async (request) => {
    const found = await sessionOf(ctx, request);
    if (!found) throw unauthenticated();
    return {
      account_sid: ctx.config.accountSid,
      csrf_token: found.session.csrfToken,
      domain_base: ctx.config.domainBase,
    };
  });

  app.delete('/auth/session', async (request, reply) => {
    const found = await sessionOf(ctx, request);
    if (found) {
      checkCsrf(request, found.session.csrfToken);
      await ctx.store.sessions.remove(found.token);
    }
    reply.header('Set-Cookie', sessionCookie(request, '', 0));
    return reply.code(204).send();
  });
}
