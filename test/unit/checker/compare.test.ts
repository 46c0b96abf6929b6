import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromNested } from '../../../src/core/linalg/matrix';
import { findMismatch, sameValue } from '../../../src/checker/compare';
import { formatValue } from '../../../src/checker/formatValue';
import { pyDictOf, pyFloat, pyMatrix, pyTuple, type PyValue } from '../../../src/checker/pyValue';
import { compareResult } from '../../../src/checker/resultComparison';

const m = (rows: number[][]) => fromNested(rows);
const array = (rows: number[][]) => pyMatrix(m(rows));
const vector = (values: number[]): PyValue => ({ kind: 'array', dtype: '<f8', shape: [values.length], data: Float64Array.from(values) });

describe('findMismatch', () => {
  it("accepts differences within numpy's allclose (rtol 1e-5, atol 1e-8) and names the first element outside it", () => {
    const expected = array([[1, 2], [3, 4]]);
    assert.equal(findMismatch(expected, array([[1 + 9e-6, 2], [3, 4 - 4e-5]]), 'W'), undefined);
    const m = findMismatch(expected, array([[1, 2], [3.1, 4.5]]), 'parameters["W1"]');
    assert.equal(m?.kind, 'value');
    assert.deepEqual(m?.index, [1, 0]);
    assert.equal(m?.expected, 3);
    assert.equal(m?.actual, 3.1);
    assert.ok(Math.abs(m!.maxAbsError! - 0.5) < 1e-12);
    assert.ok(Math.abs(m!.maxRelError! - 0.125) < 1e-12);
    assert.match(m!.message, /^parameters\["W1"\]\[1\]\[0\]: expected 3\., got 3\.1 /);
  });

  it('reports shapes as numpy prints them, missing and extra keys, None and NaN', () => {
    assert.equal(findMismatch(array([[0, 0, 0]]), vector([0, 0, 0]), 'v["dW1"]')?.message, 'v["dW1"] has shape (3,), expected (1, 3)');
    const dict = pyDictOf({ W1: m([[1]]), b1: m([[0]]) });
    const missing = findMismatch(dict, pyDictOf({ W1: m([[1]]) }), 'parameters');
    assert.equal(missing?.kind, 'missing-key');
    assert.deepEqual(missing?.actualKeys, ['W1']);
    const extra = findMismatch(pyDictOf({ W1: m([[1]]) }), dict, 'parameters');
    assert.equal(extra?.message, 'parameters has an unexpected key "b1"');
    assert.equal(findMismatch(dict, { kind: 'none' }, 'parameters')?.message, 'parameters is None, expected a dict');
    assert.equal(findMismatch(array([[1]]), array([[NaN]]), 'W')?.kind, 'value');
    assert.ok(sameValue(array([[NaN]]), array([[NaN]])), 'NaN matches NaN when matching mistakes');
  });

  it('says the same of an array it shares with the expected value (a proven `same` answer) as of a copy', () => {
    const expected = array([[1, NaN], [3, 4]]);
    const shared: PyValue = { ...expected };
    const copy: PyValue = { ...expected, data: Float64Array.from((expected as { data: Float64Array }).data) };
    assert.deepEqual(findMismatch(expected, shared, 'W'), findMismatch(expected, copy, 'W'));
    assert.equal(findMismatch(expected, shared, 'W')?.index?.join(','), '0,1');
    assert.equal(sameValue(expected, shared), sameValue(expected, copy));
    const clean = array([[1, 2]]);
    assert.equal(findMismatch(clean, { ...clean }, 'W'), undefined);
  });

  it('treats lists and tuples alike and bools as 0 and 1', () => {
    const t = pyTuple([pyFloat(1), array([[1, 0]])]);
    assert.equal(findMismatch(t, { kind: 'list', items: [pyFloat(1), array([[1, 0]])] }, 'x'), undefined);
    const bools: PyValue = { kind: 'array', dtype: '|b1', shape: [1, 2], data: Float64Array.from([1, 0]) };
    assert.equal(findMismatch(bools, array([[1, 0]]), 'Y'), undefined);
  });
});

describe('compareResult', () => {
  const parameters = pyDictOf({ W1: m([[1]]) });
  const v = pyDictOf({ dW1: m([[2]]) });
  const five = pyTuple([parameters, v, v, v, v]);

  it("accepts Adam's three and five return values and names the tuple items as the notebook does", () => {
    assert.equal(compareResult('update_parameters_with_adam', five, pyTuple([parameters, v, v])), undefined);
    assert.equal(compareResult('update_parameters_with_adam', five, five), undefined);
    assert.match(compareResult('update_parameters_with_adam', five, pyTuple([parameters, v]))!.message, /returned 2 values, expected 3 \(parameters, v, s\) or 5/);
    const wrongS = compareResult('update_parameters_with_adam', five, pyTuple([parameters, v, pyDictOf({ dW1: m([[3]]) })]));
    assert.equal(wrongS?.key, 's["dW1"]');
    assert.match(compareResult('initialize_adam', pyTuple([v, v]), v)!.message, /returned a single dict, expected 2 values \(v, s\)/);
  });
});

describe('formatValue', () => {
  it('prints arrays like numpy and shortens big ones', () => {
    assert.equal(formatValue(array([[1.63535156, -0.62320365], [1e-9, 0]])), '[[ 1.63535156 -0.62320365]\n [     1.e-09          0.]]');
    const big = formatValue(pyMatrix({ rows: 100, cols: 100, data: new Float64Array(10000) }));
    assert.ok(big.includes('...') && big.split('\n').length < 10);
  });
});
