import { useMutation, useQueryClient } from '@tanstack/react-query';
import { assetSchema, type Asset } from '../../../../shared/api-schemas.ts';
import { assetFriendlyName } from '../../../../shared/assets.ts';
import { api } from '../../../lib/api-client.ts';
import { assetKeys } from '../../../lib/query-keys.ts';
import { byPath } from './assets-query.ts';
import { newVersionFrom, withLatest } from './new-version-from.ts';

async function rename({ asset, path }: { asset: Asset; path: string }) {
  const version = await newVersionFrom(asset, { path });
  await api.post(`/v1/Services/${asset.service_sid}/Assets/${asset.sid}`, assetSchema, {
    FriendlyName: assetFriendlyName(path),
  });
  return version;
}

/** Rename = a new version at the new path (+ the asset's friendly name); optimistic, re-sorted. */
export function useAssetRenameMutation(serviceSid: string) {
  const queryClient = useQueryClient();
  const key = assetKeys.list(serviceSid);
  return useMutation({
    mutationFn: rename,
    onMutate: async ({ asset, path }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Asset[]>(key);
      queryClient.setQueryData<Asset[]>(key, (list) => withLatest(list, asset.sid, { path })?.sort(byPath));
      return { previous };
    },
    onError: (_error, _vars, context) => queryClient.setQueryData(key, context?.previous),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
