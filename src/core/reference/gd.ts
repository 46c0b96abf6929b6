import type { Matrix } from '../linalg/matrix';
import { assertSameShape } from '../linalg/ops';
import { entry, layerCount, type Grads, type Parameters } from '../nn/parameters';

/**
 * The notebook's `update_parameters_with_gd`: `W_l - learning_rate * dW_l`, `b_l - learning_rate * db_l`.
 * Returns a new dictionary; `parameters` is left as it was.
 *
 * @example
 * const { parameters, grads, learningRate } = updateParametersWithGdTestCase();
 * updateParametersWithGd(parameters, grads, learningRate).W1; // [[1.63535156, ...], ...]
 */
export function updateParametersWithGd(parameters: Parameters, grads: Grads, learningRate: number): Parameters {
  const out: Parameters = {};
  for (let l = 1; l <= layerCount(parameters); l++) {
    for (const p of [`W${l}`, `b${l}`]) out[p] = step(entry(parameters, p), entry(grads, `d${p}`), learningRate, `${p} and d${p}`);
  }
  return out;
}

function step(w: Matrix, d: Matrix, learningRate: number, what: string): Matrix {
  assertSameShape(w, d, what);
  const out = new Float64Array(w.data.length);
  for (let i = 0; i < out.length; i++) out[i] = w.data[i]! - learningRate * d.data[i]!;
  return { rows: w.rows, cols: w.cols, data: out };
}
