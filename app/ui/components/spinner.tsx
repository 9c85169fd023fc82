import styles from './spinner.module.css';

/** A small busy indicator; pass a label when nothing else says what is happening. */
export function Spinner({ label, size = 14 }: { label?: string; size?: number }) {
  return (
    <span
      className={styles.spinner}
      style={{ width: size, height: size }}
      role={label ? 'progressbar' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    />
  );
}
