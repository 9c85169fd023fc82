import { normalizePath } from './paths.ts';

/**
 * The FriendlyName an asset (or function) gets for a path: the path, leading slash included. The
 * Serverless Toolkit names them so and finds them again by it on its next deploy, so the editor
 * does too, whichever client made or renamed it.
 */
export function assetFriendlyName(path: string): string {
  return normalizePath(path);
}

/** The path an asset (or function) is shown, sorted and matched by: its latest version's, else its name as a path. */
export function assetPath(asset: { friendly_name: string; latest_version: { path: string } | null }): string {
  return asset.latest_version?.path ?? normalizePath(asset.friendly_name);
}
