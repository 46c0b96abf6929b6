/** A dense row-major matrix of doubles: element (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * A rows x cols matrix; zeros unless `data` (row-major, length rows * cols) is given.
 *
 * @example
 * matrix(2, 2, [1, 2, 3, 4]); // [[1, 2], [3, 4]]
 */
export function matrix(rows: number, cols: number, data?: ArrayLike<number>): Matrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`Invalid matrix shape (${rows}, ${cols})`);
  }
  const out = new Float64Array(rows * cols);
  if (data !== undefined) {
    if (data.length !== out.length) {
      throw new RangeError(`Data of length ${data.length} does not fit shape (${rows}, ${cols})`);
    }
    out.set(data);
  }
  return { rows, cols, data: out };
}

/**
 * Nested arrays, as numpy's `tolist()` prints them.
 *
 * @example
 * toNested(matrix(2, 2, [1, 2, 3, 4])); // [[1, 2], [3, 4]]
 */
export function toNested(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

/**
 * The inverse of `toNested`; every row must have the same length.
 *
 * @example
 * fromNested([[1, 2], [3, 4]]); // { rows: 2, cols: 2, data: Float64Array [1, 2, 3, 4] }
 */
export function fromNested(rows: readonly (readonly number[])[]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0]!.length;
  const out = new Float64Array(r * c);
  rows.forEach((row, i) => {
    if (row.length !== c) throw new RangeError(`Row ${i} has ${row.length} values, expected ${c}`);
    out.set(row, i * c);
  });
  return { rows: r, cols: c, data: out };
}
