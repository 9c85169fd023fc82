import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { assetFriendlyName } from '../../../../shared/assets.ts';
import { api } from '../../../lib/api-client.ts';
import { filesKey, filesPath, kindOf, type PaneFile } from '../../../lib/files.ts';
import { byPath } from './files-query.ts';
import { newVersionFrom, withLatest } from './new-version-from.ts';

async function rename({ file, path }: { file: PaneFile; path: string }) {
  const version = await newVersionFrom(file, { path });
  await api.post(`${filesPath(file.service_sid, kindOf(file))}/${file.sid}`, z.object({ sid: z.string() }), {
    FriendlyName: assetFriendlyName(path),
  });
  return version;
}

/** Rename = a new version at the new path (+ the file's friendly name); optimistic, re-sorted. */
export function useFileRenameMutation(serviceSid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rename,
    onMutate: async ({ file, path }) => {
      const key = filesKey(serviceSid, kindOf(file));
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<PaneFile[]>(key);
      queryClient.setQueryData<PaneFile[]>(key, (list) => withLatest(list, file.sid, { path })?.sort(byPath));
      return { key, previous };
    },
    onError: (_error, _vars, context) => context && queryClient.setQueryData(context.key, context.previous),
    onSettled: (_data, _error, { file }) =>
      queryClient.invalidateQueries({ queryKey: filesKey(serviceSid, kindOf(file)) }),
  });
}
