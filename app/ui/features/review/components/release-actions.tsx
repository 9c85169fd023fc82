import { useState } from 'react';
import type { Environment } from '../../../../shared/api-schemas.ts';
import { HistoryDialog } from './history-dialog.tsx';
import { PromoteDialog } from './promote-dialog.tsx';
import styles from './review.module.css';

interface ReleaseActionsProps {
  /** The selected environment. */
  environment: Environment | null;
  environments: Environment[];
}

/** Header buttons beside Deploy All: the selected environment's deployment history, and Promote. */
export function ReleaseActions({ environment, environments }: ReleaseActionsProps) {
  const [open, setOpen] = useState<'history' | 'promote' | null>(null);
  if (!environment) return null;
  return (
    <>
      <button type="button" className={styles.headerButton} onClick={() => setOpen('history')}>
        History
      </button>
      <button type="button" className={styles.headerButton} onClick={() => setOpen('promote')}>
        Promote
      </button>
      {open === 'history' ? <HistoryDialog environment={environment} onClose={() => setOpen(null)} /> : null}
      {open === 'promote' ? (
        <PromoteDialog source={environment} environments={environments} onClose={() => setOpen(null)} />
      ) : null}
    </>
  );
}
