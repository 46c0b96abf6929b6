import type { Matrix } from '../../core/linalg/matrix';
import { selectColumns, sliceColumns } from '../../core/linalg/ops';
import { RandomState } from '../../core/random/randomState';
import type { MiniBatchInputs } from '../cases/caseInputs';
import { pyMiniBatches } from '../cases/pythonCall';
import type { PyValue } from '../pyValue';

// random_mini_batches written with a mistake, slicing as numpy slices (an end past the last column is clipped).

export interface MiniBatchVariant {
  /** No end case: the last, smaller mini-batch is missing. */
  dropLast?: boolean;
  /** The end case slices Y's batch from shuffled_X (the notebook's own printed output). */
  lastYFromX?: boolean;
  /** X and Y each indexed by their own `np.random.permutation(m)`, drawn one after the other. */
  separatePermutations?: boolean;
  /** Complete batch k takes columns (k + 1) * size to (k + 2) * size. */
  offsetByOneBatch?: boolean;
  /** No shuffle at all. */
  notShuffled?: boolean;
  /** X shuffled, Y sliced in its original order. */
  yNotShuffled?: boolean;
  /** Shuffled with another seed than the one passed (the default 0, or a hard-coded number). */
  seed?: number;
}

export function miniBatchVariant(inputs: MiniBatchInputs, variant: MiniBatchVariant): PyValue {
  const { X, Y, miniBatchSize: size } = inputs;
  const m = X.cols;
  const rs = new RandomState(variant.seed ?? inputs.seed ?? 0);
  let shuffledX: Matrix = X;
  let shuffledY: Matrix = Y;
  if (!variant.notShuffled) {
    const permutation = rs.permutation(m);
    shuffledX = selectColumns(X, permutation);
    shuffledY = variant.yNotShuffled ? Y : selectColumns(Y, variant.separatePermutations ? rs.permutation(m) : permutation);
  }
  const complete = Math.floor(m / size);
  const batches: Array<[Matrix, Matrix]> = [];
  for (let k = 0; k < complete; k++) {
    const start = (variant.offsetByOneBatch ? k + 1 : k) * size;
    batches.push([sliceColumns(shuffledX, start, start + size), sliceColumns(shuffledY, start, start + size)]);
  }
  if (m % size !== 0 && !variant.dropLast) {
    const start = complete * size;
    batches.push([sliceColumns(shuffledX, start, m), sliceColumns(variant.lastYFromX ? shuffledX : shuffledY, start, m)]);
  }
  return pyMiniBatches(batches, inputs);
}

/** Rows of X that tell the mini-batch variants apart: each variant only moves whole columns. */
const FEW_ROWS = 8;

function firstRows(v: PyValue, rows: number, of: number): PyValue {
  if (v.kind === 'array' && v.shape.length === 2 && v.shape[0] === of) {
    const cols = v.shape[1]!;
    return { ...v, shape: [rows, cols], data: v.data.subarray(0, rows * cols) };
  }
  if (v.kind === 'list' || v.kind === 'tuple') {
    return { kind: v.kind, items: v.items.map((item) => firstRows(item, rows, of)) };
  }
  return v;
}

/**
 * The same mini-batch case on the first rows of X only, with a result cut the same way: re-running the
 * mistaken variants on the notebook's 12288 x 148 input costs a tenth of a second each, on 8 rows nothing.
 */
export function fewRows<T extends { inputs: MiniBatchInputs; expected: PyValue; actual: PyValue | undefined }>(ctx: T): T {
  const X = ctx.inputs.X;
  if (X.rows <= FEW_ROWS) return ctx;
  const inputs: MiniBatchInputs = { ...ctx.inputs, X: { rows: FEW_ROWS, cols: X.cols, data: X.data.subarray(0, FEW_ROWS * X.cols) } };
  return { ...ctx, inputs, expected: firstRows(ctx.expected, FEW_ROWS, X.rows), actual: ctx.actual && firstRows(ctx.actual, FEW_ROWS, X.rows) };
}
