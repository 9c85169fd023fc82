import { queryOptions } from '@tanstack/react-query';
import { buildSchema } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { buildKeys } from '../../../lib/query-keys.ts';

export const fetchBuild = (serviceSid: string, buildSid: string) =>
  api.get(`/v1/Services/${serviceSid}/Builds/${buildSid}`, buildSchema);

/** A deployed build never changes, so it is fetched once. */
export const buildQueryOptions = (serviceSid: string, buildSid: string) =>
  queryOptions({
    queryKey: buildKeys.detail(serviceSid, buildSid),
    queryFn: () => fetchBuild(serviceSid, buildSid),
    staleTime: Infinity,
  });
