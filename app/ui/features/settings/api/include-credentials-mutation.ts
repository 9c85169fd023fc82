import { useMutation, useQueryClient } from '@tanstack/react-query';
import { serviceSchema, type Service } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { serviceKeys } from '../../../lib/query-keys.ts';

/** The service's IncludeCredentials (ACCOUNT_SID and AUTH_TOKEN in every function's context); optimistic. */
export function useIncludeCredentialsMutation(serviceSid: string) {
  const queryClient = useQueryClient();
  const key = serviceKeys.detail(serviceSid);
  return useMutation({
    mutationFn: (include: boolean) =>
      api.post(`/v1/Services/${serviceSid}`, serviceSchema, { IncludeCredentials: include }),
    onMutate: async (include) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<Service>(key);
      if (before) queryClient.setQueryData<Service>(key, { ...before, include_credentials: include });
      return { before };
    },
    onError: (_error, _include, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
    },
    onSuccess: (service) => {
      queryClient.setQueryData(key, service);
    },
  });
}
