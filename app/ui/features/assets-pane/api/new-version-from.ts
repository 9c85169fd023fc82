import { assetVersionSchema, type Asset, type AssetVersion } from '../../../../shared/api-schemas.ts';
import { baseName } from '../../../../shared/paths.ts';
import type { Visibility } from '../../../../shared/visibility.ts';
import { api, uploadVersion } from '../../../lib/api-client.ts';

export const contentPath = (version: AssetVersion) =>
  `/v1/Services/${version.service_sid}/Assets/${version.asset_sid}/Versions/${version.sid}/Content`;

/**
 * Versions are immutable, so a new path or visibility is a new version with the same bytes (the
 * server stores identical content once).
 */
export async function newVersionFrom(
  asset: Asset,
  change: { path?: string; visibility?: Visibility },
): Promise<AssetVersion> {
  const latest = asset.latest_version;
  if (!latest) throw new Error(`${asset.friendly_name} has no content yet`);
  const content = await api.blob(contentPath(latest));
  const path = change.path ?? latest.path;
  return uploadVersion(
    `/v1/Services/${asset.service_sid}/Assets/${asset.sid}/Versions`,
    { Path: path, Visibility: change.visibility ?? latest.visibility, Content: content, filename: baseName(path) },
    assetVersionSchema,
    () => {},
  );
}

/** The list with one asset's latest version replaced (optimistic updates), still sorted by path. */
export function withLatest(
  list: Asset[] | undefined,
  assetSid: string,
  change: Partial<AssetVersion>,
): Asset[] | undefined {
  return list?.map((a) =>
    a.sid === assetSid && a.latest_version
      ? { ...a, latest_version: { ...a.latest_version, ...change, sid: `pending-${a.latest_version.sid}` } }
      : a,
  );
}
