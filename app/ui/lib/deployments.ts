import type { QueryClient } from '@tanstack/react-query';
import {
  deploymentSchema,
  type Asset,
  type Build,
  type Deployment,
  type Environment,
  type FunctionResource,
} from '../../shared/api-schemas.ts';
import { api } from './api-client.ts';
import { assetKeys, buildKeys, environmentKeys, functionKeys, logKeys } from './query-keys.ts';

/** Puts an existing build live on an environment: a Deployment, no new build. */
export const createDeployment = ({ environment, buildSid }: { environment: Environment; buildSid: string }) =>
  api.post(`/v1/Services/${environment.service_sid}/Environments/${environment.sid}/Deployments`, deploymentSchema, {
    BuildSid: buildSid,
  });

/** Whether a list of files (read earlier) has every one of these versions as some file's latest. */
function listsAll(queryClient: QueryClient, key: readonly unknown[], versions: readonly { sid: string }[]) {
  const files = queryClient.getQueryData<(Asset | FunctionResource)[]>(key);
  if (!files) return true;
  const latest = new Set(files.map((f) => f.latest_version?.sid));
  return versions.every((v) => latest.has(v.sid));
}

/**
 * After a deployment: the environment shows its new build at once (rows turn green from the
 * build, which never changes once made, so it is read again only if missing), then what may have
 * changed is read again: the logs, and the assets or functions lists if the build holds a version
 * they do not show (made by another client since they were read). The 1.3 MB list of 1000 assets
 * is not read again after every Deploy All for nothing.
 */
export function deploymentLanded(queryClient: QueryClient, environment: Environment, deployment: Deployment) {
  const serviceSid = environment.service_sid;
  queryClient.setQueryData(environmentKeys.list(serviceSid), (list: Environment[] | undefined) =>
    list?.map((e) => (e.sid === environment.sid ? { ...e, build_sid: deployment.build_sid } : e)),
  );
  const build = queryClient.getQueryData<Build>(buildKeys.detail(serviceSid, deployment.build_sid));
  const stale = (key: readonly unknown[], versions: readonly { sid: string }[] | undefined) =>
    versions === undefined || !listsAll(queryClient, key, versions)
      ? queryClient.invalidateQueries({ queryKey: key })
      : null;
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: environmentKeys.list(serviceSid) }),
    queryClient.invalidateQueries({ queryKey: logKeys.list(serviceSid, environment.sid) }),
    stale(assetKeys.list(serviceSid), build?.asset_versions),
    stale(functionKeys.list(serviceSid), build?.function_versions),
  ]);
}
