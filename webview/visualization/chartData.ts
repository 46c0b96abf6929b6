// The cost chart's series, pure: which runs are shown (one data set at a time, or all), their points
// without the NaN and infinite costs a diverged run records (and without costs <= 0 on a log scale),
// and the newest run drawn thicker.
import type { RunView } from '../../src/shared/webviewMessages';

export interface Series {
  runId: string;
  label: string;
  optimizer: string;
  points: { x: number; y: number }[];
  /**
   * Index of the dash pattern: repeated optimizers (and momentum, which lies on gradient descent) get dashes;
   * beside the learner's own run (solid), the reference is always dashed.
   */
  dash: number;
  newest: boolean;
}

/** The data sets the runs used, in the order they first appear: the chart's data-set choices. */
export function chartDatasets(runs: RunView[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const r of runs) if (!seen.has(r.datasetId)) seen.set(r.datasetId, r.datasetName);
  return [...seen].map(([id, name]) => ({ id, name }));
}

/**
 * One series per run of `datasetId` (every run when it is '' or no run uses it), runs in the order
 * given (oldest first). The newest is the one started last.
 */
export function chartSeries(runs: RunView[], options: { datasetId?: string; logScale?: boolean } = {}): Series[] {
  const wanted = options.datasetId && runs.some((r) => r.datasetId === options.datasetId) ? options.datasetId : '';
  const shown = runs.filter((r) => wanted === '' || r.datasetId === wanted);
  let newest: RunView | undefined;
  for (const r of shown) if (!newest || r.startedAt >= newest.startedAt) newest = r;
  const seen = new Map<string, number>();
  return shown.map((run) => {
    const n = seen.get(run.optimizer) ?? 0;
    seen.set(run.optimizer, n + 1);
    const points: { x: number; y: number }[] = [];
    const count = Math.min(run.epochs.length, run.costs.length);
    for (let i = 0; i < count; i++) {
      const x = run.epochs[i];
      const y = run.costs[i];
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (options.logScale && y <= 0) continue;
      points.push({ x, y });
    }
    return {
      runId: run.id,
      label: run.label,
      optimizer: run.optimizer,
      points,
      dash: run.pair === 'reference' ? 1 : run.pair === 'yours' ? 0 : (n + (run.optimizer === 'momentum' ? 1 : 0)) % 4,
      newest: run === newest,
    };
  });
}
