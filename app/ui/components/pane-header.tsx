import type { ReactNode } from 'react';
import styles from './pane-header.module.css';

interface PaneHeaderProps {
  /** Id of the heading, for the pane's aria-labelledby. */
  titleId: string;
  title: string;
  /** A short count after the title ("12", "3 of 12", "4 messages"); none when the pane's groups have their own. */
  count?: string;
  /** What a screen reader says for the count, when the count alone is unclear. */
  countLabel?: string;
  /** The thin, underlined variant (the logs pane). */
  compact?: boolean;
  /** Actions at the right end. */
  children?: ReactNode;
}

/** The header of a side or bottom pane: small caps title, a count, and actions. */
export function PaneHeader({ titleId, title, count, countLabel, compact = false, children }: PaneHeaderProps) {
  return (
    <header className={`${styles.header} ${compact ? styles.compact : ''}`}>
      <h2 id={titleId} className={styles.title}>
        {title}
      </h2>
      <span className={styles.count} aria-label={countLabel}>
        {count ?? null}
      </span>
      {children}
    </header>
  );
}
