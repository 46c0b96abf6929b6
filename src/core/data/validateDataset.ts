import type { Dataset } from './dataset';
import { DatasetError, type DatasetPlace } from './datasetError';
import { DATASET_LIMITS, formatCount } from './datasetLimits';

/** Names a value of the data set the way its file shows it: `x2` on line 7, `X[0, 17]` in an array. */
export interface ValueLocation extends DatasetPlace {
  name: string;
}

/** Maps (example, feature) to its place in the file; `feature` is `undefined` for the label. */
export type ValueLocator = (example: number, feature: number | undefined) => ValueLocation;

/** Default locator: notebook indices, `X[feature, example]` and `Y[0, example]`. */
const notebookLocator: ValueLocator = (example, feature) =>
  feature === undefined ? { name: `Y[0, ${example}]` } : { name: `X[${feature}, ${example}]` };

/**
 * The checks every format shares, on a data set already in the notebook's shapes.
 * Throws a DatasetError naming the first problem and its place; returns the data set unchanged.
 *
 * @example
 * validateDataset({ X: fromNested([[0.1, 0.2]]), Y: fromNested([[1, 1]]) }, 'd.csv'); // throws 'd.csv: one class only: all 2 labels are 1; ...'
 */
export function validateDataset(ds: Dataset, file: string, locate: ValueLocator = notebookLocator): Dataset {
  const { X, Y } = ds;
  const m = X.cols;
  if (Y.rows !== 1 || Y.cols !== m) {
    throw new DatasetError(file, `expected one label per example: X has ${m} examples, Y has shape (${Y.rows}, ${Y.cols})`);
  }
  if (m === 0) throw new DatasetError(file, 'no examples: the file holds no data rows');
  if (X.rows === 0) throw new DatasetError(file, 'no features: each example needs at least one value besides its label');
  if (m > DATASET_LIMITS.maxExamples) {
    throw new DatasetError(
      file,
      `too large: ${formatCount(m)} examples, the limit is ${formatCount(DATASET_LIMITS.maxExamples)}; train on a sample`,
    );
  }
  if (X.rows > DATASET_LIMITS.maxFeatures) {
    throw new DatasetError(file, `too many features: ${formatCount(X.rows)}, the limit is ${formatCount(DATASET_LIMITS.maxFeatures)}`);
  }
  if (X.rows * m > DATASET_LIMITS.maxValues) {
    throw new DatasetError(
      file,
      `too large: ${formatCount(X.rows)} features x ${formatCount(m)} examples = ${formatCount(X.rows * m)} values, ` +
        `the limit is ${formatCount(DATASET_LIMITS.maxValues)}`,
    );
  }
  if (m < DATASET_LIMITS.minExamples) {
    throw new DatasetError(file, `too few examples: found ${m}, need at least ${DATASET_LIMITS.minExamples}`);
  }
  for (let f = 0; f < X.rows; f++) {
    const row = f * m;
    for (let e = 0; e < m; e++) {
      const v = X.data[row + e]!;
      if (!Number.isFinite(v)) {
        const at = locate(e, f);
        throw new DatasetError(file, `${at.name} is ${String(v)}: remove or fix this example`, at);
      }
    }
  }
  let ones = 0;
  for (let e = 0; e < m; e++) {
    const v = Y.data[e]!;
    if (v === 1) ones++;
    else if (v !== 0) {
      const at = locate(e, undefined);
      throw new DatasetError(file, `${at.name} is ${String(v)}: labels must be 0 or 1`, at);
    }
  }
  if (ones === 0 || ones === m) {
    throw new DatasetError(
      file,
      `one class only: all ${formatCount(m)} labels are ${ones === 0 ? 0 : 1}; a classifier needs examples of both 0 and 1`,
    );
  }
  return ds;
}
