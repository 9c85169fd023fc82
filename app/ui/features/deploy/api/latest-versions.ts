import { z } from 'zod';
import { api } from '../../../lib/api-client.ts';

// Only what Deploy All needs of an Asset or Function: its latest version.
const items = z.array(z.object({ latest_version: z.object({ sid: z.string() }).nullable() })).optional();
const pageSchema = z.object({
  assets: items,
  functions: items,
  meta: z.object({ next_page_url: z.string().nullable() }),
});

/**
 * The latest version sid of every Asset or Function of the service, read from the server at the
 * moment of the deploy (following every page), so Deploy All builds what is there now.
 */
export async function fetchLatestVersions(serviceSid: string, collection: 'Assets' | 'Functions'): Promise<string[]> {
  const sids: string[] = [];
  let path: string | null = `/v1/Services/${serviceSid}/${collection}?PageSize=1000`;
  while (path) {
    const page: z.infer<typeof pageSchema> = await api.get(path, pageSchema);
    for (const item of (collection === 'Assets' ? page.assets : page.functions) ?? []) {
      if (item.latest_version) sids.push(item.latest_version.sid);
    }
    const next: URL | null = page.meta.next_page_url ? new URL(page.meta.next_page_url) : null;
    path = next ? `${next.pathname}${next.search}` : null;
  }
  return sids;
}
