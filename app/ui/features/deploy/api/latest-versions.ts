import { latestVersionsSchema } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';

/**
 * The latest version sid of every Asset and Function of the service, read from the server at the
 * moment of the deploy, so Deploy All builds what is there now (the sids alone: the lists would
 * send every version in full).
 */
export async function fetchLatestVersions(serviceSid: string) {
  const latest = await api.get(`/v1/Services/${serviceSid}/LatestVersions`, latestVersionsSchema);
  return { assetVersions: latest.asset_versions, functionVersions: latest.function_versions };
}
