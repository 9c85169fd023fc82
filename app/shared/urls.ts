import type { Visibility } from './visibility.ts';

/** The URL an asset is served at on an environment: <scheme>://<domain_name><path>. */
export function assetUrl(scheme: 'http' | 'https', domainName: string, path: string): string {
  return `${scheme}://${domainName}${encodeURI(path)}`;
}

/** Why an asset has no URL to copy, or null when it has one. */
export function noUrlReason(visibility: Visibility): string | null {
  return visibility === 'private'
    ? 'Private assets are never served by URL; read them from function code with Runtime.getAssets().'
    : null;
}
