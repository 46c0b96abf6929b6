import type { Matrix } from '../linalg/matrix';
import { assertSameShape, zerosLike } from '../linalg/ops';
import { entry, layerCount, type Grads, type Parameters } from '../nn/parameters';

/**
 * The notebook's `initialize_velocity`: zeros shaped like each parameter, keyed dW1, db1, ...
 *
 * @example
 * initializeVelocity(initializeParameters([2, 5, 2, 1])).dW1; // 5 x 2 zeros
 */
export function initializeVelocity(parameters: Parameters): Grads {
  const v: Grads = {};
  for (let l = 1; l <= layerCount(parameters); l++) {
    v[`dW${l}`] = zerosLike(entry(parameters, `W${l}`));
    v[`db${l}`] = zerosLike(entry(parameters, `b${l}`));
  }
  return v;
}

/**
 * The notebook's `update_parameters_with_momentum`: `v = beta v + (1 - beta) dW`, then
 * `W = W - learning_rate v` (the same for b). Returns new dictionaries; the inputs are left as they were.
 *
 * @example
 * const { parameters, grads, v } = updateParametersWithMomentumTestCase();
 * updateParametersWithMomentum(parameters, grads, v, 0.9, 0.01).v.dW1; // [[-0.11006192, ...], ...]
 */
export function updateParametersWithMomentum(
  parameters: Parameters,
  grads: Grads,
  v: Grads,
  beta: number,
  learningRate: number,
): { parameters: Parameters; v: Grads } {
  const out = { parameters: {} as Parameters, v: {} as Grads };
  for (let l = 1; l <= layerCount(parameters); l++) {
    for (const p of [`W${l}`, `b${l}`]) {
      const g = `d${p}`;
      const [w, d, vPrev] = [entry(parameters, p), entry(grads, g), entry(v, g)];
      assertSameShape(w, d, `${p} and grads ${g}`);
      assertSameShape(w, vPrev, `${p} and v ${g}`);
      const vNext = new Float64Array(w.data.length);
      const wNext = new Float64Array(w.data.length);
      for (let i = 0; i < w.data.length; i++) {
        vNext[i] = beta * vPrev.data[i]! + (1 - beta) * d.data[i]!;
        wNext[i] = w.data[i]! - learningRate * vNext[i]!;
      }
      out.v[g] = like(w, vNext);
      out.parameters[p] = like(w, wNext);
    }
  }
  return out;
}

function like(shape: Matrix, data: Float64Array): Matrix {
  return { rows: shape.rows, cols: shape.cols, data };
}
