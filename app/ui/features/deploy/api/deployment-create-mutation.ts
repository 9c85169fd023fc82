import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deploymentSchema, type Environment } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { assetKeys, buildKeys, environmentKeys, logKeys } from '../../../lib/query-keys.ts';
import { DEPLOY_MUTATION_KEY } from './build-create-mutation.ts';

/** Puts a completed build live on an environment; rows turn green once the new build is read. */
export function useDeploymentCreateMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [DEPLOY_MUTATION_KEY, 'deployment'],
    meta: { handlesErrors: true },
    mutationFn: ({ environment, buildSid }: { environment: Environment; buildSid: string }) =>
      api.post(
        `/v1/Services/${environment.service_sid}/Environments/${environment.sid}/Deployments`,
        deploymentSchema,
        { BuildSid: buildSid },
      ),
    onSuccess: (deployment, { environment }) => {
      const serviceSid = environment.service_sid;
      queryClient.setQueryData(environmentKeys.list(serviceSid), (list: Environment[] | undefined) =>
        list?.map((e) => (e.sid === environment.sid ? { ...e, build_sid: deployment.build_sid } : e)),
      );
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: buildKeys.detail(serviceSid, deployment.build_sid) }),
        queryClient.invalidateQueries({ queryKey: environmentKeys.list(serviceSid) }),
        queryClient.invalidateQueries({ queryKey: logKeys.list(serviceSid, environment.sid) }),
        // The build may hold assets added by another client since the list was read.
        queryClient.invalidateQueries({ queryKey: assetKeys.list(serviceSid) }),
      ]);
    },
  });
}
