import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db.ts';

export interface Session {
  csrfToken: string;
  expiresAt: number;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Editor sign-in sessions. Only a hash of the cookie value is stored. */
export function sessionsRepo(db: Db) {
  const insert = db.prepare('INSERT INTO sessions VALUES (?, ?, ?)');
  const one = db.prepare<[string, number], { csrf_token: string; expires_at: number }>(
    'SELECT csrf_token, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?',
  );
  const remove = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const expire = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');

  return {
    /** Starts a session; returns the cookie value (shown to nobody but the browser). */
    create(ttlMs: number): { token: string; session: Session } {
      expire.run(Date.now());
      const token = randomBytes(32).toString('base64url');
      const session = { csrfToken: randomBytes(24).toString('base64url'), expiresAt: Date.now() + ttlMs };
      insert.run(hashOf(token), session.csrfToken, session.expiresAt);
      return { token, session };
    },
    find(token: string): Session | null {
      const row = one.get(hashOf(token), Date.now());
      return row ? { csrfToken: row.csrf_token, expiresAt: row.expires_at } : null;
    },
    remove: (token: string) => remove.run(hashOf(token)),
  };
}

export type SessionsRepo = ReturnType<typeof sessionsRepo>;
