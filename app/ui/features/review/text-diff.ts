/** One line of a unified diff: kept (' '), removed ('-') or added ('+'), with its line numbers. */
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
  /** 1-based line in the old text (kept and removed lines). */
  oldLine: number | null;
  /** 1-based line in the new text (kept and added lines). */
  newLine: number | null;
}

/** A run of changed lines with a little context around it. */
export interface DiffHunk {
  lines: DiffLine[];
}

/** Above this many cells (changed old lines × changed new lines) the diff gives up (memory and time). */
export const MAX_DIFF_CELLS = 4_000_000;

const splitLines = (text: string) => (text === '' ? [] : text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n'));

/**
 * A line diff of two texts (longest common subsequence over the lines between the common head and
 * tail). Null when the changed middle is too large to compare here.
 */
export function lineDiff(oldText: string, newText: string): DiffLine[] | null {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n * m > MAX_DIFF_CELLS) return null;

  // lcs[i][j]: length of the LCS of a[head+i..] and b[head+j..] within the middle, row-major.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[head + i] === b[head + j]
          ? lcs[(i + 1) * width + j + 1]! + 1
          : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }

  const out: DiffLine[] = [];
  for (let k = 0; k < head; k++) out.push({ op: ' ', text: a[k]!, oldLine: k + 1, newLine: k + 1 });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] === b[head + j]) {
      out.push({ op: ' ', text: a[head + i]!, oldLine: head + i + 1, newLine: head + j + 1 });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
      // Removed lines before added ones, as unified diffs show them.
      out.push({ op: '-', text: a[head + i]!, oldLine: head + i + 1, newLine: null });
      i++;
    } else {
      out.push({ op: '+', text: b[head + j]!, oldLine: null, newLine: head + j + 1 });
      j++;
    }
  }
  for (let k = 0; k < tail; k++) {
    const oi = a.length - tail + k;
    const ni = b.length - tail + k;
    out.push({ op: ' ', text: a[oi]!, oldLine: oi + 1, newLine: ni + 1 });
  }
  return out;
}

/** The changed lines with `context` kept lines around each change; nearby changes share a hunk. */
export function hunks(lines: DiffLine[], context = 3): DiffHunk[] {
  const result: DiffHunk[] = [];
  let current: DiffLine[] | null = null;
  let lastChange = -Infinity;
  for (let k = 0; k < lines.length; k++) {
    if (lines[k]!.op === ' ') continue;
    const from = Math.max(k - context, 0);
    if (current && from <= lastChange + context + 1) {
      for (let x = lastChange + 1; x <= k; x++) current.push(lines[x]!);
    } else {
      if (current) current.push(...lines.slice(lastChange + 1, Math.min(lastChange + 1 + context, lines.length)));
      current = lines.slice(from, k + 1);
      result.push({ lines: current });
    }
    lastChange = k;
  }
  if (current) current.push(...lines.slice(lastChange + 1, Math.min(lastChange + 1 + context, lines.length)));
  return result;
}
