import { useMutation, useQueryClient } from '@tanstack/react-query';
import { environmentSchema, serviceSchema } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { environmentKeys, serviceKeys } from '../../../lib/query-keys.ts';

/** The environment every Service made here starts with, so it has a URL at once. */
export const DEFAULT_ENVIRONMENT = 'production';

async function createService({ uniqueName, friendlyName }: { uniqueName: string; friendlyName: string }) {
  const service = await api.post('/v1/Services', serviceSchema, { UniqueName: uniqueName, FriendlyName: friendlyName });
  const environment = await api.post(`/v1/Services/${service.sid}/Environments`, environmentSchema, {
    UniqueName: DEFAULT_ENVIRONMENT,
  });
  return { service, environment };
}

export function useServiceCreateMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createService,
    meta: { handlesErrors: true },
    onSuccess: ({ service, environment }) => {
      queryClient.setQueryData(serviceKeys.detail(service.sid), service);
      queryClient.setQueryData(environmentKeys.list(service.sid), [environment]);
      return queryClient.invalidateQueries({ queryKey: serviceKeys.list() });
    },
  });
}
