import type { Dataset } from '../../core/data/dataset';
import type { DatasetPoints } from '../../shared/webviewMessages';

/** At most this many points go to the webview: the decision-boundary plot needs no more. */
const MAX_PLOTTED_POINTS = 3000;

/** The points a webview plots for a data set (every k-th example of a large set). */
export function datasetPoints(id: string, name: string, ds: Dataset): DatasetPoints {
  const m = ds.X.cols;
  const features = ds.X.rows;
  const points: DatasetPoints = { id, name, features, examples: m, x1: [], x2: [], labels: [] };
  if (features !== 2) return points;
  const step = Math.max(1, Math.ceil(m / MAX_PLOTTED_POINTS));
  for (let e = 0; e < m; e += step) {
    points.x1.push(ds.X.data[e]!);
    points.x2.push(ds.X.data[m + e]!);
    points.labels.push(ds.Y.data[e]!);
  }
  return points;
}
