import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Variable } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { variableKeys } from '../../../lib/query-keys.ts';
import { variablesPath } from './variables-query.ts';

export function useVariableDeleteMutation(serviceSid: string, environmentSid: string) {
  const queryClient = useQueryClient();
  const listKey = variableKeys.list(serviceSid, environmentSid);
  return useMutation({
    mutationFn: (variable: Variable) => api.delete(`${variablesPath(serviceSid, environmentSid)}/${variable.sid}`),
    onSuccess: (_data, variable) => {
      queryClient.setQueryData<Variable[]>(listKey, (list) => list?.filter((v) => v.sid !== variable.sid));
      return queryClient.invalidateQueries({ queryKey: listKey });
    },
  });
}
