import * as RadixToast from '@radix-ui/react-toast';
import { CheckIcon, ClearIcon, CloseIcon } from './icons.tsx';
import styles from './toast.module.css';
import { useToastStore, type Toast } from './toast-store.ts';

const LIFETIME_MS = { success: 4000, info: 6000, error: 9000 } as const;

function ToastItem({ toast }: { toast: Toast }) {
  const dismissed = useToastStore((s) => s.toastDismissed);
  return (
    <RadixToast.Root
      className={`${styles.toast} ${styles[toast.tone]}`}
      duration={LIFETIME_MS[toast.tone]}
      // Errors interrupt (assertive); the rest wait their turn.
      type={toast.tone === 'error' ? 'foreground' : 'background'}
      role="status"
      onOpenChange={(open) => {
        if (!open) dismissed(toast.id);
      }}
    >
      <span className={styles.glyph} aria-hidden="true">
        {toast.tone === 'error' ? <ClearIcon /> : <CheckIcon />}
      </span>
      <RadixToast.Description className={styles.message}>{toast.message}</RadixToast.Description>
      <RadixToast.Close className={styles.close} aria-label="Dismiss notification">
        <CloseIcon size={14} />
      </RadixToast.Close>
    </RadixToast.Root>
  );
}

/**
 * Where toasts appear (bottom right): Radix Toast, so they pause while hovered or focused, close by
 * Escape or swipe, are announced (errors assertively) and reachable with F8.
 */
export function Toaster() {
  const toasts = useToastStore((s) => s.toasts);
  return (
    <RadixToast.Provider swipeDirection="right" label="Notification">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
      <RadixToast.Viewport className={styles.viewport} label="Notifications ({hotkey})" />
    </RadixToast.Provider>
  );
}
