import type { QueryClient } from '@tanstack/react-query';
import { serviceDependenciesSchema, type Dependency } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { serviceDependencyKeys } from '../../../lib/query-keys.ts';

/** The service's dependency list and runtime as the server has them now (Deploy All sends them). */
export const fetchServiceDependencies = (queryClient: QueryClient, serviceSid: string) =>
  queryClient.fetchQuery({
    queryKey: serviceDependencyKeys.detail(serviceSid),
    queryFn: () => api.get(`/v1/Services/${serviceSid}/Dependencies`, serviceDependenciesSchema),
    staleTime: 0,
  });

/** `twilio` and the runtime handler come with the server; anything else means npm runs during the build. */
export const packagesToInstall = (dependencies: readonly Dependency[]) =>
  dependencies.filter((d) => d.name !== 'twilio' && d.name !== '@twilio/runtime-handler');
