import { useMutation, useQueryClient } from '@tanstack/react-query';
import { auth } from '../../../lib/api-client.ts';
import { sessionKeys } from './keys.ts';

export function useSignInMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ accountSid, authToken }: { accountSid: string; authToken: string }) =>
      auth.signIn(accountSid, authToken),
    meta: { handlesErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.current }),
  });
}
