import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { assetKeys } from '../../../lib/query-keys.ts';
import { functionVersionContentSchema, type AssetVersion } from '../../../../shared/api-schemas.ts';
import { versionContentPath } from '../../../../shared/urls.ts';
import { FILE_KINDS, filesPath, type FileVersion } from '../../../lib/files.ts';

// Versions are immutable and their sids unique, so the version sid alone keys the content (the
// other sids in the URL add nothing) and it never goes stale.

/** The raw bytes of a version (images, audio). */
export const assetContentQuery = (version: AssetVersion) =>
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- see above
  queryOptions({
    queryKey: assetKeys.content(version.sid),
    queryFn: () => api.blob(versionContentPath(version)),
    staleTime: Infinity,
  });

/** The text of a version: an asset's bytes decoded as UTF-8, or a function's source (Twilio's Content resource). */
export const fileTextQuery = (version: FileVersion) => {
  const kind = 'asset_sid' in version ? 'asset' : 'function';
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- see above
  return queryOptions({
    queryKey: [...FILE_KINDS[kind].keys.content(version.sid), 'text'] as const,
    queryFn: async () =>
      'asset_sid' in version
        ? (await api.blob(versionContentPath(version))).text()
        : (
            await api.get(
              `${filesPath(version.service_sid, 'function')}/${version.function_sid}/Versions/${version.sid}/Content`,
              functionVersionContentSchema,
            )
          ).content,
    staleTime: Infinity,
  });
};
