import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadVersion } from '../../../lib/api-client.ts';
import { assetKeys } from '../../../lib/query-keys.ts';
import { assetVersionSchema, type AssetVersion } from '../../../../shared/api-schemas.ts';
import { baseName } from '../../../../shared/paths.ts';
import { assetTextQuery } from './asset-content-query.ts';

/**
 * Saves edited text as a new version of the asset (same path and visibility). The new version's
 * text is put in the cache (no refetch) and the list refreshed so the row shows "not deployed".
 */
export function useSaveAssetTextMutation(serviceSid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, text }: { version: AssetVersion; text: string }) =>
      uploadVersion(
        `/v1/Services/${serviceSid}/Assets/${version.asset_sid}/Versions`,
        {
          Path: version.path,
          Visibility: version.visibility,
          Content: new Blob([text], { type: version.content_type }),
          filename: baseName(version.path),
        },
        assetVersionSchema,
        () => undefined,
      ),
    onSuccess: (saved, { text }) => {
      queryClient.setQueryData(assetTextQuery(saved).queryKey, text);
      return queryClient.invalidateQueries({ queryKey: assetKeys.list(serviceSid) });
    },
  });
}
