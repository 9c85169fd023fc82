import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db.ts';

export interface Session {
  csrfToken: string;
  expiresAt: number;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Editor sign-in sessions. Only a hash of the cookie value is stored (so any instance knows them). */
export function sessionsRepo({ k }: Db) {
  return {
    /** Starts a session; returns the cookie value (shown to nobody but the browser). */
    async create(ttlMs: number): Promise<{ token: string; session: Session }> {
      await k.deleteFrom('sessions').where('expires_at', '<=', Date.now()).execute();
      const token = randomBytes(32).toString('base64url');
      const session = { csrfToken: randomBytes(24).toString('base64url'), expiresAt: Date.now() + ttlMs };
      await k
        .insertInto('sessions')
        .values({ token_hash: hashOf(token), csrf_token: session.csrfToken, expires_at: session.expiresAt })
        .execute();
      return { token, session };
    },
    async find(token: string): Promise<Session | null> {
      const row = await k
        .selectFrom('sessions')
        .select(['csrf_token', 'expires_at'])
        .where('token_hash', '=', hashOf(token))
        .where('expires_at', '>', Date.now())
        .executeTakeFirst();
      return row ? { csrfToken: row.csrf_token, expiresAt: row.expires_at } : null;
    },
    remove: async (token: string) => {
      await k.deleteFrom('sessions').where('token_hash', '=', hashOf(token)).execute();
    },
  };
}

export type SessionsRepo = ReturnType<typeof sessionsRepo>;
