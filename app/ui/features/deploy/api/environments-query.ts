import { queryOptions } from '@tanstack/react-query';
import { environmentSchema, listSchema } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { environmentKeys } from '../../../lib/query-keys.ts';

const environmentsPageSchema = listSchema('environments', environmentSchema);

export async function fetchEnvironments(serviceSid: string) {
  const page = await api.get(`/v1/Services/${serviceSid}/Environments`, environmentsPageSchema, { PageSize: 50 });
  return page.environments ?? [];
}

export const environmentsQueryOptions = (serviceSid: string) =>
  queryOptions({ queryKey: environmentKeys.list(serviceSid), queryFn: () => fetchEnvironments(serviceSid) });
