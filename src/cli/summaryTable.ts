import { describeCostShapes, oscillationRatio } from '../core/trainer/costShape';
import type { OptimizerName } from '../core/trainer/trainConfig';
import { formatPercent } from './formatNumbers';

export const OPTIMIZER_TITLES: Readonly<Record<OptimizerName, string>> = {
  gd: 'Gradient descent',
  momentum: 'Momentum',
  adam: 'Adam',
};

export interface SummaryRow {
  optimizer: OptimizerName;
  accuracy: number;
  costs: readonly number[];
}

/**
 * The notebook's closing table (optimization method, accuracy, cost shape), the shape words
 * derived from each curve's measured oscillation (path length / net descent, see costShape.ts).
 */
export function summaryTable(rows: readonly SummaryRow[]): string {
  const ratios = rows.map((r) => oscillationRatio(r.costs));
  const shapes = describeCostShapes(ratios);
  const table = [
    ['optimization method', 'accuracy', 'cost shape'],
    ...rows.map((r, i) => [OPTIMIZER_TITLES[r.optimizer], formatPercent(r.accuracy), `${shapes[i]} (path ${ratios[i]!.toFixed(1)}x the descent)`]),
  ];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  const line = (row: string[]): string => row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ').trimEnd();
  return [line(table[0]!), widths.map((w) => '-'.repeat(w)).join('-|-'), ...table.slice(1).map(line)].join('\n') + '\n';
}
