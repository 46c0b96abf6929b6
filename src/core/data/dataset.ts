import type { Matrix } from '../linalg/matrix';

/** A binary classification data set in the notebook's shapes: X is features x m, Y is 1 x m of 0/1 labels. */
export interface Dataset {
  readonly X: Matrix;
  readonly Y: Matrix;
}

/** A numeric array as stored in a file, C order (the last index varies fastest). */
export interface NumericArray {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}
