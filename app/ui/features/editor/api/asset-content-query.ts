import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { assetKeys } from '../../../lib/query-keys.ts';
import type { AssetVersion } from '../../../../shared/api-schemas.ts';
import { versionContentPath } from '../../../../shared/urls.ts';

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

/** The content of a text version, decoded as UTF-8. */
export const assetTextQuery = (version: AssetVersion) =>
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- see above
  queryOptions({
    queryKey: [...assetKeys.content(version.sid), 'text'] as const,
    queryFn: async () => (await api.blob(versionContentPath(version))).text(),
    staleTime: Infinity,
  });
