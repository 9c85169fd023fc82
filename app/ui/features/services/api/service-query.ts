import { queryOptions } from '@tanstack/react-query';
import { serviceSchema } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { serviceKeys } from '../../../lib/query-keys.ts';

export const fetchService = (sid: string) => api.get(`/v1/Services/${encodeURIComponent(sid)}`, serviceSchema);

export const serviceQueryOptions = (sid: string) =>
  queryOptions({ queryKey: serviceKeys.detail(sid), queryFn: () => fetchService(sid), staleTime: 60_000 });
