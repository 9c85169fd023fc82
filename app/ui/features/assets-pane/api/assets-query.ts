import { queryOptions } from '@tanstack/react-query';
import { assetSchema, listSchema, type Asset } from '../../../../shared/api-schemas.ts';
import { knownPath } from '../../../../shared/names.ts';
import { api } from '../../../lib/api-client.ts';
import { assetKeys } from '../../../lib/query-keys.ts';

const assetsPageSchema = listSchema('assets', assetSchema);

/** The path an asset is shown (and sorted) by: its latest version's, else its name. */
export const assetPath = (asset: Asset) => knownPath(asset);

export const byPath = (a: Asset, b: Asset) => {
  const pa = assetPath(a);
  const pb = assetPath(b);
  return pa < pb ? -1 : pa > pb ? 1 : 0;
};

// Page URLs are absolute on the server's origin; the client speaks same-origin paths.
const pathOf = (url: string) => {
  const parsed = new URL(url, window.location.origin);
  return `${parsed.pathname}${parsed.search}`;
};

/** Every asset of the service (following pages), each with its latest version, sorted by path. */
export async function fetchAssets(serviceSid: string): Promise<Asset[]> {
  const assets: Asset[] = [];
  let path: string | null = `/v1/Services/${serviceSid}/Assets?PageSize=1000`;
  while (path) {
    const page: { meta: { next_page_url: string | null }; assets: Asset[] } = await api.get(path, assetsPageSchema);
    assets.push(...(page.assets ?? []));
    const next = page.meta.next_page_url;
    path = next ? pathOf(next) : null;
  }
  return assets.sort(byPath);
}

export const assetsQueryOptions = (serviceSid: string) =>
  queryOptions({ queryKey: assetKeys.list(serviceSid), queryFn: () => fetchAssets(serviceSid) });
