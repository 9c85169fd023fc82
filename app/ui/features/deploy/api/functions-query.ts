import { z } from 'zod';
import { api } from '../../../lib/api-client.ts';

// Only what Deploy All needs from a Function: its latest version, so a deploy never drops functions.
const functionsPageSchema = z.object({
  functions: z.array(
    z.object({ sid: z.string(), latest_version: z.object({ sid: z.string() }).nullable().optional() }),
  ),
  meta: z.object({ next_page_url: z.string().nullable() }),
});

/** Latest version sid of every Function of the service. */
export async function fetchLatestFunctionVersions(serviceSid: string): Promise<string[]> {
  const page = await api.get(`/v1/Services/${serviceSid}/Functions`, functionsPageSchema, { PageSize: 1000 });
  return page.functions.flatMap((f) => (f.latest_version ? [f.latest_version.sid] : []));
}
