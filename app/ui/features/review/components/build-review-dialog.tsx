import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Environment } from '../../../../shared/api-schemas.ts';
import { toast } from '../../../components/toast-store.ts';
import { useDeployBuildMutation } from '../api/deploy-build-mutation.ts';
import { reviewKeys } from '../api/keys.ts';
import { loadBuildReview } from '../load-review.ts';
import { ReviewDialog } from './review-dialog.tsx';

interface BuildReviewDialogProps {
  /** The environment that changes. */
  environment: Environment;
  /** The existing build that goes live there. */
  buildSid: string;
  title: string;
  confirmLabel: string;
  nothingText: string;
  /** Said once it is live. */
  doneText: string;
  onClose: () => void;
  children?: ReactNode;
}

/** Review, then put an existing build live (roll back, promote): a Deployment, no rebuild. */
export function BuildReviewDialog(props: BuildReviewDialogProps) {
  const { environment, buildSid } = props;
  const deploy = useDeployBuildMutation();
  const review = useQuery({
    queryKey: [...reviewKeys.all, 'build', environment, buildSid],
    queryFn: ({ client }) => loadBuildReview(client, environment, buildSid),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  return (
    <ReviewDialog
      open
      title={props.title}
      environment={environment}
      review={{ data: review.data, error: review.error, isPending: review.isPending }}
      confirmLabel={props.confirmLabel}
      nothingText={props.nothingText}
      pending={deploy.isPending}
      onCancel={props.onClose}
      onConfirm={() =>
        deploy.mutate(
          { environment, buildSid },
          {
            onSuccess: () => {
              toast.success(props.doneText);
              props.onClose();
            },
          },
        )
      }
    >
      {props.children}
    </ReviewDialog>
  );
}
