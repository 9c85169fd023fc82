import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Asset } from '../../../../shared/api-schemas.ts';
import type { Visibility } from '../../../../shared/visibility.ts';
import { assetKeys } from '../../../lib/query-keys.ts';
import { newVersionFrom, withLatest } from './new-version-from.ts';

/** New version with another visibility; the row shows it (gray) at once and rolls back on error. */
export function useAssetVisibilityMutation(serviceSid: string) {
  const queryClient = useQueryClient();
  const key = assetKeys.list(serviceSid);
  return useMutation({
    mutationFn: ({ asset, visibility }: { asset: Asset; visibility: Visibility }) =>
      newVersionFrom(asset, { visibility }),
    onMutate: async ({ asset, visibility }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Asset[]>(key);
      queryClient.setQueryData<Asset[]>(key, (list) => withLatest(list, asset.sid, { visibility }));
      return { previous };
    },
    onError: (_error, _vars, context) => queryClient.setQueryData(key, context?.previous),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
