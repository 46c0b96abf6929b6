import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromNested, toNested } from '../../../src/core/linalg/matrix';
import { add, elementwise, map, matmul, multiply, scale, selectColumns, sliceColumns, subtract, sum, sumColumns, transpose, zerosLike } from '../../../src/core/linalg/ops';

const A = fromNested([
  [1, 2, 3],
  [4, 5, 6],
]);

describe('matrix ops', () => {
  it('matmul multiplies rows by columns and names misaligned shapes as numpy does', () => {
    assert.deepEqual(toNested(matmul(A, fromNested([[1], [0], [-1]]))), [[-2], [-2]]);
    assert.deepEqual(toNested(matmul(transpose(A), A)), [
      [17, 22, 27],
      [22, 29, 36],
      [27, 36, 45],
    ]);
    assert.throws(() => matmul(fromNested([[1], [2]]), A), /shapes \(2, 1\) and \(2, 3\) not aligned: 1 \(dim 1\) != 2 \(dim 0\)/);
  });

  it('transpose swaps the axes', () => assert.deepEqual(toNested(transpose(A)), [[1, 4], [2, 5], [3, 6]]));

  it('broadcasts a column, a row and a 1x1 like numpy, and refuses the rest', () => {
    assert.deepEqual(toNested(add(A, fromNested([[10], [20]]))), [[11, 12, 13], [24, 25, 26]]);
    assert.deepEqual(toNested(subtract(A, fromNested([[1, 1, 1]]))), [[0, 1, 2], [3, 4, 5]]);
    assert.deepEqual(toNested(multiply(fromNested([[2]]), A)), [[2, 4, 6], [8, 10, 12]]);
    assert.deepEqual(toNested(elementwise(fromNested([[1], [2]]), fromNested([[10, 20]]), (x, y) => x + y)), [[11, 21], [12, 22]]);
    assert.throws(() => add(A, fromNested([[1, 2]])), /could not be broadcast together with shapes \(2, 3\) \(1, 2\)/);
  });

  it('map, scale, sums', () => {
    assert.deepEqual(toNested(map(A, (x) => x * x)), [[1, 4, 9], [16, 25, 36]]);
    assert.deepEqual(toNested(scale(A, 0.5)), [[0.5, 1, 1.5], [2, 2.5, 3]]);
    assert.deepEqual(toNested(sumColumns(A)), [[6], [15]]);
    assert.equal(sum(A), 21);
    assert.deepEqual(toNested(zerosLike(A)), [[0, 0, 0], [0, 0, 0]]);
  });

  it('selects columns by index (repeats allowed) and checks the indices', () => {
    assert.deepEqual(toNested(selectColumns(A, [2, 0, 2])), [[3, 1, 3], [6, 4, 6]]);
    assert.deepEqual(toNested(selectColumns(A, [])), [[], []]);
    assert.throws(() => selectColumns(A, [3]), /index 3 is out of bounds for axis 1 with size 3/);
  });

  it('slices columns like Python, clipping the end', () => {
    assert.deepEqual(toNested(sliceColumns(A, 1, 3)), [[2, 3], [5, 6]]);
    assert.deepEqual(toNested(sliceColumns(A, 2, 100)), [[3], [6]]);
    assert.equal(sliceColumns(A, 3, 5).cols, 0);
  });

  it('never shares storage with its inputs', () => {
    const before = Float64Array.from(A.data);
    const outs = [transpose(A), map(A, (x) => x), scale(A, 1), add(A, zerosLike(A)), selectColumns(A, [0, 1, 2]), sliceColumns(A, 0, 3)];
    for (const out of outs) out.data.fill(-1);
    assert.deepEqual(A.data, before);
  });
});
