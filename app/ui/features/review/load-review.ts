import type { QueryClient } from '@tanstack/react-query';
import type { Build, Dependency, Environment } from '../../../shared/api-schemas.ts';
import { quotaUsage, type QuotaUsage } from '../../../shared/quota.ts';
import { reviewBuildQueryOptions } from './api/build-query.ts';
import { fetchNextBuild } from './api/next-build.ts';
import { diffBuilds, filesOfBuild, type BuildDiff, type FileState } from './build-diff.ts';

/** Everything a review dialog shows: the changes, the quota after, and what would be deployed. */
export interface Review {
  diff: BuildDiff;
  /** The assets of the build going live, counted against the per-build limits. */
  usage: QuotaUsage;
  /** Content types by version sid, where known (text files get a line diff). */
  contentTypes: Map<string, string>;
  /** The build the environment serves now (null: nothing yet). */
  liveBuildSid: string | null;
  /** What goes live: the version sids to build (Deploy All), or an existing build (roll back, promote). */
  next: { kind: 'versions'; assetVersions: string[]; functionVersions: string[] } | { kind: 'build'; buildSid: string };
}

const assetsOf = (files: FileState[]) => files.filter((f) => f.kind === 'asset');

async function liveBuild(queryClient: QueryClient, environment: Environment): Promise<Build | null> {
  if (!environment.build_sid) return null;
  return queryClient.fetchQuery(reviewBuildQueryOptions(environment.service_sid, environment.build_sid));
}

/** Deploy All's review: the latest versions of everything against what the environment serves. */
export async function loadDeployAllReview(
  queryClient: QueryClient,
  environment: Environment,
  dependencies: Dependency[] = [],
): Promise<Review> {
  const [live, next] = await Promise.all([
    liveBuild(queryClient, environment),
    fetchNextBuild(environment.service_sid, dependencies),
  ]);
  return {
    diff: diffBuilds(live ? { files: filesOfBuild(live), dependencies: live.dependencies } : null, next),
    usage: quotaUsage(assetsOf(next.files)),
    contentTypes: next.contentTypes,
    liveBuildSid: live?.sid ?? null,
    next: {
      kind: 'versions',
      assetVersions: next.files.filter((f) => f.kind === 'asset').map((f) => f.versionSid),
      functionVersions: next.files.filter((f) => f.kind === 'function').map((f) => f.versionSid),
    },
  };
}

/** Roll back or promote: an existing build against what the environment serves. */
export async function loadBuildReview(
  queryClient: QueryClient,
  environment: Environment,
  buildSid: string,
): Promise<Review> {
  const [live, next] = await Promise.all([
    liveBuild(queryClient, environment),
    queryClient.fetchQuery(reviewBuildQueryOptions(environment.service_sid, buildSid)),
  ]);
  const files = filesOfBuild(next);
  return {
    diff: diffBuilds(live ? { files: filesOfBuild(live), dependencies: live.dependencies } : null, {
      files,
      dependencies: next.dependencies,
    }),
    usage: quotaUsage(assetsOf(files)),
    contentTypes: new Map(),
    liveBuildSid: live?.sid ?? null,
    next: { kind: 'build', buildSid },
  };
}
