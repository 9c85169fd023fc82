import { lazy, Suspense, useState } from 'react';
import type { Environment } from '../../../../shared/api-schemas.ts';
import styles from './review.module.css';

// Loaded when first opened (with the build diff they use), not with the editor.
const HistoryDialog = lazy(() => import('./history-dialog.tsx').then((m) => ({ default: m.HistoryDialog })));
const PromoteDialog = lazy(() => import('./promote-dialog.tsx').then((m) => ({ default: m.PromoteDialog })));

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
      <Suspense fallback={null}>
        {open === 'history' ? <HistoryDialog environment={environment} onClose={() => setOpen(null)} /> : null}
        {open === 'promote' ? (
          <PromoteDialog source={environment} environments={environments} onClose={() => setOpen(null)} />
        ) : null}
      </Suspense>
    </>
  );
}
