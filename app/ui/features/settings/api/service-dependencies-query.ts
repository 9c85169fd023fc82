import { queryOptions } from '@tanstack/react-query';
import { serviceDependenciesSchema } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { serviceDependencyKeys } from '../../../lib/query-keys.ts';

export const dependenciesPath = (serviceSid: string) => `/v1/Services/${serviceSid}/Dependencies`;

/** The service's dependency list and runtime, which Deploy All sends with each build. */
export const serviceDependenciesQueryOptions = (serviceSid: string) =>
  queryOptions({
    queryKey: serviceDependencyKeys.detail(serviceSid),
    queryFn: () => api.get(dependenciesPath(serviceSid), serviceDependenciesSchema),
  });
