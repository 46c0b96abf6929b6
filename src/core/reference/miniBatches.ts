import type { Matrix } from '../linalg/matrix';
import { selectColumns, sliceColumns } from '../linalg/ops';
import { RandomState } from '../random/randomState';

/**
 * The notebook's `random_mini_batches`: seeds a fresh generator with `seed`, shuffles the columns
 * of X and Y by the same `permutation(m)`, and cuts them into batches of `miniBatchSize`
 * columns; the last batch keeps what is left (it may be smaller).
 *
 * @example
 * const { X, Y, miniBatchSize } = randomMiniBatchesTestCase();
 * randomMiniBatches(X, Y, miniBatchSize).map(([x, y]) => [x.cols, y.cols]); // [[64, 64], [64, 64], [20, 20]]
 */
export function randomMiniBatches(X: Matrix, Y: Matrix, miniBatchSize = 64, seed = 0): Array<[Matrix, Matrix]> {
  if (!Number.isInteger(miniBatchSize) || miniBatchSize < 1) {
    throw new RangeError(`mini_batch_size must be a positive integer, got ${miniBatchSize}`);
  }
  if (X.cols !== Y.cols) {
    throw new RangeError(`X has ${X.cols} examples (columns) but Y has ${Y.cols}`);
  }
  const m = X.cols;
  const permutation = new RandomState(seed).permutation(m);
  const shuffledX = selectColumns(X, permutation);
  const shuffledY = selectColumns(Y, permutation);
  const batches: Array<[Matrix, Matrix]> = [];
  for (let start = 0; start < m; start += miniBatchSize) {
    const end = start + miniBatchSize;
    batches.push([sliceColumns(shuffledX, start, end), sliceColumns(shuffledY, start, end)]);
  }
  return batches;
}
