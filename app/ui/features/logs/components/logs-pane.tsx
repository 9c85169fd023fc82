import { useQuery } from '@tanstack/react-query';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { Environment } from '../../../../shared/api-schemas.ts';
import { IconButton } from '../../../components/button.tsx';
import { errorMessage } from '../../../components/error-boundary.tsx';
import { ClearIcon } from '../../../components/icons.tsx';
import { PaneHeader } from '../../../components/pane-header.tsx';
import { useNoticesStore } from '../../../lib/notices-store.ts';
import { functionPathsQueryOptions } from '../api/function-paths-query.ts';
import { logsQueryOptions } from '../api/logs-query.ts';
import { useLogsPaneStore } from '../logs-pane-store.ts';
import { filterEntries, mergeEntries, type LevelFilter, type PaneEntry } from '../merge-entries.ts';
import styles from './logs-pane.module.css';

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

const LEVEL_TEXT: Record<PaneEntry['level'], string> = { info: 'INFO', warn: 'WARN', error: 'ERROR' };
const NO_LOGS: never[] = [];

/**
 * One line of the log. Memoised on its few plain props: a new line (a notice, a poll) renders that
 * line only, not the hundreds above it (which cost Deploy All tens of ms per notice).
 */
const LogLine = memo(function LogLine({
  time,
  level,
  source,
  message,
}: {
  time: number;
  level: PaneEntry['level'];
  source: string | null;
  message: string;
}) {
  return (
    <li className={`${styles.entry} ${styles[level] ?? ''}`}>
      <time className={styles.time} dateTime={new Date(time).toISOString()}>
        {timeFormat.format(time)}
      </time>
      <span className={styles.level}>{LEVEL_TEXT[level]}</span>
      {source ? <span className={styles.source}>{source}</span> : null}
      <span className={styles.message}>{message}</span>
    </li>
  );
});

/**
 * Bottom pane: the selected environment's Logs (deploys, builds, version changes, from any client,
 * and what deployed functions write with console.log/warn/error, with the function's path) merged
 * with the editor's own notices, newest last; updates live, filterable by level and by function,
 * clearable.
 */
export function LogsPane({ serviceSid, environment }: { serviceSid: string; environment: Environment | null }) {
  const logs = useQuery({ ...logsQueryOptions(serviceSid, environment?.sid ?? ''), enabled: environment !== null });
  const functionPaths = useQuery(functionPathsQueryOptions(serviceSid));
  const level = useLogsPaneStore((s) => s.level);
  const source = useLogsPaneStore((s) => s.source);
  const levelChosen = useLogsPaneStore((s) => s.levelChosen);
  const sourceChosen = useLogsPaneStore((s) => s.sourceChosen);
  const notices = useNoticesStore((s) => s.notices);
  const noticesCleared = useNoticesStore((s) => s.cleared);
  const clearedSids = useLogsPaneStore((s) => s.clearedSids);
  const logsCleared = useLogsPaneStore((s) => s.cleared);
  const serverLogs = (environment ? logs.data : undefined) ?? NO_LOGS;
  const all = useMemo(() => mergeEntries(serverLogs, notices, clearedSids), [serverLogs, notices, clearedSids]);
  const entries = useMemo(() => filterEntries(all, level, source), [all, level, source]);
  const paths = functionPaths.data;
  // A function created since the paths were read: read them again, so its lines get its path.
  const unknownFunction = serverLogs.some((log) => log.function_sid !== null && paths && !paths.has(log.function_sid));
  const refetchPaths = functionPaths.refetch;
  useEffect(() => {
    if (unknownFunction) void refetchPaths();
  }, [unknownFunction, refetchPaths]);
  const pathOf = (sid: string) => paths?.get(sid) ?? sid;
  const sources = useMemo(
    () => [...(paths ?? new Map<string, string>())].sort((a, b) => a[1].localeCompare(b[1])),
    [paths],
  );
  const scroller = useRef<HTMLDivElement>(null);

  const lastKey = entries.at(-1)?.key;
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lastKey]);

  const clear = () => {
    logsCleared(serverLogs.map((log) => log.sid));
    noticesCleared();
  };

  return (
    <section className={styles.pane} aria-labelledby="logs-title">
      <PaneHeader
        titleId="logs-title"
        title="Logs"
        count={
          entries.length
            ? `${entries.length}${entries.length === all.length ? '' : ` of ${all.length}`} message${all.length === 1 ? '' : 's'}`
            : ''
        }
        compact
      >
        <select
          className={styles.filter}
          aria-label="Show levels"
          value={level}
          onChange={(e) => levelChosen(e.target.value as LevelFilter)}
        >
          <option value="all">All levels</option>
          <option value="info">Info</option>
          <option value="warn">Warnings</option>
          <option value="error">Errors</option>
        </select>
        <select
          className={styles.filter}
          aria-label="Show messages from"
          value={source}
          onChange={(e) => sourceChosen(e.target.value)}
        >
          <option value="all">Everything</option>
          <option value="functions">All functions</option>
          {sources.map(([sid, path]) => (
            <option key={sid} value={sid}>
              {path}
            </option>
          ))}
        </select>
        <IconButton aria-label="Clear logs" onClick={clear} disabled={entries.length === 0}>
          <ClearIcon size={14} />
        </IconButton>
      </PaneHeader>
      {/* Focusable so keyboard users can scroll the log. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div ref={scroller} className={styles.scroller} role="log" aria-label="Log messages" tabIndex={0}>
        {logs.isError ? (
          <p className={styles.empty} role="alert">
            Could not read this environment’s logs: {errorMessage(logs.error)}
          </p>
        ) : null}
        {entries.length === 0 ? (
          <p className={styles.empty}>
            {all.length > 0
              ? 'No messages match the filters.'
              : 'Deploys, builds, changes and what deployed functions log (console.log, warn, error) appear here.'}
          </p>
        ) : (
          <ol className={styles.list}>
            {entries.map((entry) => (
              <LogLine
                key={entry.key}
                time={entry.time}
                level={entry.level}
                source={entry.functionSid ? pathOf(entry.functionSid) : null}
                message={entry.message}
              />
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
