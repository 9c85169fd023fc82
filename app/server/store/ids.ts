import { randomBytes } from 'node:crypto';
import { SID_PREFIX, type SidKind } from '../../shared/sids.ts';

/** A new sid of a kind: its two-letter prefix and 32 random hex digits. */
export function newSid(kind: SidKind): string {
  return SID_PREFIX[kind] + randomBytes(16).toString('hex');
}

/** ISO-8601 UTC without milliseconds, as Twilio writes timestamps. */
export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface PageRequest {
  limit: number;
  offset: number;
}

export interface PageResult<T> {
  items: T[];
  hasMore: boolean;
}

/** Runs a LIMIT/OFFSET query for one page, asking for one row more to learn whether more follow. */
export async function pageOf<T>(
  rows: (limit: number, offset: number) => Promise<T[]>,
  page: PageRequest,
): Promise<PageResult<T>> {
  const items = await rows(page.limit + 1, page.offset);
  const hasMore = items.length > page.limit;
  if (hasMore) items.pop();
  return { items, hasMore };
}
