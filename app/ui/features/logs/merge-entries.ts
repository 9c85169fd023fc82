import type { LogEntry } from '../../../shared/api-schemas.ts';
import type { Notice } from '../../lib/notices-store.ts';

/** One line of the logs pane, from the server's Logs or the editor's own notices. */
export interface PaneEntry {
  key: string;
  /** ms since the epoch */
  time: number;
  level: 'info' | 'warn' | 'error';
  message: string;
  /** The function whose invocation wrote it (console.log…), or null (builds, deploys, notices). */
  functionSid: string | null;
}

export type LevelFilter = 'all' | PaneEntry['level'];
/** 'all', 'functions' (any function's output), or one function's sid. */
export type SourceFilter = string;

/** The entries the pane's level and source filters let through. */
export function filterEntries(entries: readonly PaneEntry[], level: LevelFilter, source: SourceFilter): PaneEntry[] {
  return entries.filter(
    (e) =>
      (level === 'all' || e.level === level) &&
      (source === 'all' || (source === 'functions' ? e.functionSid !== null : e.functionSid === source)),
  );
}

const levelOf = (level: string): PaneEntry['level'] =>
  level === 'error' ? 'error' : level === 'warn' || level === 'warning' ? 'warn' : 'info';

/**
 * Server entries (oldest first) and notices merged by time, oldest first. Server times have whole
 * seconds, so on a tie the server entry goes first (it happened at or before the notice).
 */
export function mergeEntries(
  logs: readonly LogEntry[],
  notices: readonly Notice[],
  cleared: ReadonlySet<string>,
): PaneEntry[] {
  const server = logs
    .filter((log) => !cleared.has(log.sid))
    .map((log) => ({
      key: log.sid,
      time: Date.parse(log.date_created),
      level: levelOf(log.level),
      message: log.message,
      functionSid: log.function_sid,
      order: 0,
    }));
  const own = notices.map((n) => ({
    key: `notice-${n.id}`,
    time: n.time,
    level: n.level,
    message: n.message,
    functionSid: null,
    order: 1,
  }));
  return [...server, ...own]
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.time - b.entry.time || a.entry.order - b.entry.order || a.index - b.index)
    .map(({ entry: { order: _order, ...entry } }) => entry);
}
