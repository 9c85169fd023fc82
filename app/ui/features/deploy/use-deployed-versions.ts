import { useQuery } from '@tanstack/react-query';
import type { Build, Environment } from '../../../shared/api-schemas.ts';
import { buildQueryOptions } from './api/build-query.ts';

const NOTHING = new Set<string>();
// Module-level so the Set is rebuilt only when the build changes, not on every render.
const servedVersions = (build: Build) =>
  new Set([...build.asset_versions.map((v) => v.sid), ...build.function_versions.map((v) => v.sid)]);

/**
 * The asset and function version sids the environment serves (its deployed build's), from which each row's
 * status is derived. Empty when nothing is deployed; null while the build is loading.
 */
export function useDeployedVersions(serviceSid: string, environment: Environment | null): Set<string> | null {
  const buildSid = environment?.build_sid ?? null;
  const build = useQuery({
    ...buildQueryOptions(serviceSid, buildSid ?? ''),
    enabled: buildSid !== null,
    select: servedVersions,
  });
  if (buildSid === null) return environment ? NOTHING : null;
  return build.data ?? null;
}
