import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deploymentSchema, type Environment } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { assetKeys, environmentKeys, logKeys } from '../../../lib/query-keys.ts';
import { reviewKeys } from './keys.ts';

/**
 * Puts an existing build live on an environment (roll back, promote): a Deployment with that build,
 * no new build. The environment list follows at once, so rows and the history update.
 */
export function useDeployBuildMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['review', 'deploy-build'],
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
        queryClient.invalidateQueries({ queryKey: environmentKeys.list(serviceSid) }),
        queryClient.invalidateQueries({ queryKey: [...reviewKeys.all, 'deployments'] }),
        queryClient.invalidateQueries({ queryKey: logKeys.list(serviceSid, environment.sid) }),
        queryClient.invalidateQueries({ queryKey: assetKeys.list(serviceSid) }),
      ]);
    },
  });
}
