import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { buildStatusSchema } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { buildStatusKeys } from '../../../lib/query-keys.ts';

const buildStatusResponseSchema = z.object({
  sid: z.string(),
  status: buildStatusSchema,
  failure_reason: z.string().nullable().optional(),
});
export type BuildStatus = z.infer<typeof buildStatusResponseSchema>;

/** While a build is building, its status is asked for this often (a build of 1000 assets takes ~10 ms). */
export const BUILD_POLL_MS = 50;

export const fetchBuildStatus = (serviceSid: string, buildSid: string) =>
  api.get(`/v1/Services/${serviceSid}/Builds/${buildSid}/Status`, buildStatusResponseSchema);

/**
 * A build's status: asked at once (no fixed wait), then every BUILD_POLL_MS while it is building,
 * never again once it has finished (a finished build does not change).
 */
export const buildStatusQueryOptions = (serviceSid: string, buildSid: string) =>
  queryOptions({
    queryKey: buildStatusKeys.detail(serviceSid, buildSid),
    queryFn: () => fetchBuildStatus(serviceSid, buildSid),
    staleTime: (query) => (query.state.data?.status === 'building' ? 0 : Infinity),
    refetchInterval: (query) => (query.state.data?.status === 'building' ? BUILD_POLL_MS : false),
    retry: false,
  });
