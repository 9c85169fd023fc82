import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Visibility } from '../../../../shared/visibility.ts';
import { filesKey, kindOf, type PaneFile } from '../../../lib/files.ts';
import { newVersionFrom, withLatest } from './new-version-from.ts';

/** New version with another visibility; the row shows it (gray) at once and rolls back on error. */
export function useFileVisibilityMutation(serviceSid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, visibility }: { file: PaneFile; visibility: Visibility }) =>
      newVersionFrom(file, { visibility }),
    onMutate: async ({ file, visibility }) => {
      const key = filesKey(serviceSid, kindOf(file));
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<PaneFile[]>(key);
      queryClient.setQueryData<PaneFile[]>(key, (list) => withLatest(list, file.sid, { visibility }));
      return { key, previous };
    },
    onError: (_error, _vars, context) => context && queryClient.setQueryData(context.key, context.previous),
    onSettled: (_data, _error, { file }) =>
      queryClient.invalidateQueries({ queryKey: filesKey(serviceSid, kindOf(file)) }),
  });
}
