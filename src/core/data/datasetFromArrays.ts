import type { Dataset, NumericArray } from './dataset';
import { DatasetError } from './datasetError';
import { validateDataset, type ValueLocator } from './validateDataset';

/**
 * A shape as numpy prints it.
 *
 * @example
 * [formatShape([2, 300]), formatShape([300])]; // ['(2, 300)', '(300,)']
 */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/**
 * Builds a validated data set from two arrays read out of a file (.npy, .npz, .mat, JSON).
 * X may hold examples as columns (the notebook's features x m) or as rows (m x features,
 * as scikit-learn and MATLAB keep them): the dimension whose length equals the number of
 * labels counts the examples. A square X is taken in the notebook's orientation.
 *
 * @example
 * const x = { shape: [3, 2], data: Float64Array.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6) }; // 3 examples as rows
 * datasetFromArrays(x, { shape: [3], data: Float64Array.of(1, 0, 1) }, 'd.npz').X; // [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]
 */
export function datasetFromArrays(
  x: NumericArray,
  y: NumericArray,
  file: string,
  keys: { x: string; y: string } = { x: 'X', y: 'Y' },
): Dataset {
  const labelDims = y.shape.filter((d) => d !== 1);
  if (labelDims.length > 1) {
    throw new DatasetError(file, `${keys.y}: labels must be a single row or column, found shape ${formatShape(y.shape)}`, { key: keys.y });
  }
  const m = y.data.length;
  let rows: number;
  let cols: number;
  if (x.shape.length === 1) {
    rows = 1; // one feature per example
    cols = x.shape[0]!;
  } else if (x.shape.length === 2) {
    rows = x.shape[0]!;
    cols = x.shape[1]!;
  } else {
    throw new DatasetError(file, `${keys.x}: expected a 2-D array of features, found shape ${formatShape(x.shape)}`, { key: keys.x });
  }

  let transposed: boolean;
  if (cols === m) transposed = false;
  else if (rows === m && x.shape.length === 2) transposed = true;
  else {
    throw new DatasetError(
      file,
      `${keys.x} has shape ${formatShape(x.shape)} but ${keys.y} has ${m} labels: ` +
        `one dimension of ${keys.x} must count the examples`,
      { key: keys.x },
    );
  }
  const features = transposed ? cols : rows;
  const X = new Float64Array(features * m);
  if (transposed) {
    for (let e = 0; e < m; e++) for (let f = 0; f < features; f++) X[f * m + e] = x.data[e * features + f]!;
  } else {
    X.set(x.data);
  }
  const Y = Float64Array.from(y.data);

  const labelIndex = (e: number): string =>
    y.shape.length === 1 ? `${e}` : y.shape[0] === 1 ? `0, ${e}` : `${e}, 0`;
  const locate: ValueLocator = (e, f) => {
    if (f === undefined) return { key: keys.y, name: `${keys.y}[${labelIndex(e)}]` };
    const index = x.shape.length === 1 ? `${e}` : transposed ? `${e}, ${f}` : `${f}, ${e}`;
    return { key: keys.x, name: `${keys.x}[${index}]` };
  };
  return validateDataset({ X: { rows: features, cols: m, data: X }, Y: { rows: 1, cols: m, data: Y } }, file, locate);
}
