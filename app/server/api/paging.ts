import type { FastifyRequest } from 'fastify';
import { badRequest } from '../errors.ts';
import type { PageRequest, PageResult } from '../store/ids.ts';

export interface Paging extends PageRequest {
  page: number;
  pageSize: number;
}

function intParam(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw badRequest(`${name} must be an integer from ${min} to ${max}`);
  return n;
}

/** PageSize 1–1000 (default 50), Page ≥ 0, and PageToken (ours: "PT" + offset) when following a URL. */
export function parsePaging(query: Record<string, unknown>): Paging {
  const pageSize = intParam(query.PageSize, 'PageSize', 1, 1000, 50);
  const page = intParam(query.Page, 'Page', 0, 1_000_000, 0);
  let offset = page * pageSize;
  const token = query.PageToken;
  if (typeof token === 'string' && token !== '') {
    const match = /^PT(\d+)$/.exec(token);
    if (!match) throw badRequest('PageToken is not valid');
    offset = Number(match[1]);
  }
  return { page, pageSize, limit: pageSize, offset };
}

/** The base URL clients should use for links: the request's own scheme and Host. */
export function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** The Twilio list envelope: items under `key` and a `meta` block with absolute page URLs. */
export function listEnvelope<T>(
  request: FastifyRequest,
  key: string,
  paging: Paging,
  result: PageResult<T>,
  present: (item: T) => unknown,
  filters: Record<string, string> = {},
) {
  const path = request.url.split('?')[0]!;
  const pageUrl = (page: number, offset?: number) => {
    const params = new URLSearchParams(filters);
    params.set('PageSize', String(paging.pageSize));
    params.set('Page', String(page));
    if (offset !== undefined) params.set('PageToken', `PT${offset}`);
    return `${baseUrl(request)}${path}?${params}`;
  };
  return {
    [key]: result.items.map(present),
    meta: {
      first_page_url: pageUrl(0),
      key,
      next_page_url: result.hasMore ? pageUrl(paging.page + 1, paging.offset + paging.pageSize) : null,
      page: paging.page,
      page_size: paging.pageSize,
      previous_page_url:
        paging.offset > 0 ? pageUrl(Math.max(0, paging.page - 1), Math.max(0, paging.offset - paging.pageSize)) : null,
      url: pageUrl(paging.page, paging.offset > paging.page * paging.pageSize ? paging.offset : undefined),
    },
  };
}
