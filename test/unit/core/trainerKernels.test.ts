import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matrix, type Matrix } from '../../../src/core/linalg/matrix';
import { RandomState } from '../../../src/core/random/randomState';
import { EpochShuffle } from '../../../src/core/training/epochShuffle';
import { epochKernelSource, MAX_GENERATED_WEIGHTS } from '../../../src/core/training/generatedKernel';
import { networkLayout } from '../../../src/core/training/networkLayout';
import { relu } from '../../../src/core/training/relu';
import { defaultTrainConfig, train, type TrainConfig } from '../../../src/core/training/trainer';
import { fixtureDataset } from './trainerFixtures';

/** A small labelled set of m examples with `features` features, drawn from numpy's generator. */
function randomSet(m: number, features: number, seed: number): { X: Matrix; Y: Matrix } {
  const rs = new RandomState(seed);
  const X = matrix(features, m, rs.randn(features, m));
  const Y = matrix(1, m, Array.from(rs.rand(m), (u) => (u < 0.5 ? 1 : 0)));
  return { X, Y };
}

function bitwiseSame(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

function bothKernels(X: Matrix, Y: Matrix, config: TrainConfig): void {
  const generated = train(X, Y, config, {}, { kernel: 'generated' });
  const generic = train(X, Y, config, {}, { kernel: 'generic' });
  assert.equal(generated.kernel, 'generated');
  assert.equal(generic.kernel, 'generic');
  assert.ok(bitwiseSame(generated.costs, generic.costs), 'costs differ between kernels');
  assert.ok(bitwiseSame(generated.printedCosts, generic.printedCosts));
  for (const key of Object.keys(generic.parameters)) {
    assert.ok(bitwiseSame(Array.from(generated.parameters[key]!.data), Array.from(generic.parameters[key]!.data)), `${key} differs`);
  }
  assert.equal(generated.accuracy, generic.accuracy);
}

describe('generated kernel == generic kernel, bit for bit', () => {
  const moons = fixtureDataset('moons-300-0.2-3');
  for (const optimizer of ['gd', 'momentum', 'adam'] as const) {
    it(`${optimizer} on the notebook's network`, () => {
      bothKernels(moons.X, moons.Y, { ...defaultTrainConfig(optimizer), numEpochs: 200, recordEvery: 7, printEvery: 50, learningRate: 0.01 });
    });
  }
  it('edge sizes: m divisible by the batch, m < batch, batch 1, one example', () => {
    const cases: [number, number][] = [[120, 40], [30, 64], [25, 1], [1, 64], [64, 64], [65, 64]];
    for (const [m, batch] of cases) {
      const { X, Y } = randomSet(m, 3, m);
      bothKernels(X, Y, { ...defaultTrainConfig('adam', 3), miniBatchSize: batch, numEpochs: 15, recordEvery: 1, learningRate: 0.01 });
    }
  });
  it('other depths and widths, several outputs', () => {
    const { X, Y } = randomSet(50, 4, 9);
    bothKernels(X, Y, { ...defaultTrainConfig('momentum', 4), layersDims: [4, 1], numEpochs: 20, recordEvery: 1, learningRate: 0.05 });
    bothKernels(X, Y, { ...defaultTrainConfig('adam', 4), layersDims: [4, 5, 4, 3, 1], numEpochs: 20, recordEvery: 1, learningRate: 0.01 });
    const rs = new RandomState(4);
    const Y3 = matrix(3, 50, Array.from(rs.rand(150), (u) => (u < 0.3 ? 1 : 0)));
    bothKernels(X, Y3, { ...defaultTrainConfig('adam', 4), layersDims: [4, 6, 3], numEpochs: 20, recordEvery: 1, learningRate: 0.01 });
  });
  it('a learning-rate schedule is applied once per epoch', () => {
    const schedule = (epoch: number, lr0: number): number => lr0 / (1 + Math.floor(epoch / 10));
    bothKernels(moons.X, moons.Y, { ...defaultTrainConfig('adam'), numEpochs: 40, recordEvery: 5, learningRate: 0.01, learningRateAt: schedule });
    const records: number[] = [];
    train(moons.X, moons.Y, { ...defaultTrainConfig('gd'), numEpochs: 30, recordEvery: 10, learningRateAt: schedule }, {
      onRecord: (r) => records.push(r.learningRate),
    });
    assert.deepEqual(records, [0.0007, 0.0007 / 2, 0.0007 / 3]);
  });
});

describe('kernel selection', () => {
  it('falls back to the generic kernel when code generation is refused (CSP)', () => {
    const { X, Y } = randomSet(40, 2, 1);
    const config = { ...defaultTrainConfig('adam'), layersDims: [2, 3, 3, 1], numEpochs: 5 };
    const original = globalThis.Function;
    globalThis.Function = function refuse(): never {
      throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not allowed");
    } as unknown as FunctionConstructor;
    let result;
    try {
      result = train(X, Y, config);
    } finally {
      globalThis.Function = original;
    }
    assert.equal(result.kernel, 'generic');
    assert.ok(bitwiseSame(result.costs, train(X, Y, config, {}, { kernel: 'generated' }).costs));
  });
  it('uses the generic kernel for networks too large to unroll', () => {
    const { X, Y } = randomSet(10, 2, 2);
    const wide = { ...defaultTrainConfig('gd'), layersDims: [2, 40, 30, 1], numEpochs: 2 };
    assert.ok(networkLayout(wide.layersDims).weightCount > MAX_GENERATED_WEIGHTS);
    assert.equal(train(X, Y, wide).kernel, 'generic');
    assert.equal(train(X, Y, { ...wide, layersDims: [2, 5, 2, 1] }).kernel, 'generated');
    assert.throws(() => train(X, Y, wide, {}, { kernel: 'generated' }), /not available/);
  });
  it('generates straight-line code with no loop over layer sizes', () => {
    const source = epochKernelSource(networkLayout([2, 5, 2, 1]));
    assert.equal((source.match(/for \(/g) ?? []).length, 3, 'only the mini-batch loop and the example loops (pairs, then the odd one)');
    assert.match(source, /p29/);
    assert.doesNotMatch(source, /p30\b/);
  });
});

describe('EpochShuffle == np.random.seed(s); np.random.permutation(m)', () => {
  it('matches RandomState for many seeds and sizes (including > 624 draws)', () => {
    const rs = new RandomState(0);
    for (const m of [1, 2, 3, 64, 300, 1000, 5000]) {
      const shuffle = new EpochShuffle(new Int32Array(m));
      for (const seed of [0, 1, 11, 10010, 123456789, 0xffffffff]) {
        rs.seed(seed);
        assert.deepEqual(Array.from(shuffle.permute(seed)), Array.from(rs.permutation(m)), `m=${m} seed=${seed}`);
      }
    }
  });
});

describe('relu', () => {
  it('equals max(0, z) for NaN and every |z| < 2**1023 (subnormals included)', () => {
    for (const z of [-3, -1e-300, -5e-324, -0, 0, 5e-324, 1e-300, 2.5, 1e300, 8.9e307, -1.7e308, NaN]) {
      assert.ok(Object.is(relu(z), Math.max(0, z)), `relu(${z})`);
    }
  });
});
