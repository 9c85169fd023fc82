import { urlPathOf } from './paths.ts';
import type { Visibility } from './visibility.ts';

/** The URL an asset is served at on an environment: <scheme>://<domain_name><path>. */
export function assetUrl(scheme: 'http' | 'https', domainName: string, path: string): string {
  return `${scheme}://${domainName}${urlPathOf(path)}`;
}

/** Why an asset (or function) has no URL to copy, or null when it has one. */
export function noUrlReason(visibility: Visibility, kind: 'asset' | 'function' = 'asset'): string | null {
  if (visibility !== 'private') return null;
  return kind === 'asset'
    ? 'Private assets are never served by URL; read them from function code with Runtime.getAssets().'
    : 'Private functions are never served by URL; require them from other functions with Runtime.getFunctions().';
}

/** The API path of an asset version's bytes (an Assets Studio extension, same origin as the editor). */
export function versionContentPath(version: { service_sid: string; asset_sid: string; sid: string }): string {
  return `/v1/Services/${version.service_sid}/Assets/${version.asset_sid}/Versions/${version.sid}/Content`;
}
