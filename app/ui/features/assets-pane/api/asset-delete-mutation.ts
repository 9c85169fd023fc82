import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Asset } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { assetKeys } from '../../../lib/query-keys.ts';

export function useAssetDeleteMutation(serviceSid: string) {
  const queryClient = useQueryClient();
  const key = assetKeys.list(serviceSid);
  return useMutation({
    mutationFn: (asset: Asset) => api.delete(`/v1/Services/${asset.service_sid}/Assets/${asset.sid}`),
    onSuccess: (_data, asset) => {
      queryClient.setQueryData<Asset[]>(key, (list) => list?.filter((a) => a.sid !== asset.sid));
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });
}
