import { describe, expect, it } from 'vitest';
import { initialPath } from './initial-path.ts';

const file = (name: string, extra: Record<string, string> = {}) =>
  Object.assign(new File(['x'], name), extra) as File & { path?: string };

describe('the path an upload starts with', () => {
  it('is the file name under "/" for a single file', () => {
    expect(initialPath(file('logo.svg'))).toBe('/logo.svg');
    expect(initialPath(file('logo.svg', { path: './logo.svg' }))).toBe('/logo.svg');
  });

  it('keeps the folders of a dropped folder', () => {
    expect(initialPath(file('a.css', { path: '/site/css/a.css' }))).toBe('/site/css/a.css');
    expect(initialPath(file('a.css', { path: './site/css/a.css' }))).toBe('/site/css/a.css');
  });
});
