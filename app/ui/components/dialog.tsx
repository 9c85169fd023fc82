import * as RadixDialog from '@radix-ui/react-dialog';
import type { ReactNode, RefObject } from 'react';
import { Button } from './button.tsx';
import styles from './dialog.module.css';

export interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The accessible name of the dialog, shown as its heading. */
  title: ReactNode;
  /** Optional text under the title, read out as the dialog's description. */
  description?: ReactNode;
  children: ReactNode;
  /** Buttons at the bottom, right-aligned. */
  footer?: ReactNode;
  size?: 'small' | 'medium' | 'large';
  /** Props for the content element (e.g. drop-zone handlers); Radix handles focus and Escape. */
  contentProps?: React.HTMLAttributes<HTMLDivElement>;
  /** What gets focus when the dialog opens (default: its first focusable element). */
  initialFocus?: RefObject<HTMLElement | null>;
  /** What gets focus when it closes (default: what had focus when it opened). */
  finalFocus?: RefObject<HTMLElement | null>;
}

/**
 * A modal dialog: focus is trapped inside, Escape and the close button close it, focus returns to
 * the element that opened it. The title is required so every dialog has an accessible name.
 */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  footer,
  size = 'medium',
  contentProps,
  initialFocus,
  finalFocus,
}: DialogProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={styles.overlay} />
        <RadixDialog.Content
          {...contentProps}
          className={`${styles.content} ${styles[size]} ${contentProps?.className ?? ''}`}
          onOpenAutoFocus={(event) => {
            if (!initialFocus?.current) return;
            event.preventDefault();
            initialFocus.current.focus();
          }}
          onCloseAutoFocus={(event) => {
            if (!finalFocus?.current) return;
            event.preventDefault();
            finalFocus.current.focus();
          }}
          // Radix lets only the newest layer take Escape: a toast shown after the dialog opened would
          // take it and leave the dialog open. Whatever Escape closed first marks it handled.
          onKeyDown={(event) => {
            contentProps?.onKeyDown?.(event);
            if (event.key !== 'Escape' || event.defaultPrevented) return;
            event.preventDefault();
            onOpenChange(false);
          }}
          // Without a description Radix warns unless aria-describedby is explicitly undefined.
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <header className={styles.header}>
            <RadixDialog.Title className={styles.title}>{title}</RadixDialog.Title>
            <RadixDialog.Close className={styles.close} aria-label="Close">
              <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
              </svg>
            </RadixDialog.Close>
          </header>
          {description ? (
            <RadixDialog.Description className={styles.description}>{description}</RadixDialog.Description>
          ) : null}
          <div className={styles.body}>{children}</div>
          {footer ? <footer className={styles.footer}>{footer}</footer> : null}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** Wraps a button so activating it closes the surrounding dialog. */
export function DialogClose({ children }: { children: ReactNode }) {
  return <RadixDialog.Close asChild>{children}</RadixDialog.Close>;
}

/** The footer of a dialog around a form: Cancel, and the submit button of the form `formId`. */
export function FormDialogFooter({
  formId,
  pending,
  submitLabel,
  pendingLabel,
}: {
  formId: string;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
}) {
  return (
    <>
      <DialogClose>
        <Button>Cancel</Button>
      </DialogClose>
      <Button type="submit" form={formId} variant="primary" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </>
  );
}
