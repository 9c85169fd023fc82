import type { QueryClient } from '@tanstack/react-query';
import { deploymentSchema, type Deployment, type Environment } from '../../shared/api-schemas.ts';
import { api } from './api-client.ts';
import { assetKeys, buildKeys, environmentKeys, logKeys } from './query-keys.ts';

/** Puts an existing build live on an environment: a Deployment, no new build. */
export const createDeployment = ({ environment, buildSid }: { environment: Environment; buildSid: string }) =>
  api.post(`/v1/Services/${environment.service_sid}/Environments/${environment.sid}/Deployments`, deploymentSchema, {
    BuildSid: buildSid,
  });

/**
 * After a deployment: the environment shows its new build at once, then what depends on it is
 * read again (the build, so rows turn green; the logs; the assets, which the build may hold from
 * another client since the list was read).
 */
export function deploymentLanded(queryClient: QueryClient, environment: Environment, deployment: Deployment) {
  const serviceSid = environment.service_sid;
  queryClient.setQueryData(environmentKeys.list(serviceSid), (list: Environment[] | undefined) =>
    list?.map((e) => (e.sid === environment.sid ? { ...e, build_sid: deployment.build_sid } : e)),
  );
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: buildKeys.detail(serviceSid, deployment.build_sid) }),
    queryClient.invalidateQueries({ queryKey: environmentKeys.list(serviceSid) }),
    queryClient.invalidateQueries({ queryKey: logKeys.list(serviceSid, environment.sid) }),
    queryClient.invalidateQueries({ queryKey: assetKeys.list(serviceSid) }),
  ]);
}
