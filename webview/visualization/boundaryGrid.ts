// The decision boundary as the notebook draws it (plot_decision_boundary): the model's output over a
// grid covering the data with a margin of 1 on each side. Pure: used by the webview and the bench.
import type { Matrix } from '../../src/core/linalg/matrix';
import type { Parameters } from '../../src/core/nn/parameters';
import { predictProbabilities } from '../../src/core/nn/predict';
import type { DatasetPoints, PlainParameters } from '../../src/shared/webviewMessages';

export interface BoundaryGrid {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** Cells per side. */
  size: number;
  /** 2 x size² inputs, row-major over the image: row 0 is the top (largest x2). */
  inputs: Matrix;
}

/** The grid for a data set's points, `size` x `size` cells; the notebook's margin of 1. */
export function boundaryGrid(points: Pick<DatasetPoints, 'x1' | 'x2'>, size: number): BoundaryGrid {
  const range = (v: number[]): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of v) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    return Number.isFinite(lo) ? [lo - 1, hi + 1] : [-1, 1];
  };
  const [xMin, xMax] = range(points.x1);
  const [yMin, yMax] = range(points.x2);
  const n = size * size;
  const data = new Float64Array(2 * n);
  for (let r = 0; r < size; r++) {
    const x2 = yMax - ((r + 0.5) / size) * (yMax - yMin);
    for (let c = 0; c < size; c++) {
      data[r * size + c] = xMin + ((c + 0.5) / size) * (xMax - xMin);
      data[n + r * size + c] = x2;
    }
  }
  return { xMin, xMax, yMin, yMax, size, inputs: { rows: 2, cols: n, data } };
}

function toParameters(plain: PlainParameters): Parameters {
  const out: Parameters = {};
  for (const [k, m] of Object.entries(plain)) out[k] = { rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) };
  return out;
}

/** The network's output (probability of label 1) at every grid cell, with the core's forward pass. */
export function boundaryProbabilities(grid: BoundaryGrid, parameters: PlainParameters | Parameters): Float64Array {
  const first = Object.values(parameters)[0];
  const params = first && Array.isArray(first.data) ? toParameters(parameters as PlainParameters) : (parameters as Parameters);
  return predictProbabilities(params, grid.inputs);
}

/**
 * Round tick values covering [min, max] (about `count` of them, steps of 1, 2 or 5 times a power of
 * ten), for the boundary plot's axes; [] for a range that is empty or not finite.
 *
 * @example
 * niceTicks(-2.1, 3.4, 6); // [-2, -1, 0, 1, 2, 3]
 */
export function niceTicks(min: number, max: number, count: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(max > min) || !(count >= 1)) return [];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)) || 0);
  return ticks;
}
