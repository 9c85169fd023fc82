import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { buildSchema, deploymentSchema, type Environment } from '../../../../shared/api-schemas.ts';
import { api, ApiRequestError } from '../../../lib/api-client.ts';
import { assetKeys, buildKeys, environmentKeys } from '../../../lib/query-keys.ts';
import { environmentUrl } from '../../../lib/scheme.ts';
import { useLogsStore } from '../../logs/logs-store.ts';
import { fetchBuildStatus } from './build-status.ts';
import { fetchLatestVersions } from './latest-versions.ts';

export type DeployPhase = 'building' | 'deploying';

interface DeployAllInput {
  serviceSid: string;
  environment: Environment;
  onPhase: (phase: DeployPhase) => void;
}

const POLL_MS = 400;
const BUILD_TIMEOUT_MS = 5 * 60_000;

const log = (level: 'info' | 'error', message: string) => useLogsStore.getState().logged(level, message);
const wait = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

/** A deploy that stopped for a reason already logged (the user sees it in the logs pane). */
class DeployFailed extends Error {}

const DEPLOY_KEY = ['deploy-all'] as const;

/**
 * Waits until edits still on their way to the server (a rename, a visibility change, a save, an
 * upload — shown optimistically already) have landed, so the build has what the user sees.
 */
async function pendingChangesSettled(queryClient: QueryClient): Promise<void> {
  const pending = () => queryClient.isMutating({ predicate: (m) => m.options.mutationKey?.[0] !== DEPLOY_KEY[0] });
  if (pending() === 0) return;
  log('info', 'Waiting for changes still being saved…');
  while (pending() > 0) await wait(50);
}

/** Build every asset's latest version (and every function's), wait for the build, deploy it. */
async function deployAll(queryClient: QueryClient, { serviceSid, environment, onPhase }: DeployAllInput) {
  const url = environmentUrl(environment.domain_name);
  await pendingChangesSettled(queryClient);
  const [assetVersions, functionVersions] = await Promise.all([
    fetchLatestVersions(serviceSid, 'Assets'),
    fetchLatestVersions(serviceSid, 'Functions'),
  ]);
  if (assetVersions.length + functionVersions.length === 0) {
    throw new DeployFailed('there is nothing to deploy yet; add an asset first');
  }

  onPhase('building');
  log(
    'info',
    `Deploy All to ${environment.unique_name}: building ${assetVersions.length} asset${assetVersions.length === 1 ? '' : 's'}` +
      (functionVersions.length
        ? ` and ${functionVersions.length} function${functionVersions.length === 1 ? '' : 's'}`
        : ''),
  );
  const started = await api.post(`/v1/Services/${serviceSid}/Builds`, buildSchema, {
    AssetVersions: assetVersions,
    FunctionVersions: functionVersions,
  });
  log('info', `Build ${started.sid} started`);

  let status: { status: string; failure_reason?: string | null } = started;
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  while (status.status === 'building') {
    if (Date.now() > deadline) throw new DeployFailed(`build ${started.sid} is taking too long; try again later`);
    await wait(POLL_MS);
    status = await fetchBuildStatus(serviceSid, started.sid);
  }
  if (status.status === 'failed') {
    const reason = status.failure_reason ?? 'the build failed';
    log('error', `Build ${started.sid} failed: ${reason}`);
    throw new DeployFailed(reason);
  }
  log('info', `Build ${started.sid} completed`);

  onPhase('deploying');
  const deployment = await api.post(
    `/v1/Services/${serviceSid}/Environments/${environment.sid}/Deployments`,
    deploymentSchema,
    { BuildSid: started.sid },
  );
  log('info', `Deployed build ${deployment.build_sid} to ${environment.unique_name}: ${url}`);
  return { buildSid: deployment.build_sid };
}

export function useDeployAllMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: DEPLOY_KEY,
    mutationFn: (input: DeployAllInput) => deployAll(queryClient, input),
    meta: { handlesErrors: true },
    onError: (error, { environment }) => {
      const reason =
        error instanceof DeployFailed || error instanceof ApiRequestError
          ? error.message
          : 'something went wrong; try again';
      log('error', `Deploy failed: ${reason}. Nothing changed on ${environmentUrl(environment.domain_name)}`);
    },
    onSuccess: ({ buildSid }, { serviceSid, environment }) => {
      queryClient.setQueryData(environmentKeys.list(serviceSid), (list: Environment[] | undefined) =>
        list?.map((e) => (e.sid === environment.sid ? { ...e, build_sid: buildSid } : e)),
      );
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: buildKeys.detail(serviceSid, buildSid) }),
        queryClient.invalidateQueries({ queryKey: environmentKeys.list(serviceSid) }),
        queryClient.invalidateQueries({ queryKey: assetKeys.list(serviceSid) }),
      ]);
    },
  });
}
