/**
 * The one machine-readable line per figure that every bench script prints, which
 * bench/run-all.ts (`npm run bench`) collects into one table. Scripts stay runnable alone: the
 * line is printed next to their human-readable output.
 */
export interface BenchFigure {
  /** What is measured, as the table names it. */
  measure: string;
  /** The figure, with its unit. */
  figure: string;
  /** What it is compared with, measured in the same run. */
  reference: string;
  goal: string;
  met: boolean;
}

export const BENCH_PREFIX = 'BENCH ';

export function report(figure: BenchFigure): void {
  console.log(`${BENCH_PREFIX}${JSON.stringify(figure)}`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
