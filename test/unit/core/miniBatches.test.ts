import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromNested } from '../../../src/core/linalg/matrix';
import { sum } from '../../../src/core/linalg/ops';
import { randomMiniBatchesTestCase } from '../../../src/core/testCases/notebookTestCases';
import { randomMiniBatches } from '../../../src/core/reference/miniBatches';
import { assertBitwise, assertClose, assertMatrixClose, loadFixture, type Nested } from './numpyFixtures';

interface SummaryBatch {
  X_shape: [number, number];
  Y_shape: [number, number];
  X_sum: number;
  X_sum_squares: number;
  X_samples: [number, number, number][];
  Y: Nested;
}
interface FullBatch {
  X_shape: [number, number];
  Y_shape: [number, number];
  X: Nested;
  Y: Nested;
}
interface Fixture {
  notebook: {
    X_shape: [number, number];
    X_sum: number;
    X_sum_squares: number;
    X_samples: [number, number, number][];
    Y: Nested;
    permutation: number[];
    batches: SummaryBatch[];
  };
  edges: { name: string; X: Nested; Y: Nested; mini_batch_size: number; seed: number; batches: FullBatch[] }[];
}
const fixture = loadFixture<Fixture>('miniBatches.json');

describe("randomMiniBatches on the notebook's test case (12288 x 148, batch 64, seed 0)", () => {
  const { X, Y, miniBatchSize } = randomMiniBatchesTestCase();
  const nb = fixture.notebook;

  it('builds the same inputs as testCases.py (shape, sampled elements, checksums, labels)', () => {
    assert.deepEqual([X.rows, X.cols], nb.X_shape);
    // randn goes through log(): an ulp or two apart from numpy's in a few per cent of draws.
    for (const [i, j, v] of nb.X_samples) assertClose([X.data[i * X.cols + j]!], [v], 1e-15, 0, `X[${i}, ${j}]`);
    assertClose([sum(X)], [nb.X_sum], 1e-12, 0, 'sum(X)');
    assertClose([X.data.reduce((a, x) => a + x * x, 0)], [nb.X_sum_squares], 1e-12, 0, 'sum(X**2)');
    assertMatrixClose(Y, nb.Y, 0, 0, 'Y');
  });

  it('cuts the same batches as numpy', () => {
    const batches = randomMiniBatches(X, Y, miniBatchSize);
    assert.equal(batches.length, nb.batches.length);
    batches.forEach(([bx, by], k) => {
      const e = nb.batches[k]!;
      assert.deepEqual([[bx.rows, bx.cols], [by.rows, by.cols]], [e.X_shape, e.Y_shape], `batch ${k} shapes`);
      for (const [i, j, v] of e.X_samples) assertClose([bx.data[i * bx.cols + j]!], [v], 1e-15, 0, `batch ${k} X[${i}, ${j}]`);
      assertClose([sum(bx)], [e.X_sum], 1e-12, 1e-9, `batch ${k} sum(X)`);
      assertClose([bx.data.reduce((a, x) => a + x * x, 0)], [e.X_sum_squares], 1e-12, 0, `batch ${k} sum(X**2)`);
      assertMatrixClose(by, e.Y, 0, 0, `batch ${k} Y`);
    });
  });
});

describe('randomMiniBatches at edge sizes, against numpy bit for bit', () => {
  for (const edge of fixture.edges) {
    it(`${edge.name} (m = ${edge.X[0]!.length}, batch ${edge.mini_batch_size}, seed ${edge.seed})`, () => {
      const batches = randomMiniBatches(fromNested(edge.X), fromNested(edge.Y), edge.mini_batch_size, edge.seed);
      assert.equal(batches.length, edge.batches.length, 'number of batches');
      batches.forEach(([bx, by], k) => {
        const e = edge.batches[k]!;
        assert.deepEqual([[bx.rows, bx.cols], [by.rows, by.cols]], [e.X_shape, e.Y_shape], `batch ${k} shapes`);
        assertBitwise(bx.data, fromNested(e.X).data, `batch ${k} X`);
        assertBitwise(by.data, fromNested(e.Y).data, `batch ${k} Y`);
      });
    });
  }

  it('keeps every column exactly once, X and Y shuffled together', () => {
    const m = 11;
    const X = fromNested([Array.from({ length: m }, (_, j) => j), Array.from({ length: m }, (_, j) => 100 + j)]);
    const Y = fromNested([Array.from({ length: m }, (_, j) => -j)]);
    const batches = randomMiniBatches(X, Y, 4, 5);
    assert.deepEqual(batches.map(([bx]) => bx.cols), [4, 4, 3]);
    const seen = batches.flatMap(([bx, by]) =>
      Array.from({ length: bx.cols }, (_, j) => {
        const col = bx.data[j]!;
        assert.equal(bx.data[bx.cols + j], 100 + col);
        assert.equal(by.data[j], -col);
        return col;
      }),
    );
    assert.deepEqual([...seen].sort((a, b) => a - b), Array.from({ length: m }, (_, j) => j));
  });

  it('refuses a batch size that is not a positive integer and X, Y of different lengths', () => {
    const X = fromNested([[1, 2, 3]]);
    assert.throws(() => randomMiniBatches(X, fromNested([[1, 0, 1]]), 0), /mini_batch_size must be a positive integer, got 0/);
    assert.throws(() => randomMiniBatches(X, fromNested([[1, 0, 1]]), 1.5), /positive integer/);
    assert.throws(() => randomMiniBatches(X, fromNested([[1, 0]]), 2), /X has 3 examples \(columns\) but Y has 2/);
  });
});
