import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createDeployment, deploymentLanded } from '../../../lib/deployments.ts';
import { reviewKeys } from './keys.ts';

/**
 * Puts an existing build live on an environment (roll back, promote): a Deployment with that build,
 * no new build. The environment list follows at once, so rows and the history update.
 */
export function useDeployBuildMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['review', 'deploy-build'],
    mutationFn: createDeployment,
    onSuccess: (deployment, { environment }) =>
      Promise.all([
        deploymentLanded(queryClient, environment, deployment),
        queryClient.invalidateQueries({ queryKey: [...reviewKeys.all, 'deployments'] }),
      ]),
  });
}
