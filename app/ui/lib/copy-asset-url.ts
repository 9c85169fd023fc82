import type { AssetVersion, Environment } from '../../shared/api-schemas.ts';
import { assetUrl, noUrlReason } from '../../shared/urls.ts';
import { toast } from '../components/toast-store.ts';
import { pageScheme } from './scheme.ts';

/** The URL a version is served at on an environment (the editor's scheme), or null when it has none. */
export function versionUrl(version: Pick<AssetVersion, 'path' | 'visibility'>, environment: Environment | null) {
  if (version.visibility === 'private' || !environment) return null;
  return assetUrl(pageScheme(), environment.domain_name, version.path);
}

/**
 * Copy URL, the one action behind the row menus (assets and functions) and the editor's URL bar: puts the version's URL on
 * the selected environment on the clipboard and says so (or why there is none). `deployed` adds a
 * note when the environment does not serve this version yet. Resolves to the URL copied, or null.
 */
export async function copyAssetUrl(
  version: Pick<AssetVersion, 'path' | 'visibility'>,
  environment: Environment | null,
  deployed?: boolean,
  kind: 'asset' | 'function' = 'asset',
): Promise<string | null> {
  const reason = noUrlReason(version.visibility, kind);
  if (reason) {
    toast.info(`No URL to copy: ${reason}`);
    return null;
  }
  const url = versionUrl(version, environment);
  if (!url) {
    toast.error(`This service has no environment yet, so its ${kind}s have no URL.`);
    return null;
  }
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    toast.error(`Could not use the clipboard; the URL is ${url}`);
    return null;
  }
  const notes = [
    deployed === false ? 'not deployed yet: Deploy All to serve this version' : null,
    version.visibility === 'protected' ? 'protected: requests need a valid X-Twilio-Signature' : null,
  ].filter(Boolean);
  toast.success(`Copied ${url}${notes.length ? ` (${notes.join('; ')})` : ''}`);
  return url;
}
