import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matrix, toNested, type Matrix } from '../../../src/core/linalg/matrix';
import { RandomState } from '../../../src/core/random/randomState';
import { defaultTrainConfig, train, type TrainConfig, type TrainResult } from '../../../src/core/trainer/trainer';
import { OPTIMIZER_IDS } from '../../../src/core/optimizers/registry';
import { fixtureDataset, matrixFixtures, maxRelativeError } from './trainerFixtures';

// The matrix kernel (src/core/kernels/matrixKernel.ts) against numpy's loop, and against the generic
// kernel bit for bit: both sum in the same order.
const COST_TOLERANCE = 1e-12;
const PARAMETER_TOLERANCE = 1e-10;

function randomSet(m: number, features: number, outputs: number, seed: number): { X: Matrix; Y: Matrix } {
  const rs = new RandomState(seed);
  const X = matrix(features, m, rs.randn(features, m));
  const Y = matrix(outputs, m, Array.from(rs.rand(outputs * m), (u) => (u < 0.5 ? 1 : 0)));
  return { X, Y };
}

function sameBits(a: TrainResult, b: TrainResult): void {
  assert.ok(a.costs.every((c, i) => Object.is(c, b.costs[i])), `costs differ: ${a.costs.at(-1)} vs ${b.costs.at(-1)}`);
  assert.ok(a.printedCosts.every((c, i) => Object.is(c, b.printedCosts[i])), 'printed costs differ');
  for (const key of Object.keys(b.parameters)) {
    const x = a.parameters[key]!.data;
    const y = b.parameters[key]!.data;
    assert.ok(x.every((v, i) => Object.is(v, y[i])), `${key} differs`);
  }
  assert.equal(a.accuracy, b.accuracy);
}

function matrixAndGeneric(X: Matrix, Y: Matrix, config: TrainConfig): void {
  const fast = train(X, Y, config, {}, { kernel: 'matrix' });
  const generic = train(X, Y, config, {}, { kernel: 'generic' });
  assert.equal(fast.kernel, 'matrix');
  sameBits(fast, generic);
}

describe('matrix kernel against numpy (test/fixtures/training/matrix.json)', () => {
  for (const fixture of matrixFixtures) {
    it(fixture.name ?? fixture.dataset, () => {
      const { X, Y } = fixtureDataset(fixture.dataset);
      const result = train(X, Y, { ...fixture.config }, {}, { kernel: 'matrix' });
      assert.equal(result.kernel, 'matrix');
      assert.ok(maxRelativeError(result.costs, fixture.costs) < COST_TOLERANCE, `costs differ: ${maxRelativeError(result.costs, fixture.costs)}`);
      assert.ok(maxRelativeError(result.printedCosts, fixture.printed_costs) < COST_TOLERANCE, 'printed costs differ');
      assert.equal(result.accuracy, fixture.accuracy);
      for (const [key, expected] of Object.entries(fixture.parameters)) {
        const err = maxRelativeError(toNested(result.parameters[key]!).flat(), expected.flat());
        assert.ok(err < PARAMETER_TOLERANCE, `${key} differs by ${err}`);
      }
    });
  }
});

describe('matrix kernel == generic kernel, bit for bit', () => {
  for (const optimizer of OPTIMIZER_IDS) {
    it(`${optimizer}: the notebook's network and a wide one`, () => {
      const moons = fixtureDataset('moons-300-0.2-3');
      matrixAndGeneric(moons.X, moons.Y, { ...defaultTrainConfig(optimizer), numEpochs: 100, recordEvery: 7, printEvery: 50, learningRate: 0.01 });
      matrixAndGeneric(moons.X, moons.Y, { ...defaultTrainConfig(optimizer), layersDims: [2, 37, 29, 1], numEpochs: 10, recordEvery: 1, learningRate: 0.005 });
    });
  }
  it('edge sizes: batch 1, m < batch, odd m, m divisible by the batch, one example, one hidden unit', () => {
    const cases: [number, number][] = [[25, 1], [30, 64], [65, 64], [64, 64], [1, 64], [2, 64], [3, 64], [23, 7], [13, 5], [11, 6], [9, 3], [8, 2]];
    for (const [m, batch] of cases) {
      const { X, Y } = randomSet(m, 3, 1, m);
      for (const layersDims of [[3, 1], [3, 1, 1], [3, 9, 5, 1], [3, 13, 1]]) {
        matrixAndGeneric(X, Y, { ...defaultTrainConfig('adam', 3), layersDims, miniBatchSize: batch, numEpochs: 6, recordEvery: 1, learningRate: 0.01 });
      }
    }
  });
  it('several outputs, more inputs, deeper', () => {
    const { X, Y } = randomSet(70, 20, 3, 4);
    matrixAndGeneric(X, Y, { ...defaultTrainConfig('adam', 20), layersDims: [20, 64, 32, 3], numEpochs: 8, recordEvery: 1, learningRate: 0.003 });
    matrixAndGeneric(X, Y, { ...defaultTrainConfig('momentum', 20), layersDims: [20, 6, 7, 5, 4, 3], numEpochs: 8, recordEvery: 1, learningRate: 0.05 });
    matrixAndGeneric(X, Y, { ...defaultTrainConfig('gd', 20), layersDims: [20, 3], numEpochs: 8, recordEvery: 1, learningRate: 0.1 });
  });
  it('mini-batches larger than any i32 behave as the whole set', () => {
    const { X, Y } = randomSet(9, 2, 1, 5);
    for (const miniBatchSize of [2 ** 31, 2 ** 32 + 1]) {
      matrixAndGeneric(X, Y, { ...defaultTrainConfig('adam', 3), layersDims: [2, 3, 1], miniBatchSize, numEpochs: 5, recordEvery: 1, learningRate: 0.01 });
    }
  });
});
