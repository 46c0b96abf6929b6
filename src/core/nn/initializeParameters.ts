import { matrix } from '../linalg/matrix';
import { RandomState } from '../random/randomState';
import type { Parameters } from './parameters';

/**
 * He initialization as the notebook's `initialize_parameters`: seeds numpy's generator with
 * `seed` (3), then `W_l = randn(n_l, n_{l-1}) * sqrt(2 / n_{l-1})`, `b_l = 0`, drawn W1, W2, ...
 *
 * @example
 * initializeParameters([2, 5, 2, 1]); // W1 (5x2), b1 (5x1), W2 (2x5), b2, W3 (1x2), b3
 */
export function initializeParameters(layersDims: readonly number[], seed = 3): Parameters {
  if (layersDims.length < 2 || layersDims.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new RangeError(`layers_dims must hold at least two positive integers, got [${layersDims.join(', ')}]`);
  }
  const rs = new RandomState(seed);
  const parameters: Parameters = {};
  for (let l = 1; l < layersDims.length; l++) {
    const rows = layersDims[l]!;
    const cols = layersDims[l - 1]!;
    const w = rs.randn(rows, cols);
    const scale = Math.sqrt(2 / cols);
    for (let i = 0; i < w.length; i++) w[i] = w[i]! * scale;
    parameters[`W${l}`] = { rows, cols, data: w };
    parameters[`b${l}`] = matrix(rows, 1);
  }
  return parameters;
}
