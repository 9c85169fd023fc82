import { queryOptions } from '@tanstack/react-query';
import { listSchema, serviceSchema } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { serviceKeys } from '../../../lib/query-keys.ts';

const servicesPageSchema = listSchema('services', serviceSchema);

export async function fetchServices() {
  const page = await api.get('/v1/Services', servicesPageSchema, { PageSize: 200 });
  return (page.services ?? []).toSorted((a, b) => a.unique_name.localeCompare(b.unique_name));
}

export const servicesQueryOptions = () => queryOptions({ queryKey: serviceKeys.list(), queryFn: fetchServices });
