import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Environment } from '../../../../shared/api-schemas.ts';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { variablesQueryOptions } from '../api/variables-query.ts';
import { diffVariables } from '../build-diff.ts';
import { BuildReviewDialog } from './build-review-dialog.tsx';
import styles from './review.module.css';

interface PromoteDialogProps {
  /** The environment whose build is promoted. */
  source: Environment;
  environments: Environment[];
  onClose: () => void;
}

const DIFFERENCE = {
  'only-source': (s: string) => `set on ${s} only`,
  'only-target': (_s: string, t: string) => `set on ${t} only`,
  different: (s: string, t: string) => `different values on ${s} and ${t}`,
};

/** How the two environments' variables differ (a promote does not copy them). */
function VariableDifferences({ source, target }: { source: Environment; target: Environment }) {
  const from = useQuery(variablesQueryOptions(source));
  const to = useQuery(variablesQueryOptions(target));
  if (!from.data || !to.data) return null;
  const differences = diffVariables(from.data, to.data);
  if (differences.length === 0) return null;
  return (
    <section aria-label="Variable differences">
      <h3 className={styles.sectionTitle}>Variables (a promote keeps {target.unique_name}’s own)</h3>
      <ul className={styles.changes}>
        {differences.map((d) => (
          <li key={d.key} className={styles.change}>
            <div className={styles.changeLine}>
              <span className={styles.path}>{d.key}</span>
              <span className={styles.labels}>{DIFFERENCE[d.difference](source.unique_name, target.unique_name)}</span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Promote: the build `source` serves goes live on another environment as it is (like
 * `twilio serverless:promote`), after the same review as Deploy All.
 */
export function PromoteDialog({ source, environments, onClose }: PromoteDialogProps) {
  const targets = environments.filter((e) => e.sid !== source.sid);
  const [targetSid, setTargetSid] = useState<string | null>(null);
  const target = targets.find((e) => e.sid === targetSid) ?? null;

  if (target && source.build_sid) {
    return (
      <BuildReviewDialog
        environment={target}
        buildSid={source.build_sid}
        title={`Promote ${source.unique_name} to ${target.unique_name}`}
        confirmLabel="Promote"
        nothingText={`Nothing to promote: ${target.unique_name} already serves the same files as ${source.unique_name}.`}
        doneText={`${target.unique_name} now serves ${source.unique_name}’s build ${source.build_sid}`}
        onClose={onClose}
      >
        <VariableDifferences source={source} target={target} />
      </BuildReviewDialog>
    );
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      size="small"
      title={`Promote ${source.unique_name}`}
      footer={<Button onClick={onClose}>Cancel</Button>}
    >
      {!source.build_sid ? (
        <p>{source.unique_name} serves nothing yet: deploy to it first.</p>
      ) : targets.length === 0 ? (
        <p>This service has no other environment to promote to.</p>
      ) : (
        <>
          <p>
            Put build {source.build_sid}, live on {source.unique_name}, onto another environment as it is (no rebuild).
            You will review the changes first.
          </p>
          <ul className={styles.targets} aria-label="Promote to">
            {targets.map((e) => (
              <li key={e.sid}>
                <Button onClick={() => setTargetSid(e.sid)}>To {e.unique_name}</Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}
