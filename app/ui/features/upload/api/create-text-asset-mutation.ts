import { useMutation, useQueryClient } from '@tanstack/react-query';
import { assetKeys } from '../../../lib/query-keys.ts';
import { baseName } from '../../../../shared/paths.ts';
import { contentTypeForPath, extensionOf } from '../../../../shared/content-type.ts';
import type { Visibility } from '../../../../shared/visibility.ts';
import { createAssetVersion } from './create-asset-version.ts';

/**
 * The first content of a new text asset. The API refuses empty files, so it starts with a line
 * that is harmless for its type (a comment where the language has one).
 */
export function starterContent(path: string): string {
  switch (extensionOf(path)) {
    case 'html':
    case 'htm':
      return '<!doctype html>\n';
    case 'css':
      return `/* ${baseName(path)} */\n`;
    case 'js':
    case 'mjs':
    case 'ts':
      return `// ${baseName(path)}\n`;
    case 'json':
    case 'map':
      return '{}\n';
    case 'xml':
      return '<?xml version="1.0" encoding="UTF-8"?>\n';
    case 'svg':
      return '<svg xmlns="http://www.w3.org/2000/svg"></svg>\n';
    case 'md':
      return `# ${baseName(path)}\n`;
    default:
      return '\n';
  }
}

/** Creates a new text asset with starter content; the list is refreshed before it settles. */
export function useCreateTextAssetMutation(serviceSid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, visibility }: { path: string; visibility: Visibility }) =>
      createAssetVersion({
        serviceSid,
        assetSid: null,
        path,
        visibility,
        content: new Blob([starterContent(path)], { type: contentTypeForPath(path) ?? 'text/plain' }),
        filename: baseName(path),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assetKeys.list(serviceSid) }),
  });
}
