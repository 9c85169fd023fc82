import type { ReactNode } from 'react';
import type { Environment } from '../../../../shared/api-schemas.ts';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { errorMessage } from '../../../components/error-boundary.tsx';
import { Spinner } from '../../../components/spinner.tsx';
import { isEmptyDiff, summarize } from '../build-diff.ts';
import type { Review } from '../load-review.ts';
import { FileChangeRow } from './file-change-row.tsx';
import { QuotaAfter } from './quota-after.tsx';
import styles from './review.module.css';

/** Changed text files whose diff shows without a click. */
const OPEN_DIFFS = 10;

export interface ReviewDialogProps {
  open: boolean;
  title: string;
  /** The environment that changes. */
  environment: Environment;
  review: { data?: Review; error: unknown; isPending: boolean };
  /** The confirming button: "Deploy", "Roll back", "Promote". */
  confirmLabel: string;
  /** What the dialog says when nothing would change. */
  nothingText: string;
  /** The confirmed action is running. */
  pending: boolean;
  onConfirm: (review: Review) => void;
  onCancel: () => void;
  /** More sections under the changes (variables). */
  children?: ReactNode;
  /** Left of the buttons (a preference). */
  footerStart?: ReactNode;
}

/**
 * What a deploy would change on an environment, against the build it serves now: files added,
 * changed (renamed, visibility, content with a text diff), deleted; dependencies; the per-build
 * quota after it. Nothing is deployed until the user confirms.
 */
export function ReviewDialog(props: ReviewDialogProps) {
  const { review, environment } = props;
  const data = review.data;
  const empty = data ? isEmptyDiff(data.diff) : false;

  return (
    <Dialog
      open={props.open}
      onOpenChange={(open) => {
        if (!open) props.onCancel();
      }}
      size="large"
      title={props.title}
      footer={
        <>
          {props.footerStart ? <div className={styles.footerStart}>{props.footerStart}</div> : null}
          <Button onClick={props.onCancel}>{empty ? 'Close' : 'Cancel'}</Button>
          {data && !empty ? (
            <Button
              variant="primary"
              disabled={props.pending}
              aria-busy={props.pending}
              onClick={() => props.onConfirm(data)}
            >
              {props.confirmLabel}
            </Button>
          ) : null}
        </>
      }
    >
      {review.isPending ? (
        <Spinner label="Comparing with what the environment serves" />
      ) : review.error || !data ? (
        <p role="alert">Could not prepare the review: {errorMessage(review.error)}</p>
      ) : (
        <div className={styles.review}>
          <p className={styles.summary}>
            {data.liveBuildSid
              ? `Against build ${data.liveBuildSid}, live on ${environment.unique_name}: ${summarize(data.diff)}.`
              : `${environment.unique_name} serves nothing yet: ${summarize(data.diff)}.`}
            {data.diff.unchanged > 0 ? ` ${data.diff.unchanged} unchanged.` : ''}
          </p>
          {empty ? (
            <p role="status" className={styles.nothing}>
              {props.nothingText}
            </p>
          ) : null}
          {data.diff.files.length > 0 ? (
            <ul className={styles.changes} aria-label="Changes">
              {data.diff.files.map((change, index) => (
                <FileChangeRow
                  key={`${change.kind}:${(change.after ?? change.before)!.fileSid}`}
                  serviceSid={environment.service_sid}
                  change={change}
                  contentTypes={data.contentTypes}
                  openDiff={index < OPEN_DIFFS}
                />
              ))}
            </ul>
          ) : null}
          {data.diff.dependencies.length > 0 ? (
            <section aria-label="Dependency changes">
              <h3 className={styles.sectionTitle}>Dependencies</h3>
              <ul className={styles.changes}>
                {data.diff.dependencies.map((d) => (
                  <li key={d.name} className={styles.change}>
                    <div className={styles.changeLine}>
                      <span className={styles.path}>{d.name}</span>
                      <span className={styles.labels}>
                        {d.before === null
                          ? `added ${d.after}`
                          : d.after === null
                            ? `removed (was ${d.before})`
                            : `${d.before} → ${d.after}`}
                      </span>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {props.children}
          <QuotaAfter usage={data.usage} />
        </div>
      )}
    </Dialog>
  );
}
