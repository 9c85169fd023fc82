import { queryOptions } from '@tanstack/react-query';
import { buildSchema } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { buildKeys } from '../../../lib/query-keys.ts';

/** A build (immutable once finished), shared with the rest of the editor through buildKeys. */
export const reviewBuildQueryOptions = (serviceSid: string, buildSid: string) =>
  queryOptions({
    queryKey: buildKeys.detail(serviceSid, buildSid),
    queryFn: () => api.get(`/v1/Services/${serviceSid}/Builds/${buildSid}`, buildSchema),
    staleTime: Infinity,
  });
