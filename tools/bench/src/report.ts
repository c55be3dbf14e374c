/** One measured figure, its target when the issue names one, and whether it was met. */
export interface Figure {
  name: string;
  value: string;
  target?: string;
  met?: boolean;
}

export interface SuiteResult {
  title: string;
  /** What the reader needs to interpret the figures: machine, durations, settings. */
  conditions: string;
  figures: Figure[];
}

export function printSuite({ title, conditions, figures }: SuiteResult): void {
  console.log(`\n## ${title}\n${conditions}\n`);
  const nameWidth = Math.max(...figures.map((figure) => figure.name.length));
  const valueWidth = Math.max(...figures.map((figure) => figure.value.length));
  for (const figure of figures) {
    const verdict = figure.target === undefined ? '' : `  target ${figure.target}: ${figure.met ? 'met' : 'MISSED'}`;
    console.log(`  ${figure.name.padEnd(nameWidth)}  ${figure.value.padStart(valueWidth)}${verdict}`);
  }
}

export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The median of a few runs: one slow run (a GC, a compile) must not decide the figure. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
