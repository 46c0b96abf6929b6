import type { NetworkLayout } from './networkLayout';

/**
 * The notebook's `predict` accuracy on flat parameters: label 1 where the sigmoid output is
 * > 0.5, then the mean of (prediction == label) over every example (and output unit).
 *
 * @example
 * flatAccuracy(layout, params, xt, yt, m); // 0.94 after the notebook's Adam run
 */
export function flatAccuracy(layout: NetworkLayout, params: Float64Array, xt: Float64Array, yt: Float64Array, m: number): number {
  const { dims, layers: L, wOffset, bOffset } = layout;
  const widest = Math.max(...dims);
  let prev = new Float64Array(widest);
  let next = new Float64Array(widest);
  const n0 = dims[0]!;
  const nL = dims[L]!;
  let correct = 0;
  for (let j = 0; j < m; j++) {
    for (let k = 0; k < n0; k++) prev[k] = xt[j * n0 + k]!;
    for (let l = 1; l <= L; l++) {
      const rows = dims[l]!;
      const cols = dims[l - 1]!;
      const w = wOffset[l - 1]!;
      for (let i = 0; i < rows; i++) {
        let z = params[w + i * cols]! * prev[0]!;
        for (let k = 1; k < cols; k++) z += params[w + i * cols + k]! * prev[k]!;
        z += params[bOffset[l - 1]! + i]!;
        next[i] = l < L ? Math.max(0, z) : 1 / (1 + Math.exp(-z));
      }
      [prev, next] = [next, prev];
    }
    for (let i = 0; i < nL; i++) {
      const predicted = prev[i]! > 0.5 ? 1 : 0;
      if (predicted === yt[j * nL + i]) correct++;
    }
  }
  return correct / (m * nL);
}
