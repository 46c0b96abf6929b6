import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNpyLabelFile, npyCompanionNames, parseNpy } from '../../../src/core/data/npy';
import { fixtureBytes } from './fixtures';

test('the other half of an .npy pair: the last X/Y word of the name is swapped, in both cases', () => {
  assert.deepEqual(npyCompanionNames('train_X.npy'), ['train_Y.npy', 'train_y.npy']);
  assert.deepEqual(npyCompanionNames('data/moons_y.npy'), ['data/moons_X.npy', 'data/moons_x.npy']);
  assert.deepEqual(npyCompanionNames('X_train.npy'), ['Y_train.npy', 'y_train.npy']);
  assert.deepEqual(npyCompanionNames('Xmas.npy'), []);
  assert.deepEqual(npyCompanionNames('features.npy'), []);
});

test('label files of a pair are told from feature files by name', () => {
  assert.equal(isNpyLabelFile('train_Y.npy'), true);
  assert.equal(isNpyLabelFile('y.npy'), true);
  assert.equal(isNpyLabelFile('train_X.npy'), false);
  assert.equal(isNpyLabelFile('yellow.npy'), false);
});

test('a Fortran-order, big-endian .npy is read into C order', () => {
  const a = parseNpy(fixtureBytes('good', 'rows_X.npy'), 'rows_X.npy');
  const c = parseNpy(fixtureBytes('good', 'train_X.npy'), 'train_X.npy');
  assert.deepEqual(a.shape, [300, 2]);
  assert.deepEqual(c.shape, [2, 300]);
  // rows_X is train_X transposed.
  for (let e = 0; e < 300; e++) for (let f = 0; f < 2; f++) assert.equal(a.data[e * 2 + f], c.data[f * 300 + e]);
});
