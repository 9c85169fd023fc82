import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Build, Deployment, DeploymentClient, Environment } from '../../../../shared/api-schemas.ts';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { errorMessage } from '../../../components/error-boundary.tsx';
import { Spinner } from '../../../components/spinner.tsx';
import { reviewBuildQueryOptions } from '../api/build-query.ts';
import { deploymentsQueryOptions } from '../api/deployments-query.ts';
import { diffBuilds, filesOfBuild, summarize } from '../build-diff.ts';
import { ReviewPreference } from './review-preference.tsx';
import { BuildReviewDialog } from './build-review-dialog.tsx';
import styles from './review.module.css';

const CLIENT_NAMES: Record<DeploymentClient, string> = { editor: 'editor', 'twilio-run': 'twilio-run', api: 'API' };

/** What a deployment changed compared to the one before it (older builds may be gone). */
function changedText(build: Build | undefined, previous: Build | undefined | null): string {
  if (!build) return '…';
  if (previous === null)
    return `first deployment: ${summarize(diffBuilds(null, { files: filesOfBuild(build), dependencies: build.dependencies }))}`;
  if (!previous) return '…';
  return summarize(
    diffBuilds(
      { files: filesOfBuild(previous), dependencies: previous.dependencies },
      { files: filesOfBuild(build), dependencies: build.dependencies },
    ),
  );
}

const when = (iso: string) => new Date(iso).toLocaleString();

interface HistoryDialogProps {
  environment: Environment;
  onClose: () => void;
}

/** An environment's deployments, newest first; the live one is marked, any other can be rolled back to. */
export function HistoryDialog({ environment, onClose }: HistoryDialogProps) {
  const deployments = useQuery(deploymentsQueryOptions(environment));
  const list = deployments.data ?? [];
  const buildSids = [...new Set(list.map((d) => d.build_sid))];
  const builds = useQueries({
    queries: buildSids.map((sid) => ({ ...reviewBuildQueryOptions(environment.service_sid, sid), retry: false })),
  });
  const buildOf = (sid: string) => builds[buildSids.indexOf(sid)]?.data;
  const liveIndex = list.findIndex((d) => d.build_sid === environment.build_sid);
  const [rollbackTo, setRollbackTo] = useState<Deployment | null>(null);

  return (
    <>
      <Dialog
        open
        onOpenChange={(open) => {
          if (!open) onClose();
        }}
        size="large"
        title={`Deployments of ${environment.unique_name}`}
        description="Newest first. Roll back puts an earlier build live again, as it was built."
        footer={
          <>
            <ReviewPreference className={styles.footerStart} />
            <Button onClick={onClose}>Close</Button>
          </>
        }
      >
        {deployments.isPending ? (
          <Spinner label="Loading deployments" />
        ) : deployments.isError ? (
          <p role="alert">{errorMessage(deployments.error)}</p>
        ) : list.length === 0 ? (
          <p>Nothing has been deployed to {environment.unique_name} yet.</p>
        ) : (
          <ol className={styles.history} aria-label="Deployments">
            {list.map((d, index) => {
              const live = index === liveIndex;
              const previous = index + 1 < list.length ? buildOf(list[index + 1]!.build_sid) : null;
              return (
                <li
                  key={d.sid}
                  className={styles.deployment}
                  aria-label={`Deployment of ${d.build_sid}${live ? ' (live)' : ''}`}
                >
                  <div className={styles.deploymentMain}>
                    <span className={styles.when}>{when(d.date_created)}</span>
                    <span className={styles.build}>{d.build_sid}</span>
                    <span className={styles.client}>by {d.client ? CLIENT_NAMES[d.client] : 'unknown client'}</span>
                    {live ? <span className={styles.live}>✓ Live</span> : null}
                  </div>
                  <div className={styles.deploymentSide}>
                    <span className={styles.labels}>{changedText(buildOf(d.build_sid), previous)}</span>
                    {d.build_sid !== environment.build_sid ? (
                      <Button size="small" onClick={() => setRollbackTo(d)} aria-label={`Roll back to ${d.build_sid}`}>
                        Roll back
                      </Button>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </Dialog>
      {rollbackTo ? (
        <BuildReviewDialog
          environment={environment}
          buildSid={rollbackTo.build_sid}
          title={`Roll back ${environment.unique_name} to ${rollbackTo.build_sid}`}
          confirmLabel="Roll back"
          nothingText={`Nothing would change: ${environment.unique_name} serves the same files.`}
          doneText={`${environment.unique_name} serves build ${rollbackTo.build_sid} again`}
          onClose={() => setRollbackTo(null)}
        />
      ) : null}
    </>
  );
}
