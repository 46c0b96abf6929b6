import { optimizer, type OptimizerId } from '../core/optimizers/registry';
import { costOscillation, describeCostShapes } from '../core/trainer/costShape';
import { formatPercent } from './formatNumbers';

export interface SummaryRow {
  optimizer: OptimizerId;
  accuracy: number;
  costs: readonly number[];
}

/**
 * The notebook's closing table (optimization method, accuracy, cost shape), the shape words
 * derived from each curve's measured oscillation (costOscillation, the number the panel shows too).
 */
export function summaryTable(rows: readonly SummaryRow[]): string {
  const oscillations = rows.map((r) => costOscillation(r.costs));
  const shapes = describeCostShapes(oscillations);
  const table = [
    ['optimization method', 'accuracy', 'cost shape'],
    ...rows.map((r, i) => [optimizer(r.optimizer).title, formatPercent(r.accuracy), `${shapes[i]} (oscillation ${oscillations[i]!.toFixed(2)})`]),
  ];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  const line = (row: string[]): string => row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ').trimEnd();
  return [line(table[0]!), widths.map((w) => '-'.repeat(w)).join('-|-'), ...table.slice(1).map(line)].join('\n') + '\n';
}
