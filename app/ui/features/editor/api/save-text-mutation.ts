import { useMutation, useQueryClient } from '@tanstack/react-query';
import { assetVersionSchema, functionVersionSchema } from '../../../../shared/api-schemas.ts';
import { baseName } from '../../../../shared/paths.ts';
import { uploadVersion } from '../../../lib/api-client.ts';
import { filesKey, filesPath, kindOf, type FileVersion, type PaneFile } from '../../../lib/files.ts';
import { fileTextQuery } from './asset-content-query.ts';

/**
 * Saves edited text as a new version of the asset or function (same path and visibility). The new
 * version's text is put in the cache (no refetch) and the list refreshed so the row shows "not deployed".
 */
export function useSaveTextMutation(serviceSid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, version, text }: { file: PaneFile; version: FileVersion; text: string }) => {
      const kind = kindOf(file);
      return uploadVersion(
        `${filesPath(serviceSid, kind)}/${file.sid}/Versions`,
        {
          Path: version.path,
          Visibility: version.visibility,
          Content: new Blob([text], { type: version.content_type }),
          filename: kind === 'function' ? `${baseName(version.path)}.js` : baseName(version.path),
        },
        kind === 'asset' ? assetVersionSchema : functionVersionSchema,
        () => undefined,
      );
    },
    onSuccess: (saved, { file, text }) => {
      queryClient.setQueryData(fileTextQuery(saved).queryKey, text);
      return queryClient.invalidateQueries({ queryKey: filesKey(serviceSid, kindOf(file)) });
    },
  });
}
