import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATASET_LIMITS } from '../../../src/core/data/datasetLimits';
import { readDataset } from '../../../src/core/data/readDataset';
import { validateDataset } from '../../../src/core/data/validateDataset';
import { matrix } from '../../../src/core/linalg/matrix';

test('a file over the byte limit is refused before it is parsed, naming its size and the limit', () => {
  const bytes = new Uint8Array(DATASET_LIMITS.maxBytes + 1);
  assert.throws(() => readDataset(bytes, 'huge.csv'), { message: 'huge.csv: too large: 50 MB, the limit is 50 MB; train on a sample' });
  const bigger = new Uint8Array(73 * 1024 * 1024);
  assert.throws(() => readDataset(bigger, 'huge.npz'), { message: /^huge\.npz: too large: 73 MB, the limit is 50 MB/ });
});

test('more examples than the limit are refused with both numbers', () => {
  const m = DATASET_LIMITS.maxExamples + 1;
  const X = matrix(1, m);
  const Y = matrix(1, m);
  assert.throws(() => validateDataset({ X, Y }, 'many.npz'), {
    message: 'many.npz: too large: 1,000,001 examples, the limit is 1,000,000; train on a sample',
  });
});

test('a CSV just under the example limit still parses (the limits are not hit by ordinary sets)', () => {
  const lines = ['x1,y'];
  for (let i = 0; i < 20000; i++) lines.push(`${i / 20000},${i % 2}`);
  const ds = readDataset(new TextEncoder().encode(lines.join('\n')), 'ramp.csv');
  assert.deepEqual([ds.X.rows, ds.X.cols], [1, 20000]);
  assert.equal(ds.X.data[19999], 19999 / 20000);
});
