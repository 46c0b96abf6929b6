import type { Matrix } from '../linalg/matrix';
import { assertSameShape } from '../linalg/ops';

/**
 * The notebook's `compute_cost`: mean binary cross-entropy over the columns,
 * `(1/m) * sum(-log(a) * y + -log(1 - a) * (1 - y))`.
 *
 * @example
 * computeCost(fromNested([[0.5, 0.5]]), fromNested([[1, 0]])); // Math.LN2
 */
export function computeCost(AL: Matrix, Y: Matrix): number {
  assertSameShape(AL, Y, 'computeCost(AL, Y)');
  let total = 0;
  for (let i = 0; i < AL.data.length; i++) {
    const a = AL.data[i]!;
    const y = Y.data[i]!;
    total += -Math.log(a) * y + -Math.log(1 - a) * (1 - y);
  }
  return (1 / Y.cols) * total;
}
