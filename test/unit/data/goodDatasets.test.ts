import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDataset } from '../../../src/core/data/readDataset';
import { toNested } from '../../../src/core/linalg/matrix';
import { expectedMoons, fixtureBytes } from './fixtures';

// Every file holds the same 300 moons (made by numpy in make_datasets.py), in a different format or orientation.
const SAME_MOONS: [file: string, companion?: string][] = [
  ['moons.csv'],
  ['moons-no-header.csv'],
  ['moons.tsv'],
  ['moons-savetxt.txt'],
  ['moons-label-first.csv'],
  ['moons.json'],
  ['moons-rows.json'],
  ['train_X.npy', 'train_Y.npy'],
  ['train_Y.npy', 'train_X.npy'],
  ['rows_X.npy', 'rows_y.npy'],
  ['moons.npz'],
  ['moons-compressed.npz'],
  ['moons.mat'],
  ['moons-compressed.mat'],
];

for (const [file, companion] of SAME_MOONS) {
  test(`${file}${companion ? ` + ${companion}` : ''} gives the notebook's moons exactly`, () => {
    const ds = readDataset(
      fixtureBytes('good', file),
      file,
      companion === undefined ? undefined : { bytes: fixtureBytes('good', companion), fileName: companion },
    );
    const expected = expectedMoons();
    assert.deepEqual([ds.X.rows, ds.X.cols, ds.Y.rows, ds.Y.cols], [2, 300, 1, 300]);
    assert.deepEqual(toNested(ds.X), expected.X);
    assert.deepEqual(toNested(ds.Y), expected.Y);
  });
}

test('float32 arrays are read as the float32 values numpy stored', () => {
  const ds = readDataset(fixtureBytes('good', 'moons-float32.npz'), 'moons-float32.npz');
  const expected = expectedMoons();
  assert.deepEqual(Array.from(ds.X.data), expected.X.flat().map(Math.fround));
  assert.deepEqual(Array.from(ds.Y.data), expected.Y.flat());
});

test('a Node Buffer that is a slice of a larger pool is read at its own offset', () => {
  const bytes = fixtureBytes('good', 'train_X.npy');
  const pool = new Uint8Array(bytes.length + 13);
  pool.set(bytes, 13);
  const ds = readDataset(pool.subarray(13), 'train_X.npy', { bytes: fixtureBytes('good', 'train_Y.npy'), fileName: 'train_Y.npy' });
  assert.deepEqual(toNested(ds.X), expectedMoons().X);
});
