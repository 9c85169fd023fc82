import { describe, expect, it } from 'vitest';
import { hunks, lineDiff, MAX_DIFF_CELLS } from './text-diff.ts';

const show = (lines: ReturnType<typeof lineDiff>) => lines!.map((l) => `${l.op}${l.text}`);

describe('lineDiff', () => {
  it('keeps common lines and marks removed and added ones, with line numbers', () => {
    const lines = lineDiff('a\nb\nc\nd\n', 'a\nB\nc\nd\ne\n');
    expect(show(lines)).toEqual([' a', '-b', '+B', ' c', ' d', '+e']);
    expect(lines!.find((l) => l.text === 'e')).toMatchObject({ oldLine: null, newLine: 5 });
    expect(lines!.find((l) => l.text === 'b')).toMatchObject({ oldLine: 2, newLine: null });
  });

  it('handles empty texts and CRLF', () => {
    expect(show(lineDiff('', 'x'))).toEqual(['+x']);
    expect(show(lineDiff('x\r\ny\r\n', 'x\ny\n'))).toEqual([' x', ' y']);
  });

  it('gives up on a middle too large to compare', () => {
    const side = (prefix: string) => Array.from({ length: 2001 }, (_, i) => `${prefix}${i}`).join('\n');
    expect(2001 * 2001).toBeGreaterThan(MAX_DIFF_CELLS);
    expect(lineDiff(side('a'), side('b'))).toBeNull();
    // A large file with a small change is fine: the common head and tail are not compared cell by cell.
    const big = side('a');
    expect(lineDiff(big, big.replace('a1000\n', 'changed\n'))!.filter((l) => l.op !== ' ')).toHaveLength(2);
  });
});

describe('hunks', () => {
  it('keeps three lines of context and joins changes that are close', () => {
    const old = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n');
    const changed = old.replace('line 5', 'five').replace('line 9', 'nine').replace('line 25', 'twenty-five');
    const result = hunks(lineDiff(old, changed)!);
    expect(result).toHaveLength(2);
    expect(result[0]!.lines[0]!.text).toBe('line 2');
    expect(result[0]!.lines.at(-1)!.text).toBe('line 12');
    expect(result[1]!.lines.map((l) => `${l.op}${l.text}`)).toEqual([
      ' line 22',
      ' line 23',
      ' line 24',
      '-line 25',
      '+twenty-five',
      ' line 26',
      ' line 27',
      ' line 28',
    ]);
  });
});
