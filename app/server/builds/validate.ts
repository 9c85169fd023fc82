import { formatBytes, formatLimit, LIMITS, VISIBILITIES } from '../../shared/visibility.ts';
import { quotaProblem, quotaUsage } from '../../shared/quota.ts';
import type { VersionRow } from '../store/files-repo.ts';

/**
 * Why a build of these versions must fail, or null when it is valid: per-build limits by
 * visibility (size of each asset, number of assets) and duplicate paths.
 */
export function buildProblem(versions: readonly VersionRow[]): string | null {
  const assets = versions.filter((v) => v.kind === 'asset');
  for (const asset of assets) {
    const { maxBytes } = LIMITS[asset.visibility];
    if (asset.size > maxBytes) {
      return `Asset ${asset.path} (${asset.sid}) is ${formatBytes(asset.size)}; ${asset.visibility} assets are limited to ${formatLimit(maxBytes)} each`;
    }
  }
  for (const visibility of VISIBILITIES) {
    const count = assets.filter((a) => a.visibility === visibility).length;
    const { maxCount } = LIMITS[visibility];
    if (count > maxCount) {
      return `The build has ${count} ${visibility} assets; at most ${maxCount} ${visibility} assets are allowed in one build`;
    }
  }
  const combined = quotaProblem(quotaUsage(assets));
  if (combined) return combined;
  const seen = new Map<string, VersionRow>();
  for (const version of versions) {
    const other = seen.get(version.path);
    if (other) {
      return `Duplicate path ${version.path}: ${other.kind} version ${other.sid} and ${version.kind} version ${version.sid}`;
    }
    seen.set(version.path, version);
  }
  const files = new Set<string>();
  for (const version of versions) {
    if (files.has(version.file_sid))
      return `Two versions of the same ${version.kind} (${version.file_sid}) are in the build`;
    files.add(version.file_sid);
  }
  return null;
}
