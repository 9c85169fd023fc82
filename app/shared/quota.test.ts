import { describe, expect, it } from 'vitest';
import { quotaLevels, quotaMessages, quotaProblem, quotaUsage } from './quota.ts';
import type { Visibility } from './visibility.ts';

const assets = (n: number, visibility: Visibility, size = 10) =>
  Array.from({ length: n }, () => ({ visibility, size }));

describe('quota', () => {
  it('counts public and protected together, private apart, and every byte', () => {
    const usage = quotaUsage([...assets(3, 'public', 5), ...assets(2, 'protected', 7), ...assets(4, 'private', 1)]);
    expect(usage).toEqual({ publicProtected: 5, private: 4, totalBytes: 33 });
  });

  it('warns from 90% of a limit and says what fails past it', () => {
    expect(quotaLevels(quotaUsage(assets(899, 'public'))).overall).toBe('ok');
    const near = quotaUsage([...assets(500, 'public'), ...assets(495, 'protected')]);
    expect(quotaLevels(near)).toEqual({ publicProtected: 'near', private: 'ok', overall: 'near' });
    expect(quotaMessages(near)).toEqual([
      '995 of 1000 public and protected assets: 5 more and Deploy All will fail (the build is refused past 1000).',
    ]);
    expect(quotaProblem(near)).toBeNull();

    const over = quotaUsage([...assets(1000, 'public'), ...assets(1, 'protected'), ...assets(51, 'private')]);
    expect(quotaLevels(over).overall).toBe('over');
    expect(quotaMessages(over)).toEqual([
      '1001 public and protected assets, over the 1000 a build may hold: Deploy All will fail until 1 is removed or made private.',
      '51 private assets, over the 50 a build may hold: Deploy All will fail until 1 is removed or made public or protected.',
    ]);
    expect(quotaProblem(over)).toBe(
      'The build has 1001 public and protected assets; at most 1000 are allowed in one build',
    );
    expect(quotaLevels(quotaUsage(assets(45, 'private'))).private).toBe('near');
    expect(quotaLevels(quotaUsage(assets(50, 'private'))).private).toBe('near');
  });
});
