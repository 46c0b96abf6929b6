import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetError } from '../../../src/core/data/datasetError';
import { readDataset } from '../../../src/core/data/readDataset';
import { DATASETS, fixtureBytes } from './fixtures';

// Each malformed file of test/fixtures/datasets/bad and the one message it must produce:
// the whole message, so a test fails when the place (line, column, key) or the wording regresses.
const EXPECTED: Record<string, string> = {
  'array.json': 'array.json: expected an object like {"X": [[...], [...]], "Y": [[...]]}',
  'binary.csv': 'binary.csv: not UTF-8 text: is this a binary file with a text extension?',
  'blank-lines.csv': 'blank-lines.csv: empty file: expected lines like `x1,x2,y` then `0.5,1.2,1`',
  'cell.mat': 'cell.mat: X is a cell array, not a numeric matrix',
  'complex.mat': 'complex.mat: X is complex; labels and features must be real numbers',
  'damaged-compressed.mat': 'damaged-compressed.mat: damaged compressed variable: invalid distance',
  'empty-cell.csv': 'empty-cell.csv:4:2: empty value in column x2',
  'empty.csv': 'empty.csv: empty file',
  'header-only.csv': 'header-only.csv: no examples: the file holds no data rows',
  'infinity.csv': 'infinity.csv:3:2: x2 is -Infinity: remove or fix this example',
  'label-2.csv': 'label-2.csv:5:3: label y is 2: labels must be 0 or 1',
  'label-fraction.csv': 'label-fraction.csv:5:3: label y is 0.5: labels must be 0 or 1',
  'label-only.csv': 'label-only.csv: no features: each example needs at least one value besides its label',
  'labels-matrix.json': 'labels-matrix.json: Y: labels must be a single row or column, found shape (2, 2)',
  'labels-minus-one.npz': 'labels-minus-one.npz: Y[0, 1] is -1: labels must be 0 or 1',
  'lonely_X.npy': 'lonely_X.npy: one .npy file holds one array: the labels should be beside it in lonely_Y.npy',
  'missing-y.json': 'missing-y.json: no label array: expected arrays named X and Y (or train_X and train_Y), found "X"',
  'nan.csv': 'nan.csv:4:1: x1 is NaN: remove or fix this example',
  'nan.json': "nan.json:1:27: NaN is not a number JSON can hold (Python's json writes it anyway): remove or fix this example",
  'nan.npz': 'nan.npz: train_X[1, 2] is NaN: remove or fix this example',
  'non-numeric.csv': 'non-numeric.csv:3:2: "abc" in column x2 is not a number',
  'not-mat.mat': 'not-mat.mat: not a MATLAB v5 .mat file (its header does not start with "MATLAB 5.0 MAT-file")',
  'not-zip.npz': 'not-zip.npz: not an .npz archive (a zip file, as np.savez writes)',
  'object_X.npy': 'object_X.npy: holds Python objects (pickled): save a numeric array, e.g. np.save(f, X.astype(float))',
  'one-class.csv': 'one-class.csv: one class only: all 3 labels are 1; a classifier needs examples of both 0 and 1',
  'one-class.mat': 'one-class.mat: one class only: all 3 labels are 0; a classifier needs examples of both 0 and 1',
  'one-example.csv': 'one-example.csv: too few examples: found 1, need at least 2',
  'ragged.csv': 'ragged.csv:5: expected 3 values, found 2',
  'ragged.json': 'ragged.json: X[1] has 2 values, expected 3 like X[0]',
  'shape-mismatch.json': 'shape-mismatch.json: X has shape (2, 2) but Y has 3 labels: one dimension of X must count the examples',
  'string-cell.json': 'string-cell.json: X[0][1] is "-0.3", not a number',
  'syntax.json': "syntax.json:3:1: not valid JSON: Expected ',' or ']' after array element",
  'text_X.npy': 'text_X.npy: not a NumPy .npy file (it does not start with \\x93NUMPY)',
  'three-d.npz': 'three-d.npz: X: expected a 2-D array of features, found shape (2, 3, 4)',
  'truncated_X.npy': 'truncated_X.npy: truncated: shape (2, 3) needs 48 bytes of data, found 43',
  'unclosed-quote.csv': 'unclosed-quote.csv:3: this double quote (") is never closed',
  'unknown.xlsx': 'unknown.xlsx: unknown data-set format: use .csv, .json, .npy (X and Y pair), .npz or .mat',
  'v73.mat': 'v73.mat: MATLAB v7.3 (HDF5) files are not supported: save with `save(f, "X", "y", "-v7")` or scipy.io.savemat',
  'wrong-keys.npz': 'wrong-keys.npz: no feature array: expected arrays named X and Y (or train_X and train_Y), found "features", "targets"',
};

/** `*_Y.npy` files are the (valid) other halves of the `*_X.npy` cases. */
const companions = new Set(['truncated_Y.npy', 'object_Y.npy', 'text_Y.npy']);

test('every file of the bad corpus has an expected message, and every expected message a file', () => {
  const files = readdirSync(join(DATASETS, 'bad')).filter((f) => !companions.has(f));
  assert.deepEqual(files.sort(), Object.keys(EXPECTED).sort());
});

for (const [file, message] of Object.entries(EXPECTED)) {
  test(`${file}: ${message.slice(file.length + 2)}`, () => {
    const companionName = file === 'lonely_X.npy' ? undefined : file.endsWith('_X.npy') ? file.replace('_X', '_Y') : undefined;
    const companion = companionName && { bytes: fixtureBytes('bad', companionName), fileName: companionName };
    assert.throws(
      () => readDataset(fixtureBytes('bad', file), file, companion || undefined),
      (e: unknown) => {
        assert.ok(e instanceof DatasetError, `expected a DatasetError, got ${String(e)}`);
        assert.equal(e.message, message);
        assert.equal(e.file, file);
        assert.ok(!e.message.includes('\n'), 'one line');
        return true;
      },
    );
  });
}

test('the place is also given as fields, for editors to jump to', () => {
  try {
    readDataset(fixtureBytes('bad', 'non-numeric.csv'), 'non-numeric.csv');
    assert.fail('no error');
  } catch (e) {
    assert.ok(e instanceof DatasetError);
    assert.deepEqual([e.line, e.column, e.detail], [3, 2, '"abc" in column x2 is not a number']);
  }
  try {
    readDataset(fixtureBytes('bad', 'nan.npz'), 'nan.npz');
    assert.fail('no error');
  } catch (e) {
    assert.ok(e instanceof DatasetError);
    assert.equal(e.key, 'train_X');
  }
});
