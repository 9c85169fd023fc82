import { useEffect } from 'react';
import { CheckIcon, ClearIcon, CloseIcon } from './icons.tsx';
import styles from './toast.module.css';
import { useToastStore, type Toast } from './toast-store.ts';

const LIFETIME_MS = { success: 4000, info: 6000, error: 9000 } as const;

function ToastItem({ toast }: { toast: Toast }) {
  const dismissed = useToastStore((s) => s.toastDismissed);
  useEffect(() => {
    const timer = window.setTimeout(() => dismissed(toast.id), LIFETIME_MS[toast.tone]);
    return () => window.clearTimeout(timer);
  }, [toast.id, toast.tone, dismissed]);
  return (
    <div className={`${styles.toast} ${styles[toast.tone]}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
      <span className={styles.glyph}>{toast.tone === 'error' ? <ClearIcon /> : <CheckIcon />}</span>
      <span className={styles.message}>{toast.message}</span>
      <button
        type="button"
        className={styles.close}
        aria-label="Dismiss notification"
        onClick={() => dismissed(toast.id)}
      >
        <CloseIcon size={14} />
      </button>
    </div>
  );
}

/** Where toasts appear (bottom right), announced politely (errors assertively). */
export function ToastViewport() {
  const toasts = useToastStore((s) => s.toasts);
  return (
    <section className={styles.viewport} aria-label="Notifications">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </section>
  );
}
