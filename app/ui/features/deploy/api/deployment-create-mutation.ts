import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createDeployment, deploymentLanded } from '../../../lib/deployments.ts';
import { DEPLOY_MUTATION_KEY } from './build-create-mutation.ts';

/** Puts a completed build live on an environment; rows turn green once the new build is read. */
export function useDeploymentCreateMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [DEPLOY_MUTATION_KEY, 'deployment'],
    meta: { handlesErrors: true },
    mutationFn: createDeployment,
    onSuccess: (deployment, { environment }) => deploymentLanded(queryClient, environment, deployment),
  });
}
