import { useMutation, useQueryClient } from '@tanstack/react-query';
import { buildSchema, type Dependency } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { buildKeys, buildStatusKeys } from '../../../lib/query-keys.ts';
import type { BuildStatus } from './build-status-query.ts';

export const DEPLOY_MUTATION_KEY = 'deploy';

export interface BuildInput {
  serviceSid: string;
  assetVersions: string[];
  functionVersions: string[];
  dependencies: Dependency[];
  runtime: string;
}

/** Starts a build of these versions; its status query starts from the answer (usually "building"). */
export function useBuildCreateMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [DEPLOY_MUTATION_KEY, 'build'],
    meta: { handlesErrors: true },
    mutationFn: ({ serviceSid, assetVersions, functionVersions, dependencies, runtime }: BuildInput) =>
      api.post(`/v1/Services/${serviceSid}/Builds`, buildSchema, {
        AssetVersions: assetVersions,
        FunctionVersions: functionVersions,
        Dependencies: JSON.stringify(dependencies),
        Runtime: runtime,
      }),
    onSuccess: (build) => {
      const status: BuildStatus = { sid: build.sid, status: build.status, failure_reason: build.failure_reason };
      queryClient.setQueryData(buildStatusKeys.detail(build.service_sid, build.sid), status);
      // The answer lists the build's versions already: once it is deployed, rows turn green from
      // this without waiting for the build to be read again.
      queryClient.setQueryData(buildKeys.detail(build.service_sid, build.sid), build);
    },
  });
}
