import { queryOptions, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useState } from 'react';
import type { Dependency, Environment } from '../../../shared/api-schemas.ts';
import { reviewKeys } from './api/keys.ts';
import { loadDeployAllReview } from './load-review.ts';
import { ReviewPreference } from './components/review-preference.tsx';
import { useReviewStore } from './review-store.ts';

// Loaded at the first review (with the diffs it draws), not with the editor.
const ReviewDialog = lazy(() => import('./components/review-dialog.tsx').then((m) => ({ default: m.ReviewDialog })));

/** The versions the user confirmed (what Deploy All then builds), null if cancelled, undefined if not asked. */
type Answer = { assetVersions: string[]; functionVersions: string[] } | null | undefined;

interface Request {
  id: number;
  environment: Environment;
  dependencies: Dependency[];
  resolve: (answer: Answer) => void;
}

let nextId = 0;

// Each review reads the server afresh (id), and is not kept once closed.
const reviewQueryOptions = (request: Request | null) =>
  queryOptions({
    queryKey: [...reviewKeys.all, 'deploy-all', request?.id, request?.environment, request?.dependencies],
    queryFn: ({ client }) => loadDeployAllReview(client, request!.environment, request!.dependencies),
    enabled: request !== null,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });

/**
 * Review before Deploy All: `review(environment)` opens the dialog and settles when the user
 * confirms (with the reviewed versions) or cancels; it settles at once with undefined when the
 * user has turned the review off. Render `dialog` somewhere in the page.
 */
export function useDeployAllReview() {
  const [request, setRequest] = useState<Request | null>(null);
  const result = useQuery(reviewQueryOptions(request));

  const review = useCallback((environment: Environment, dependencies: Dependency[] = []): Promise<Answer> => {
    if (!useReviewStore.getState().reviewBeforeDeploy) return Promise.resolve(undefined);
    return new Promise((resolve) => setRequest({ id: nextId++, environment, dependencies, resolve }));
  }, []);

  const finish = (answer: Answer) => {
    request?.resolve(answer);
    setRequest(null);
  };

  const dialog = request ? (
    <Suspense fallback={null}>
      <ReviewDialog
        open
        title={`Review Deploy All to ${request.environment.unique_name}`}
        environment={request.environment}
        review={{ data: result.data, error: result.error, isPending: result.isPending }}
        confirmLabel="Deploy"
        nothingText={`Nothing to deploy: ${request.environment.unique_name} already serves every file as it is now.`}
        pending={false}
        onConfirm={(r) => finish(r.next.kind === 'versions' ? r.next : null)}
        onCancel={() => finish(null)}
        footerStart={<ReviewPreference />}
      />
    </Suspense>
  ) : null;

  return { review, dialog };
}
