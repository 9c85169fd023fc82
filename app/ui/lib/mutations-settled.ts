import type { Mutation, QueryClient } from '@tanstack/react-query';

/**
 * Resolves once no mutation matching `predicate` is pending, woken by the mutation cache's events
 * (no timer). Resolves at once when none is.
 */
export function mutationsSettled(queryClient: QueryClient, predicate: (mutation: Mutation) => boolean): Promise<void> {
  const cache = queryClient.getMutationCache();
  const pending = () => cache.findAll({ status: 'pending', predicate }).length;
  if (pending() === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = cache.subscribe(() => {
      if (pending() > 0) return;
      unsubscribe();
      resolve();
    });
  });
}
