import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/api-schemas.ts';
import { filterEntries, mergeEntries } from './merge-entries.ts';

const log = (sid: string, date: string, message: string, level = 'info'): LogEntry => ({
  sid,
  account_sid: 'AC1',
  service_sid: 'ZS1',
  environment_sid: 'ZE1',
  request_sid: 'RQ1',
  url: '',
  build_sid: null,
  deployment_sid: null,
  function_sid: null,
  level,
  message,
  date_created: date,
});
const at = (iso: string) => Date.parse(iso);

describe('the logs pane merges server logs and the editor’s notices', () => {
  const logs = [
    log('NO1', '2026-01-01T10:00:00Z', 'Asset created'),
    log('NO2', '2026-01-01T10:00:05Z', 'Build ZB1 failed: too many private assets', 'error'),
    log('NO3', '2026-01-01T10:00:09Z', 'Slow function', 'warn'),
  ];
  const notices = [
    { id: 1, time: at('2026-01-01T10:00:05.400Z'), level: 'error' as const, message: 'Deploy failed' },
    { id: 2, time: at('2026-01-01T10:00:03.000Z'), level: 'info' as const, message: 'Deploy All: building 1 asset' },
  ];

  it('orders everything by time, a server entry first within its second', () => {
    expect(mergeEntries(logs, notices, new Set()).map((e) => [e.level, e.message])).toEqual([
      ['info', 'Asset created'],
      ['info', 'Deploy All: building 1 asset'],
      ['error', 'Build ZB1 failed: too many private assets'],
      ['error', 'Deploy failed'],
      ['warn', 'Slow function'],
    ]);
  });

  it('leaves out the server entries the user cleared, and keys entries uniquely', () => {
    const entries = mergeEntries(logs, [], new Set(['NO1', 'NO2']));
    expect(entries.map((e) => e.key)).toEqual(['NO3']);
    expect(new Set(mergeEntries(logs, notices, new Set()).map((e) => e.key)).size).toBe(5);
  });
});

describe('the logs pane filters', () => {
  const entries = mergeEntries(
    [
      { ...log('NO1', '2026-01-01T10:00:00Z', 'Build completed'), function_sid: null },
      { ...log('NO2', '2026-01-01T10:00:01Z', 'hello from a'), function_sid: 'ZHa' },
      { ...log('NO3', '2026-01-01T10:00:02Z', 'oops in a', 'error'), function_sid: 'ZHa' },
      { ...log('NO4', '2026-01-01T10:00:03Z', 'careful in b', 'warn'), function_sid: 'ZHb' },
    ],
    [{ id: 1, time: at('2026-01-01T10:00:04Z'), level: 'error' as const, message: 'Deploy failed' }],
    new Set(),
  );
  const messages = (list: { message: string }[]) => list.map((e) => e.message);

  it('keeps everything by default, and names each line’s function', () => {
    expect(filterEntries(entries, 'all', 'all')).toHaveLength(5);
    expect(entries.map((e) => e.functionSid)).toEqual([null, 'ZHa', 'ZHa', 'ZHb', null]);
  });
  it('by level', () => {
    expect(messages(filterEntries(entries, 'error', 'all'))).toEqual(['oops in a', 'Deploy failed']);
    expect(messages(filterEntries(entries, 'warn', 'all'))).toEqual(['careful in b']);
  });
  it('by function, or any function', () => {
    expect(messages(filterEntries(entries, 'all', 'ZHa'))).toEqual(['hello from a', 'oops in a']);
    expect(messages(filterEntries(entries, 'all', 'functions'))).toEqual(['hello from a', 'oops in a', 'careful in b']);
    expect(messages(filterEntries(entries, 'error', 'ZHb'))).toEqual([]);
  });
});
