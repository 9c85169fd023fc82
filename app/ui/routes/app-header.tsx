import type { ReactNode } from 'react';
import { navigate } from '../lib/router.ts';
import { SignOutButton } from '../features/sign-in/components/sign-out-button.tsx';
import styles from './app-header.module.css';

/** The dark top bar: brand, breadcrumb (children), actions on the right, sign out. */
export function AppHeader({ children, actions }: { children?: ReactNode; actions?: ReactNode }) {
  return (
    <header className={styles.header}>
      <a
        className={styles.brand}
        href="/"
        onClick={(e) => {
          e.preventDefault();
          navigate('/');
        }}
      >
        <span className={styles.logo} aria-hidden="true">
          A
        </span>
        Assets Studio
      </a>
      <div className={styles.crumbs}>{children}</div>
      <div className={styles.actions}>
        {actions}
        <span className={styles.divider} aria-hidden="true" />
        <SignOutButton />
      </div>
    </header>
  );
}
