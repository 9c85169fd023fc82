import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { filesKey, filesPath, kindOf, type PaneFile } from '../../../lib/files.ts';

/** Deletes an asset or a function (and its versions); its list drops it at once. */
export function useFileDeleteMutation(serviceSid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: PaneFile) => api.delete(`${filesPath(serviceSid, kindOf(file))}/${file.sid}`),
    onSuccess: (_data, file) => {
      const key = filesKey(serviceSid, kindOf(file));
      queryClient.setQueryData<PaneFile[]>(key, (list) => list?.filter((f) => f.sid !== file.sid));
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });
}
