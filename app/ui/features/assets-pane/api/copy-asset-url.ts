import type { AssetVersion, Environment } from '../../../../shared/api-schemas.ts';
import { assetUrl, noUrlReason } from '../../../../shared/urls.ts';
import { toast } from '../../../components/toast-store.ts';
import { pageScheme } from '../../../lib/scheme.ts';

/** Copy URL: puts the asset's URL on the selected environment on the clipboard and says so. */
export async function copyAssetUrl(
  version: AssetVersion,
  environment: Environment | null,
  deployed: boolean,
): Promise<void> {
  const reason = noUrlReason(version.visibility);
  if (reason) {
    toast.info(`No URL to copy: ${reason}`);
    return;
  }
  if (!environment) {
    toast.error('This service has no environment yet, so its assets have no URL.');
    return;
  }
  const url = assetUrl(pageScheme(), environment.domain_name, version.path);
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    toast.error(`Could not use the clipboard; the URL is ${url}`);
    return;
  }
  const notes = [
    deployed ? null : 'not deployed yet: Deploy All to serve this version',
    version.visibility === 'protected' ? 'protected: requests need a valid X-Twilio-Signature' : null,
  ].filter(Boolean);
  toast.success(`Copied ${url}${notes.length ? ` (${notes.join('; ')})` : ''}`);
}
