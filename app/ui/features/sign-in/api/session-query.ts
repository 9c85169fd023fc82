import { queryOptions } from '@tanstack/react-query';
import { auth } from '../../../lib/api-client.ts';
import { sessionKeys } from './keys.ts';

/** The signed-in session (null when signed out); it also arms the CSRF header. */
export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.current,
    queryFn: () => auth.session(),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
