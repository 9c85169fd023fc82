import { queryOptions } from '@tanstack/react-query';
import { assetSchema, type Asset } from '../../../../shared/api-schemas.ts';
import { assetPath } from '../../../../shared/assets.ts';
import { api } from '../../../lib/api-client.ts';
import { assetKeys } from '../../../lib/query-keys.ts';

export const byPath = (a: Asset, b: Asset) => {
  const pa = assetPath(a);
  const pb = assetPath(b);
  return pa < pb ? -1 : pa > pb ? 1 : 0;
};

/** Every asset of the service (following pages), each with its latest version, sorted by path. */
export async function fetchAssets(serviceSid: string): Promise<Asset[]> {
  const assets = await api.list(`/v1/Services/${serviceSid}/Assets`, 'assets', assetSchema, { PageSize: 1000 });
  return assets.sort(byPath);
}

export const assetsQueryOptions = (serviceSid: string) =>
  queryOptions({ queryKey: assetKeys.list(serviceSid), queryFn: () => fetchAssets(serviceSid) });
