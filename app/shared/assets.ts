import type { Asset } from './api-schemas.ts';
import { normalizePath } from './paths.ts';

/**
 * The FriendlyName an asset gets for a path: the path itself, as twilio-run names the assets it
 * creates, so an asset reads the same whichever client made or renamed it.
 */
export function assetFriendlyName(path: string): string {
  return path;
}

/** The path an asset is shown, sorted and matched by: its latest version's, else its name as a path. */
export function assetPath(asset: Pick<Asset, 'friendly_name' | 'latest_version'>): string {
  return asset.latest_version?.path ?? normalizePath(asset.friendly_name);
}
