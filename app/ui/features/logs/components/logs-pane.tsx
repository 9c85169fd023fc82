import { useEffect, useRef } from 'react';
import { IconButton } from '../../../components/button.tsx';
import { ClearIcon } from '../../../components/icons.tsx';
import { PaneHeader } from '../../../components/pane-header.tsx';
import { useLogsStore } from '../logs-store.ts';
import styles from './logs-pane.module.css';

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** Bottom pane: timestamped deploy and build messages, newest last, clearable. */
export function LogsPane() {
  const entries = useLogsStore((s) => s.entries);
  const cleared = useLogsStore((s) => s.cleared);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries]);

  return (
    <section className={styles.pane} aria-labelledby="logs-title">
      <PaneHeader
        titleId="logs-title"
        title="Logs"
        count={entries.length ? `${entries.length} message${entries.length === 1 ? '' : 's'}` : ''}
        compact
      >
        <IconButton aria-label="Clear logs" onClick={cleared} disabled={entries.length === 0}>
          <ClearIcon size={14} />
        </IconButton>
      </PaneHeader>
      {/* Focusable so keyboard users can scroll the log. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div ref={scroller} className={styles.scroller} role="log" aria-label="Log messages" tabIndex={0}>
        {entries.length === 0 ? (
          <p className={styles.empty}>Deploy and build messages appear here.</p>
        ) : (
          <ol className={styles.list}>
            {entries.map((entry) => (
              <li key={entry.id} className={`${styles.entry} ${entry.level === 'error' ? styles.error : ''}`}>
                <time className={styles.time} dateTime={new Date(entry.time).toISOString()}>
                  {timeFormat.format(entry.time)}
                </time>
                <span className={styles.level}>{entry.level === 'error' ? 'ERROR' : 'INFO'}</span>
                <span className={styles.message}>{entry.message}</span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
