import type { Matrix } from '../linalg/matrix';
import { assertSameShape, elementwise, matmul, scale, subtract, sumColumns, transpose } from '../linalg/ops';
import type { ForwardCaches } from './forward';
import type { Grads } from './parameters';

/**
 * The notebook's `backward_propagation` for any depth: `dz_L = (1/m)(a_L - Y)`,
 * `dW_l = dz_l a_{l-1}^T`, `db_l = sum(dz_l, axis=1)`, `dz_{l-1} = (W_l^T dz_l) * (a_{l-1} > 0)`.
 * The ReLU mask looks at the activation, as the notebook does (same as z > 0).
 *
 * @example
 * const { caches } = forwardPropagation(X, parameters);
 * const grads = backwardPropagation(X, Y, caches); // dW1, db1, ..., dWL, dbL
 */
export function backwardPropagation(X: Matrix, Y: Matrix, caches: ForwardCaches): Grads {
  const L = caches.length;
  const last = caches[L - 1];
  if (last === undefined) throw new RangeError('backwardPropagation needs the caches of at least one layer');
  assertSameShape(last.a, Y, 'backwardPropagation(a_L, Y)');
  const m = X.cols;
  const grads: Grads = {};
  let dz = scale(subtract(last.a, Y), 1 / m);
  for (let l = L; l >= 1; l--) {
    const aPrev = l === 1 ? X : caches[l - 2]!.a;
    grads[`dW${l}`] = matmul(dz, transpose(aPrev));
    grads[`db${l}`] = sumColumns(dz);
    if (l > 1) dz = elementwise(matmul(transpose(caches[l - 1]!.W), dz), aPrev, (d, a) => (a > 0 ? d : 0 * d));
  }
  return orderedByLayer(grads, L);
}

/** The same entries keyed dW1, db1, dW2, ... in that order, as the notebook's dictionary iterates. */
function orderedByLayer(grads: Grads, L: number): Grads {
  const out: Grads = {};
  for (let l = 1; l <= L; l++) {
    out[`dW${l}`] = grads[`dW${l}`]!;
    out[`db${l}`] = grads[`db${l}`]!;
  }
  return out;
}
