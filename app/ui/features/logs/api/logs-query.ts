import { queryOptions } from '@tanstack/react-query';
import { listSchema, logSchema } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { logKeys } from '../../../lib/query-keys.ts';

const logsPageSchema = listSchema('logs', logSchema);

/** How often the pane asks for new entries while it is shown (the list is small and indexed). */
export const LOGS_POLL_MS = 2000;
/** Newest entries read each time; older ones stay on the server. */
const PAGE_SIZE = 200;

/** The environment's newest Logs (last 24 hours, as the API defaults), oldest first. */
export async function fetchLogs(serviceSid: string, environmentSid: string) {
  const page = await api.get(`/v1/Services/${serviceSid}/Environments/${environmentSid}/Logs`, logsPageSchema, {
    PageSize: PAGE_SIZE,
  });
  return (page.logs ?? []).toReversed();
}

/**
 * The environment's Logs resource: deploys, builds and version changes from any client (twilio-run
 * included). Polled while the editor is visible, so the pane updates without a reload.
 */
export const logsQueryOptions = (serviceSid: string, environmentSid: string) =>
  queryOptions({
    queryKey: logKeys.list(serviceSid, environmentSid),
    queryFn: () => fetchLogs(serviceSid, environmentSid),
    staleTime: 0,
    refetchInterval: LOGS_POLL_MS,
  });
