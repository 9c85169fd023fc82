import { beforeEach, describe, expect, it } from 'vitest';
import { notice, useNoticesStore } from './notices-store.ts';

describe('the editor’s notices', () => {
  beforeEach(() => useNoticesStore.getState().cleared());

  it('keeps the newest 200, oldest first, with a level and a time', () => {
    for (let i = 0; i < 205; i++) notice.info(`n${i}`);
    notice.error('broke');
    const { notices } = useNoticesStore.getState();
    expect(notices).toHaveLength(200);
    expect(notices[0]!.message).toBe('n6');
    expect(notices.at(-1)).toMatchObject({ level: 'error', message: 'broke' });
    expect(new Set(notices.map((n) => n.id)).size).toBe(200);
  });

  it('clears', () => {
    notice.info('x');
    useNoticesStore.getState().cleared();
    expect(useNoticesStore.getState().notices).toEqual([]);
  });
});
