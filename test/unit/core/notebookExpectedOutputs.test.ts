// Every "Expected Output" table of the notebook, reproduced from the reference functions fed with
// the notebook's test cases (drawn by the numpy-compatible generator). The numbers below are the
// published tables, copied from the notebook; they are compared with rtol 1e-5 as the grader does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Matrix } from '../../../src/core/linalg/matrix';
import { initializeAdam, updateParametersWithAdam } from '../../../src/core/reference/adam';
import { updateParametersWithGd } from '../../../src/core/reference/gd';
import { initializeVelocity, updateParametersWithMomentum } from '../../../src/core/reference/momentum';
import {
  initializeAdamTestCase,
  initializeVelocityTestCase,
  randomMiniBatchesTestCase,
  updateParametersWithAdamTestCase,
  updateParametersWithGdTestCase,
  updateParametersWithMomentumTestCase,
} from '../../../src/core/testCases/notebookTestCases';
import { randomMiniBatches } from '../../../src/core/reference/miniBatches';
import { assertDictClose, type NestedDict } from './numpyFixtures';

const RTOL = 1e-5;
const ATOL = 1e-8;

const ZEROS = { dW1: [[0, 0, 0], [0, 0, 0]], db1: [[0], [0]], dW2: [[0, 0, 0], [0, 0, 0], [0, 0, 0]], db2: [[0], [0], [0]] };

const V_AFTER_ONE_STEP = {
  dW1: [[-0.11006192, 0.11447237, 0.09015907], [0.05024943, 0.09008559, -0.06837279]],
  db1: [[-0.01228902], [-0.09357694]],
  dW2: [[-0.02678881, 0.05303555, -0.06916608], [-0.03967535, -0.06871727, -0.08452056], [-0.06712461, -0.00126646, -0.11173103]],
  db2: [[0.02344157], [0.16598022], [0.07420442]],
};

const expected = {
  gd: {
    W1: [[1.63535156, -0.62320365, -0.53718766], [-1.07799357, 0.85639907, -2.29470142]],
    b1: [[1.74604067], [-0.75184921]],
    W2: [[0.32171798, -0.25467393, 1.46902454], [-2.05617317, -0.31554548, -0.3756023], [1.1404819, -1.09976462, -0.1612551]],
    b2: [[-0.88020257], [0.02561572], [0.57539477]],
  },
  momentum: {
    W1: [[1.62544598, -0.61290114, -0.52907334], [-1.07347112, 0.86450677, -2.30085497]],
    b1: [[1.74493465], [-0.76027113]],
    W2: [[0.31930698, -0.24990073, 1.4627996], [-2.05974396, -0.32173003, -0.38320915], [1.13444069, -1.0998786, -0.1713109]],
    b2: [[-0.87809283], [0.04055394], [0.58207317]],
  },
  adam: {
    W1: [[1.63178673, -0.61919778, -0.53561312], [-1.08040999, 0.85796626, -2.29409733]],
    b1: [[1.75225313], [-0.75376553]],
    W2: [[0.32648046, -0.25681174, 1.46954931], [-2.05269934, -0.31497584, -0.37661299], [1.14121081, -1.09245036, -0.16498684]],
    b2: [[-0.88529978], [0.03477238], [0.57537385]],
  },
  adamS: {
    dW1: [[0.00121136, 0.00131039, 0.00081287], [0.0002525, 0.00081154, 0.00046748]],
    db1: [[1.51020075e-5], [8.75664434e-4]],
    dW2: [[7.17640232e-5, 2.81276921e-4, 4.78394595e-4], [1.57413361e-4, 4.7220632e-4, 7.14372576e-4], [4.50571368e-4, 1.60392066e-7, 1.24838242e-3]],
    db2: [[5.49507194e-5], [2.75494327e-3], [5.50629536e-4]],
  },
};

function snapshot(dict: Record<string, Matrix>): string {
  return JSON.stringify(Object.entries(dict).map(([k, m]) => [k, m.rows, m.cols, Array.from(m.data)]));
}

function check(actual: Record<string, Matrix>, table: NestedDict, what: string): void {
  assertDictClose(actual, table, RTOL, ATOL, what);
}

describe("the notebook's Expected Output tables", () => {
  it('update_parameters_with_gd', () => {
    const { parameters, grads, learningRate } = updateParametersWithGdTestCase();
    assert.equal(learningRate, 0.01);
    check(updateParametersWithGd(parameters, grads, learningRate), expected.gd, 'parameters');
  });

  it('random_mini_batches: shapes (the third Y is (1, 20)) and the sanity check', () => {
    const { X, Y, miniBatchSize } = randomMiniBatchesTestCase();
    const batches = randomMiniBatches(X, Y, miniBatchSize);
    assert.deepEqual(
      batches.map(([bx, by]) => [[bx.rows, bx.cols], [by.rows, by.cols]]),
      [
        [[12288, 64], [1, 64]],
        [[12288, 64], [1, 64]],
        [[12288, 20], [1, 20]],
      ],
    );
    const sanity = Array.from(batches[0]![0].data.subarray(0, 3));
    [0.90085595, -0.7612069, 0.2344157].forEach((e, i) => assert.ok(Math.abs(sanity[i]! - e) <= ATOL + RTOL * Math.abs(e), `sanity[${i}] = ${sanity[i]}`));
  });

  it('initialize_velocity', () => check(initializeVelocity(initializeVelocityTestCase()), ZEROS, 'v'));

  it('update_parameters_with_momentum (beta 0.9, learning_rate 0.01)', () => {
    const { parameters, grads, v } = updateParametersWithMomentumTestCase();
    const out = updateParametersWithMomentum(parameters, grads, v, 0.9, 0.01);
    check(out.parameters, expected.momentum, 'parameters');
    check(out.v, V_AFTER_ONE_STEP, 'v');
  });

  it('initialize_adam', () => {
    const { v, s } = initializeAdam(initializeAdamTestCase());
    check(v, ZEROS, 'v');
    check(s, ZEROS, 's');
  });

  it('update_parameters_with_adam (t = 2, defaults)', () => {
    const { parameters, grads, v, s } = updateParametersWithAdamTestCase();
    const out = updateParametersWithAdam(parameters, grads, v, s, 2);
    check(out.parameters, expected.adam, 'parameters');
    check(out.v, V_AFTER_ONE_STEP, 'v');
    check(out.s, expected.adamS, 's');
  });

  it("W2[2][1]: the graded code (epsilon outside the sqrt) prints -1.09244991, the table's -1.09245036 is epsilon inside", () => {
    const run = (placement: 'outsideSqrt' | 'insideSqrt'): number => {
      const { parameters, grads, v, s } = updateParametersWithAdamTestCase();
      return updateParametersWithAdam(parameters, grads, v, s, 2, 0.01, 0.9, 0.999, 1e-8, placement).parameters.W2!.data[2 * 3 + 1]!;
    };
    assert.equal(run('outsideSqrt').toFixed(8), '-1.09244991');
    assert.equal(run('insideSqrt').toFixed(8), '-1.09245036');
  });

  it('leaves the test-case inputs as they were (the functions return new dictionaries)', () => {
    const { parameters, grads, v, s } = updateParametersWithAdamTestCase();
    const before = [parameters, grads, v, s].map(snapshot);
    updateParametersWithGd(parameters, grads, 0.01);
    updateParametersWithMomentum(parameters, grads, v, 0.9, 0.01);
    updateParametersWithAdam(parameters, grads, v, s, 2);
    assert.deepEqual([parameters, grads, v, s].map(snapshot), before);
  });
});
