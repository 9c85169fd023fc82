import { QueryObserver, type QueryClient } from '@tanstack/react-query';
import { buildStatusQueryOptions, type BuildStatus } from './build-status-query.ts';

/**
 * The build's status once it has left "building", read through its status query (which polls
 * while building), so the pane's status and this wait share one request stream.
 */
export function whenBuilt(queryClient: QueryClient, serviceSid: string, buildSid: string): Promise<BuildStatus> {
  const observer = new QueryObserver(queryClient, buildStatusQueryOptions(serviceSid, buildSid));
  return new Promise((resolve, reject) => {
    const unsubscribe = observer.subscribe((result) => {
      if (result.isError) {
        unsubscribe();
        reject(result.error);
      } else if (result.data && result.data.status !== 'building') {
        unsubscribe();
        resolve(result.data);
      }
    });
    // subscribe() only reports changes: a status already known to be final resolves now.
    const current = observer.getCurrentResult();
    if (current.data && current.data.status !== 'building') {
      unsubscribe();
      resolve(current.data);
    }
  });
}
