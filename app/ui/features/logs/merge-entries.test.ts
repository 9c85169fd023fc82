import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/api-schemas.ts';
import { mergeEntries } from './merge-entries.ts';

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
