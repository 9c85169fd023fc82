import { useMutation, useQueryClient } from '@tanstack/react-query';
import { auth } from '../../../lib/api-client.ts';
import { navigate } from '../../../lib/router.ts';
import { sessionKeys } from './keys.ts';

/** Ends the session; every cached server answer goes with it. */
export function useSignOutMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => auth.signOut(),
    onSuccess: () => {
      // The session query stays (observed by the app shell) and becomes null; everything else goes.
      queryClient.setQueryData(sessionKeys.current, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKeys.current[0] });
      navigate('/');
    },
  });
}
