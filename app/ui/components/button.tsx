import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import styles from './button.module.css';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  size?: 'small' | 'medium';
  icon?: ReactNode;
}

/** The one button: primary for the main action of a region, secondary/ghost elsewhere. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'secondary', size = 'medium', icon, className, children, type = 'button', ...rest },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      className={`${styles.button} ${styles[variant]} ${styles[size]} ${className ?? ''}`}
      {...rest}
    >
      {icon ? <span className={styles.icon}>{icon}</span> : null}
      {children}
    </button>
  );
});

export interface IconButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Required: icon-only buttons are named for screen readers. */
  'aria-label': string;
  children: ReactNode;
  tone?: 'default' | 'header';
}

/** A square button showing only an icon; its aria-label is its name. */
export const IconButton = forwardRef<HTMLButtonElement, IconButtonProps>(function IconButton(
  { className, children, type = 'button', tone = 'default', ...rest },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      title={rest['aria-label']}
      className={`${styles.iconButton} ${tone === 'header' ? styles.onHeader : ''} ${className ?? ''}`}
      {...rest}
    >
      {children}
    </button>
  );
});
