import { useMutation, useQueryClient } from '@tanstack/react-query';
import { serviceDependenciesSchema, type Dependency } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { serviceDependencyKeys } from '../../../lib/query-keys.ts';
import { dependenciesPath } from './service-dependencies-query.ts';

export interface DependenciesInput {
  dependencies?: Dependency[];
  runtime?: string;
}

/** Replaces the service's dependency list and/or runtime. The panel shows errors itself. */
export function useServiceDependenciesSaveMutation(serviceSid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: ({ dependencies, runtime }: DependenciesInput) =>
      api.post(dependenciesPath(serviceSid), serviceDependenciesSchema, {
        Dependencies: dependencies ? JSON.stringify(dependencies) : undefined,
        Runtime: runtime,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(serviceDependencyKeys.detail(serviceSid), saved);
    },
  });
}
