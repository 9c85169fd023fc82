import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { toast } from '../components/toast-store.ts';
import { ApiRequestError } from './api-client.ts';

const isUnauthenticated = (error: unknown) => error instanceof ApiRequestError && error.status === 401;

/**
 * The one QueryClient. 4xx answers are not retried (they won't change); a 401 anywhere means the
 * session ended, so `onSignedOut` sends the user to the sign-in page. Mutation errors become a toast
 * unless the mutation handles them itself (meta.handlesErrors).
 */
export function createQueryClient(onSignedOut: () => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isUnauthenticated(error)) onSignedOut();
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _vars, _ctx, mutation) => {
        if (isUnauthenticated(error)) return onSignedOut();
        if (mutation.meta?.handlesErrors) return;
        toast.error(error instanceof ApiRequestError ? error.message : 'Something went wrong. Try again.');
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: true,
        retry: (count, error) =>
          !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
}

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { handlesErrors?: boolean };
  }
}
