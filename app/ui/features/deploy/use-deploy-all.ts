import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { Dependency, Environment } from '../../../shared/api-schemas.ts';
import { ApiRequestError } from '../../lib/api-client.ts';
import { mutationsSettled } from '../../lib/mutations-settled.ts';
import { notice } from '../../lib/notices-store.ts';
import { logKeys } from '../../lib/query-keys.ts';
import { environmentUrl } from '../../lib/scheme.ts';
import { DEPLOY_MUTATION_KEY, useBuildCreateMutation } from './api/build-create-mutation.ts';
import { buildQueryOptions } from './api/build-query.ts';
import { useDeploymentCreateMutation } from './api/deployment-create-mutation.ts';
import { fetchLatestVersions } from './api/latest-versions.ts';
import { fetchServiceDependencies, packagesToInstall } from './api/service-dependencies.ts';
import { whenBuilt } from './api/when-built.ts';

export type DeployPhase = 'saving' | 'reviewing' | 'building' | 'installing' | 'deploying';

/** The versions a review showed and the user confirmed: exactly these are built. */
export interface ReviewedVersions {
  assetVersions: string[];
  functionVersions: string[];
}

/**
 * Asked before building (the route passes the review feature's): the confirmed versions, null when
 * the user cancelled, undefined when the user chose not to review.
 */
export type DeployReview = (
  environment: Environment,
  dependencies: Dependency[],
) => Promise<ReviewedVersions | null | undefined>;

/** A deploy that stopped for a reason the user should read. */
class DeployStopped extends Error {}

/** How long the "building" notice waits for the build's answer before it is shown anyway. */
const NOTICE_WAIT_MS = 300;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How many of these versions the environment serves already (reused as they are; the rest changed). */
async function alreadyLive(queryClient: QueryClient, environment: Environment, versions: string[]): Promise<number> {
  if (!environment.build_sid) return 0;
  const live = await queryClient
    .fetchQuery(buildQueryOptions(environment.service_sid, environment.build_sid))
    .catch(() => null);
  if (!live) return 0;
  const served = new Set([...live.asset_versions, ...live.function_versions].map((v) => v.sid));
  return versions.filter((sid) => served.has(sid)).length;
}

/**
 * Deploy All: once edits still on their way have landed (a rename, a visibility change, a save, an
 * upload — already shown optimistically), build every asset's and function's latest version as the
 * server has them now, with the service's dependencies and runtime, wait for the build (and the
 * dependency install it runs), deploy it. The steps are the build mutation, the build
 * status query and the deployment mutation; this only sequences them and tells the logs pane.
 */
export function useDeployAll(serviceSid: string, review?: DeployReview) {
  const queryClient = useQueryClient();
  const build = useBuildCreateMutation();
  const deployment = useDeploymentCreateMutation();
  const [phase, setPhase] = useState<DeployPhase | null>(null);
  const [installing, setInstalling] = useState<string[]>([]);
  const running = useRef(false);

  const run = async (environment: Environment, skipReview: boolean) => {
    const editsPending = (m: { options: { mutationKey?: readonly unknown[] } }) =>
      m.options.mutationKey?.[0] !== DEPLOY_MUTATION_KEY;
    const saving = queryClient.isMutating({ predicate: editsPending }) > 0;
    setPhase(saving ? 'saving' : 'building');
    if (saving) {
      notice.info('Waiting for changes still being saved…');
      await mutationsSettled(queryClient, editsPending);
    }
    setPhase('reviewing');
    // Read with the dependencies rather than after them: a few kB, unused when a review answers.
    const latest = fetchLatestVersions(serviceSid);
    void latest.catch(() => undefined);
    const { dependencies, runtime } = await fetchServiceDependencies(queryClient, serviceSid);
    const reviewed = review && !skipReview ? await review(environment, dependencies) : undefined;
    if (reviewed === null) {
      notice.info(`Deploy All to ${environment.unique_name} cancelled; nothing changed`);
      return;
    }
    const { assetVersions, functionVersions } = reviewed ?? (await latest);
    if (assetVersions.length + functionVersions.length === 0) {
      throw new DeployStopped('there is nothing to deploy yet; add an asset first');
    }
    setPhase('building');
    const installs = packagesToInstall(dependencies);
    const reused = await alreadyLive(queryClient, environment, [...assetVersions, ...functionVersions]);
    const building = build.mutateAsync({ serviceSid, assetVersions, functionVersions, dependencies, runtime });
    // Told once the build answers, or after NOTICE_WAIT_MS if it has not, dated now: a notice
    // re-renders and lays out the logs pane, which would otherwise hold up the main thread while
    // the build's answer arrives (tens of ms on a 1000-asset service).
    const sentAt = Date.now();
    let told = false;
    const tell = () => {
      if (told) return;
      told = true;
      notice.info(
        `Deploy All to ${environment.unique_name}: building ${plural(assetVersions.length, 'asset')}` +
          (functionVersions.length ? `, ${plural(functionVersions.length, 'function')}` : '') +
          ` (${assetVersions.length + functionVersions.length - reused} changed, ${reused} reused)` +
          ` and ${dependencies.length} ${dependencies.length === 1 ? 'dependency' : 'dependencies'} on ${runtime}`,
        sentAt,
      );
    };
    setTimeout(tell, NOTICE_WAIT_MS);
    const started = await building.finally(() => setTimeout(tell));
    // The server installs the packages while the build is "building" (once per distinct list).
    if (installs.length > 0 && started.status === 'building') {
      setInstalling(installs.map((d) => d.name));
      setPhase('installing');
    }
    const finished = await whenBuilt(queryClient, serviceSid, started.sid);
    if (finished.status === 'failed') {
      throw new DeployStopped(`build ${started.sid} failed: ${finished.failure_reason ?? 'no reason given'}`);
    }
    setPhase('deploying');
    await deployment.mutateAsync({ environment, buildSid: started.sid });
    notice.info(
      `Deploy All to ${environment.unique_name}: build ${started.sid} is live at ${environmentUrl(environment.domain_name)}`,
    );
  };

  /** skipReview: Shift+click deploys without the review. */
  const deployAll = (environment: Environment, { skipReview = false } = {}) => {
    if (running.current) return;
    running.current = true;
    run(environment, skipReview)
      .catch((error: unknown) => {
        const reason =
          error instanceof DeployStopped || error instanceof ApiRequestError
            ? error.message
            : 'something went wrong; try again';
        notice.error(`Deploy failed: ${reason}. Nothing changed on ${environmentUrl(environment.domain_name)}`);
        // The server logged why (a failed build says which asset broke which rule): show it now.
        void queryClient.invalidateQueries({ queryKey: logKeys.list(serviceSid, environment.sid) });
      })
      .finally(() => {
        running.current = false;
        setPhase(null);
        setInstalling([]);
      });
  };

  return { deployAll, phase, installing };
}
