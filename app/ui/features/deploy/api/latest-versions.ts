import { z } from 'zod';
import { api } from '../../../lib/api-client.ts';

// Only what Deploy All needs of an Asset or Function: its latest version.
const itemSchema = z.object({ latest_version: z.object({ sid: z.string() }).nullable() });

/**
 * The latest version sid of every Asset or Function of the service, read from the server at the
 * moment of the deploy (following every page), so Deploy All builds what is there now.
 */
export async function fetchLatestVersions(serviceSid: string, collection: 'Assets' | 'Functions'): Promise<string[]> {
  const key = collection === 'Assets' ? 'assets' : 'functions';
  const items = await api.list(`/v1/Services/${serviceSid}/${collection}`, key, itemSchema, { PageSize: 1000 });
  return items.flatMap((item) => (item.latest_version ? [item.latest_version.sid] : []));
}
