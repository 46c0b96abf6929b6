import type { Matrix } from '../linalg/matrix';
import { assertSameShape } from '../linalg/ops';

/**
 * One example's binary cross-entropy, `-log(a) * y + -log(1 - a) * (1 - y)`, written as the notebook
 * writes it (the trainer's kernels add these terms in their own order but with the same bits).
 *
 * @example
 * crossEntropyTerm(0.5, 1); // Math.LN2
 */
export function crossEntropyTerm(a: number, y: number): number {
  return -Math.log(a) * y + -Math.log(1 - a) * (1 - y);
}

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
    total += crossEntropyTerm(AL.data[i]!, Y.data[i]!);
  }
  return (1 / Y.cols) * total;
}
