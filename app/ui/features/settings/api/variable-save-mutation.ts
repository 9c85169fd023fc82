import { useMutation, useQueryClient } from '@tanstack/react-query';
import { variableSchema, type Variable } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { variableKeys } from '../../../lib/query-keys.ts';
import { variablesPath } from './variables-query.ts';

export interface VariableInput {
  /** The variable to change; absent to add one. */
  sid?: string;
  key: string;
  value: string;
}

/** Adds a variable, or changes one's key and value. The panel shows errors itself (next to the fields). */
export function useVariableSaveMutation(serviceSid: string, environmentSid: string) {
  const queryClient = useQueryClient();
  const listKey = variableKeys.list(serviceSid, environmentSid);
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: ({ sid, key, value }: VariableInput) =>
      api.post(
        sid ? `${variablesPath(serviceSid, environmentSid)}/${sid}` : variablesPath(serviceSid, environmentSid),
        variableSchema,
        { Key: key, Value: value },
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData<Variable[]>(listKey, (list = []) =>
        list.some((v) => v.sid === saved.sid) ? list.map((v) => (v.sid === saved.sid ? saved : v)) : [...list, saved],
      );
      return queryClient.invalidateQueries({ queryKey: listKey });
    },
  });
}
