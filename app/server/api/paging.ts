import type { FastifyRequest } from 'fastify';
import type { Meta } from '../../shared/api-schemas.ts';
import type { PageRequest, PageResult } from '../store/ids.ts';

/** The paging parameters of a list query, as the shared pageQuery schema parsed them. */
export interface PageQuery {
  PageSize?: number | undefined;
  Page?: number | undefined;
  /** The offset a PageToken ("PT" + offset) carries. */
  PageToken?: number | undefined;
}

/** The base URL clients should use for links: the request's own scheme and Host. */
export function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * One page of a list in the Twilio envelope: `list` reads the rows for the page the query asks for
 * (PageSize, default 50; Page; or the offset of a PageToken), `present` shapes each, and `meta`
 * has absolute page URLs that keep the `filters`.
 */
export async function listPage<K extends string, T, R>(
  request: FastifyRequest,
  key: K,
  query: PageQuery,
  list: (page: PageRequest) => Promise<PageResult<T>>,
  present: (item: T) => R | Promise<R>,
  filters: Record<string, string> = {},
): Promise<{ [P in K]: R[] } & { meta: Meta }> {
  const pageSize = query.PageSize ?? 50;
  const page = query.Page ?? 0;
  const offset = query.PageToken ?? page * pageSize;
  const result = await list({ limit: pageSize, offset });
  const path = request.url.split('?')[0]!;
  const pageUrl = (n: number, at?: number) => {
    const params = new URLSearchParams(filters);
    params.set('PageSize', String(pageSize));
    params.set('Page', String(n));
    if (at !== undefined) params.set('PageToken', `PT${at}`);
    return `${baseUrl(request)}${path}?${params}`;
  };
  const meta: Meta = {
    first_page_url: pageUrl(0),
    key,
    next_page_url: result.hasMore ? pageUrl(page + 1, offset + pageSize) : null,
    page,
    page_size: pageSize,
    previous_page_url: offset > 0 ? pageUrl(Math.max(0, page - 1), Math.max(0, offset - pageSize)) : null,
    url: pageUrl(page, offset > page * pageSize ? offset : undefined),
  };
  const items: R[] = [];
  for (const item of result.items) items.push(await present(item));
  return { [key]: items, meta } as { [P in K]: R[] } & { meta: Meta };
}
