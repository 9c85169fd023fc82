import { assetVersionSchema, type Asset, type AssetVersion } from '../../../../shared/api-schemas.ts';
import type { Visibility } from '../../../../shared/visibility.ts';
import { api } from '../../../lib/api-client.ts';

/**
 * Versions are immutable, so a new path or visibility is a new version with the same bytes; the
 * server copies them from the latest version (SourceVersionSid), nothing is sent again.
 */
export async function newVersionFrom(
  asset: Asset,
  change: { path?: string; visibility?: Visibility },
): Promise<AssetVersion> {
  const latest = asset.latest_version;
  if (!latest) throw new Error(`${asset.friendly_name} has no content yet`);
  return api.post(`/v1/Services/${asset.service_sid}/Assets/${asset.sid}/Versions`, assetVersionSchema, {
    SourceVersionSid: latest.sid,
    Path: change.path ?? latest.path,
    Visibility: change.visibility ?? latest.visibility,
  });
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
