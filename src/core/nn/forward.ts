import type { Matrix } from '../linalg/matrix';
import { add, map, matmul } from '../linalg/ops';
import { sigmoid, relu } from './activations';
import { entry, layerCount, type Parameters } from './parameters';

/** What one layer keeps for the backward pass: `z = W a_prev + b`, its activation `a`, and `W`, `b`. */
export interface LayerCache {
  readonly z: Matrix;
  readonly a: Matrix;
  readonly W: Matrix;
  readonly b: Matrix;
}

/** One cache per layer, layer 1 first (the notebook's `(z1, a1, W1, b1, z2, ...)` tuple). */
export type ForwardCaches = readonly LayerCache[];

/**
 * The notebook's `forward_propagation` for any depth: LINEAR -> RELU for the hidden layers,
 * LINEAR -> SIGMOID for the last. `X` holds one example per column.
 *
 * @example
 * const { AL } = forwardPropagation(X, initializeParameters([2, 5, 2, 1])); // AL is 1 x m
 */
export function forwardPropagation(X: Matrix, parameters: Parameters): { AL: Matrix; caches: ForwardCaches } {
  const L = layerCount(parameters);
  if (L < 1) throw new RangeError('parameters holds no layer (expected keys W1, b1, ...)');
  const caches: LayerCache[] = [];
  let a = X;
  for (let l = 1; l <= L; l++) {
    const W = entry(parameters, `W${l}`);
    const b = entry(parameters, `b${l}`);
    const z = add(matmul(W, a), b);
    a = map(z, l === L ? sigmoid : relu);
    caches.push({ z, a, W, b });
  }
  return { AL: a, caches };
}
