import { queryOptions } from '@tanstack/react-query';
import { assetSchema, functionSchema } from '../../../../shared/api-schemas.ts';
import { assetPath } from '../../../../shared/assets.ts';
import { api } from '../../../lib/api-client.ts';
import { filesPath, type PaneFile } from '../../../lib/files.ts';
import { assetKeys, functionKeys } from '../../../lib/query-keys.ts';

export const byPath = (a: PaneFile, b: PaneFile) => {
  const pa = assetPath(a);
  const pb = assetPath(b);
  return pa < pb ? -1 : pa > pb ? 1 : 0;
};

/** Every asset of the service (following pages), each with its latest version, sorted by path. */
export const assetsQueryOptions = (serviceSid: string) =>
  queryOptions({
    queryKey: assetKeys.list(serviceSid),
    queryFn: async () =>
      (await api.list(filesPath(serviceSid, 'asset'), 'assets', assetSchema, { PageSize: 1000 })).sort(byPath),
  });

/** Every function of the service, each with its latest version, sorted by path. */
export const functionsQueryOptions = (serviceSid: string) =>
  queryOptions({
    queryKey: functionKeys.list(serviceSid),
    queryFn: async () =>
      (await api.list(filesPath(serviceSid, 'function'), 'functions', functionSchema, { PageSize: 1000 })).sort(byPath),
  });
