import type { Matrix } from './matrix';

/** numpy's way of printing a shape, for error messages a Python user recognises: `(2, 44)`. */
function shapeOf(a: Matrix): string {
  return `(${a.rows}, ${a.cols})`;
}

/**
 * Throws unless `a` and `b` have the same shape; `what` names them in the message.
 *
 * @example
 * assertSameShape(fromNested([[1, 2]]), fromNested([[1], [2]]), 'dW1'); // throws 'dW1: shapes (1, 2) and (2, 1) differ'
 */
export function assertSameShape(a: Matrix, b: Matrix, what: string): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new RangeError(`${what}: shapes ${shapeOf(a)} and ${shapeOf(b)} differ`);
  }
}

/**
 * `np.dot(a, b)` for two matrices.
 *
 * @example
 * matmul(fromNested([[1, 2]]), fromNested([[3], [4]])); // [[11]]
 */
export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) {
    throw new RangeError(`shapes ${shapeOf(a)} and ${shapeOf(b)} not aligned: ${a.cols} (dim 1) != ${b.rows} (dim 0)`);
  }
  const rows = a.rows;
  const cols = b.cols;
  const n = a.cols;
  const out = new Float64Array(rows * cols);
  const ad = a.data;
  const bd = b.data;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += ad[i * n + k]! * bd[k * cols + j]!;
      out[i * cols + j] = s;
    }
  }
  return { rows, cols, data: out };
}

/**
 * `a.T`.
 *
 * @example
 * transpose(fromNested([[1, 2, 3]])); // [[1], [2], [3]]
 */
export function transpose(a: Matrix): Matrix {
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = a.data[i * a.cols + j]!;
  }
  return { rows: a.cols, cols: a.rows, data: out };
}

/**
 * `f` applied to every element.
 *
 * @example
 * map(fromNested([[-1, 2]]), (x) => Math.max(0, x)); // [[0, 2]]
 */
export function map(a: Matrix, f: (x: number) => number): Matrix {
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(a.data[i]!);
  return { rows: a.rows, cols: a.cols, data: out };
}

/**
 * `f(a, b)` element by element with numpy's broadcasting of 2-d arrays: a dimension of
 * length 1 stretches to the other's (so `W a + b` adds the column `b` to every column).
 *
 * @example
 * elementwise(fromNested([[1, 2], [3, 4]]), fromNested([[10], [20]]), (x, y) => x + y); // [[11, 12], [23, 24]]
 */
export function elementwise(a: Matrix, b: Matrix, f: (x: number, y: number) => number): Matrix {
  const rows = broadcastDim(a.rows, b.rows, a, b);
  const cols = broadcastDim(a.cols, b.cols, a, b);
  const out = new Float64Array(rows * cols);
  const [ars, acs] = [a.rows === 1 ? 0 : a.cols, a.cols === 1 ? 0 : 1];
  const [brs, bcs] = [b.rows === 1 ? 0 : b.cols, b.cols === 1 ? 0 : 1];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[i * cols + j] = f(a.data[i * ars + j * acs]!, b.data[i * brs + j * bcs]!);
  }
  return { rows, cols, data: out };
}

function broadcastDim(m: number, n: number, a: Matrix, b: Matrix): number {
  if (m === n || n === 1) return m;
  if (m === 1) return n;
  throw new RangeError(`operands could not be broadcast together with shapes ${shapeOf(a)} ${shapeOf(b)}`);
}

/**
 * `a + b` with broadcasting.
 *
 * @example
 * add(fromNested([[1, 2], [3, 4]]), fromNested([[10, 20]])); // [[11, 22], [13, 24]]
 */
export function add(a: Matrix, b: Matrix): Matrix {
  return elementwise(a, b, (x, y) => x + y);
}

/**
 * `a - b` with broadcasting.
 *
 * @example
 * subtract(fromNested([[1, 2], [3, 4]]), fromNested([[1], [2]])); // [[0, 1], [1, 2]]
 */
export function subtract(a: Matrix, b: Matrix): Matrix {
  return elementwise(a, b, (x, y) => x - y);
}

/**
 * `np.multiply(a, b)` with broadcasting.
 *
 * @example
 * multiply(fromNested([[1, 2], [3, 4]]), fromNested([[1, 2], [3, 4]])); // [[1, 4], [9, 16]]
 */
export function multiply(a: Matrix, b: Matrix): Matrix {
  return elementwise(a, b, (x, y) => x * y);
}

/**
 * `k * a`.
 *
 * @example
 * scale(fromNested([[1, 2], [3, 4]]), 0.5); // [[0.5, 1], [1.5, 2]]
 */
export function scale(a: Matrix, k: number): Matrix {
  return map(a, (x) => k * x);
}

/**
 * `np.sum(a, axis=1, keepdims=True)`: one column of row sums.
 *
 * @example
 * sumColumns(fromNested([[1, 2], [3, 4]])); // [[3], [7]]
 *
 * @example
 * sum(fromNested([[1, 2], [3, 4]])); // 10
 */
export function sumColumns(a: Matrix): Matrix {
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    for (let j = 0; j < a.cols; j++) s += a.data[i * a.cols + j]!;
    out[i] = s;
  }
  return { rows: a.rows, cols: 1, data: out };
}

/** `np.sum(a)`: the sum of every element. */
export function sum(a: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += a.data[i]!;
  return s;
}

/**
 * `a[:, indices]`: the columns named by `indices`, in that order.
 *
 * @example
 * selectColumns(fromNested([[1, 2, 3]]), [2, 0]); // [[3, 1]]
 */
export function selectColumns(a: Matrix, indices: ArrayLike<number>): Matrix {
  const cols = indices.length;
  const out = new Float64Array(a.rows * cols);
  for (let j = 0; j < cols; j++) {
    const src = indices[j]!;
    if (!Number.isInteger(src) || src < 0 || src >= a.cols) {
      throw new RangeError(`index ${src} is out of bounds for axis 1 with size ${a.cols}`);
    }
    for (let i = 0; i < a.rows; i++) out[i * cols + j] = a.data[i * a.cols + src]!;
  }
  return { rows: a.rows, cols, data: out };
}

/**
 * `a[:, start:end]` (a copy); like Python, `end` is clipped to the number of columns.
 *
 * @example
 * sliceColumns(fromNested([[1, 2, 3]]), 1, 10); // [[2, 3]]
 */
export function sliceColumns(a: Matrix, start: number, end: number): Matrix {
  const from = Math.min(Math.max(start, 0), a.cols);
  const to = Math.min(Math.max(end, from), a.cols);
  const cols = to - from;
  const out = new Float64Array(a.rows * cols);
  for (let i = 0; i < a.rows; i++) out.set(a.data.subarray(i * a.cols + from, i * a.cols + to), i * cols);
  return { rows: a.rows, cols, data: out };
}

/**
 * `np.zeros(a.shape)`.
 *
 * @example
 * zerosLike(fromNested([[1, 2]])); // [[0, 0]]
 */
export function zerosLike(a: Matrix): Matrix {
  return { rows: a.rows, cols: a.cols, data: new Float64Array(a.data.length) };
}
