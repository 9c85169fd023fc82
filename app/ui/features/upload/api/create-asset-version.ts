import { api, uploadVersion, type UploadProgress } from '../../../lib/api-client.ts';
import { assetSchema, assetVersionSchema, type AssetVersion } from '../../../../shared/api-schemas.ts';
import { assetFriendlyName } from '../../../../shared/assets.ts';
import type { Visibility } from '../../../../shared/visibility.ts';

export interface NewVersion {
  serviceSid: string;
  /** The asset to add a version to; a new asset is created (named after the path) when null. */
  assetSid: string | null;
  path: string;
  visibility: Visibility;
  content: Blob;
  filename: string;
  /** The content is an image rewritten without its metadata (recorded on the version). */
  metadataRemoved?: boolean;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/**
 * Uploads content as a version of an asset (a new asset when none is given). A new asset whose
 * first version is refused is deleted again, so a failed upload leaves nothing behind.
 */
export async function createAssetVersion(input: NewVersion): Promise<AssetVersion> {
  const assets = `/v1/Services/${input.serviceSid}/Assets`;
  let assetSid = input.assetSid;
  const created = assetSid === null;
  if (assetSid === null) {
    assetSid = (await api.post(assets, assetSchema, { FriendlyName: assetFriendlyName(input.path) })).sid;
  }
  try {
    return await uploadVersion(
      `${assets}/${assetSid}/Versions`,
      {
        Path: input.path,
        Visibility: input.visibility,
        MetadataRemoved: input.metadataRemoved,
        Content: input.content,
        filename: input.filename,
      },
      assetVersionSchema,
      input.onProgress ?? (() => undefined),
      input.signal,
    );
  } catch (error) {
    if (created) await api.delete(`${assets}/${assetSid}`).catch(() => undefined);
    throw error;
  }
}
