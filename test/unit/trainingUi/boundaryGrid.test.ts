import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeMoons } from '../../../src/core/data/moons';
import { datasetPoints } from '../../../src/extension/training/datasetPoints';
import { boundaryGrid, boundaryProbabilities } from '../../../webview/visualization/boundaryGrid';

test("the grid spans the data with the notebook's margin of 1, top row first", () => {
  const grid = boundaryGrid({ x1: [0, 2], x2: [-1, 1] }, 4);
  assert.deepEqual([grid.xMin, grid.xMax, grid.yMin, grid.yMax], [-1, 3, -2, 2]);
  const n = 16;
  // Cell (row 0, col 0) is the top-left: smallest x1, largest x2, at the cell's centre.
  assert.deepEqual([grid.inputs.data[0], grid.inputs.data[n]], [-0.5, 1.5]);
  assert.deepEqual([grid.inputs.data[n - 1], grid.inputs.data[2 * n - 1]], [2.5, -1.5]);
});

test('a network that outputs sigmoid(x1) is above 0.5 exactly right of x1 = 0', () => {
  const grid = boundaryGrid({ x1: [-1, 1], x2: [-1, 1] }, 10);
  const p = boundaryProbabilities(grid, { W1: { rows: 1, cols: 2, data: [1, 0] }, b1: { rows: 1, cols: 1, data: [0] } });
  for (let k = 0; k < 100; k++) assert.equal(p[k]! > 0.5, grid.inputs.data[k]! > 0, `cell ${k}`);
});

test('the plotted points are the data set\'s, thinned evenly past 3000', () => {
  const small = makeMoons(300, 0.2, 3);
  const points = datasetPoints('moons', 'moons', small);
  assert.deepEqual(points.x1, Array.from(small.X.data.subarray(0, 300)));
  assert.deepEqual(points.labels, Array.from(small.Y.data));
  const big = makeMoons(9000, 0.2, 3);
  assert.equal(datasetPoints('big', 'big', big).x1.length, 3000);
});
