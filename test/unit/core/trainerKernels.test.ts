import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matrix, type Matrix } from '../../../src/core/linalg/matrix';
import { RandomState } from '../../../src/core/random/randomState';
import { EpochShuffle } from '../../../src/core/trainer/epochShuffle';
import { branchFreeRelu, relu } from '../../../src/core/nn/activations';
import { networkLayout } from '../../../src/core/kernels/networkLayout';
import { defaultTrainConfig, train, type TrainConfig } from '../../../src/core/trainer/trainer';
import { MAX_WASM_PARAMETERS, UNROLLED_UP_TO_PARAMETERS } from '../../../src/core/kernels/wasmKernel';
import { OPTIMIZER_IDS } from '../../../src/core/optimizers/registry';
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
  const wasm = train(X, Y, config, {}, { kernel: 'wasm' });
  const generic = train(X, Y, config, {}, { kernel: 'generic' });
  assert.equal(wasm.kernel, 'wasm');
  assert.equal(generic.kernel, 'generic');
  assert.ok(bitwiseSame(wasm.costs, generic.costs), 'costs differ between kernels');
  assert.ok(bitwiseSame(wasm.printedCosts, generic.printedCosts));
  for (const key of Object.keys(generic.parameters)) {
    assert.ok(bitwiseSame(Array.from(wasm.parameters[key]!.data), Array.from(generic.parameters[key]!.data)), `${key} differs`);
  }
  assert.equal(wasm.accuracy, generic.accuracy);
}

// The kernels' contract (src/core/kernels/CONTRACT.md), checked for every optimizer of the registry.
describe('WebAssembly kernel == generic kernel, bit for bit, for every optimizer', () => {
  const moons = fixtureDataset('moons-300-0.2-3');
  for (const optimizer of OPTIMIZER_IDS) {
    it(`${optimizer} on the notebook's network`, () => {
      bothKernels(moons.X, moons.Y, { ...defaultTrainConfig(optimizer), numEpochs: 200, recordEvery: 7, printEvery: 50, learningRate: 0.01 });
    });
  }
  it('edge sizes: m divisible by the batch, m < batch, batch 1, one example', () => {
    // Mini-batches of 1 to 7 and every remainder after the two-pair loop (0 to 3 examples).
    const cases: [number, number][] = [[120, 40], [30, 64], [25, 1], [1, 64], [64, 64], [65, 64], [23, 7], [13, 5], [11, 6], [9, 3], [8, 2], [2, 64], [3, 64]];
    for (const optimizer of OPTIMIZER_IDS) {
      for (const [m, batch] of cases) {
        const { X, Y } = randomSet(m, 3, m);
        bothKernels(X, Y, { ...defaultTrainConfig(optimizer, 3), miniBatchSize: batch, numEpochs: 15, recordEvery: 1, learningRate: 0.01 });
      }
    }
  });
  it('mini-batches larger than any i32 behave as the whole set', () => {
    const { X, Y } = randomSet(9, 2, 5);
    for (const miniBatchSize of [2 ** 31, 2 ** 32, 2 ** 32 + 1]) {
      bothKernels(X, Y, { ...defaultTrainConfig('adam', 3), layersDims: [2, 3, 1], miniBatchSize, numEpochs: 5, recordEvery: 1, learningRate: 0.01 });
    }
  });
  it('infinite inputs give the same non-finite numbers (odd mini-batches included)', () => {
    for (const y of [0, 1]) {
      const X = matrix(2, 3, [Infinity, 0.5, -1, 0.5, 2, -Infinity]);
      bothKernels(X, matrix(1, 3, [y, 1 - y, y]), { ...defaultTrainConfig('gd', 3), layersDims: [2, 3, 1], miniBatchSize: 3, numEpochs: 2, recordEvery: 1 });
      bothKernels(matrix(2, 1, [Infinity, 0.5]), matrix(1, 1, [y]), { ...defaultTrainConfig('gd', 3), layersDims: [2, 1], miniBatchSize: 1, numEpochs: 1, recordEvery: 1 });
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
  it('falls back to the generic kernel where WebAssembly is refused (CSP without wasm-unsafe-eval)', () => {
    const { X, Y } = randomSet(40, 2, 1);
    const config = { ...defaultTrainConfig('adam'), layersDims: [2, 3, 3, 1], numEpochs: 5 };
    const original = WebAssembly.Instance;
    WebAssembly.Instance = function refuse(): never {
      throw new WebAssembly.CompileError("WebAssembly.Instance(): Refused to compile or instantiate WebAssembly module because 'wasm-unsafe-eval' is not an allowed source");
    } as unknown as typeof WebAssembly.Instance;
    let result;
    try {
      result = train(X, Y, config);
      assert.throws(() => train(X, Y, config, {}, { kernel: 'wasm' }), /not available/);
      assert.throws(() => train(X, Y, config, {}, { kernel: 'matrix' }), /not available/);
      assert.equal(train(X, Y, { ...config, layersDims: [2, 40, 40, 1] }).kernel, 'generic');
    } finally {
      WebAssembly.Instance = original;
    }
    assert.equal(result.kernel, 'generic');
    assert.ok(bitwiseSame(result.costs, train(X, Y, config, {}, { kernel: 'wasm' }).costs));
  });
  it('uses the unrolled kernel up to UNROLLED_UP_TO_PARAMETERS, the matrix one above; the unrolled one stops at MAX_WASM_PARAMETERS', () => {
    const { X, Y } = randomSet(10, 2, 2);
    const gd = { ...defaultTrainConfig('gd'), numEpochs: 2 };
    assert.equal(train(X, Y, gd).kernel, 'wasm');
    assert.ok(networkLayout([2, 12, 12, 1]).size <= UNROLLED_UP_TO_PARAMETERS);
    assert.equal(train(X, Y, { ...gd, layersDims: [2, 12, 12, 1] }).kernel, 'wasm');
    assert.equal(train(X, Y, { ...gd, layersDims: [2, 30, 30, 1] }).kernel, 'matrix');
    assert.equal(train(X, Y, { ...gd, layersDims: [2, 30, 30, 1] }, {}, { kernel: 'wasm' }).kernel, 'wasm');
    const huge = { ...gd, layersDims: [2, 70, 60, 1] };
    assert.ok(networkLayout(huge.layersDims).size > MAX_WASM_PARAMETERS);
    assert.equal(train(X, Y, huge).kernel, 'matrix');
    assert.equal(train(X, Y, { ...gd, layersDims: [2, 5, 2, 1] }, {}, { kernel: 'matrix' }).kernel, 'matrix');
    assert.throws(() => train(X, Y, huge, {}, { kernel: 'wasm' }), /not available/);
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

describe('the two ReLUs', () => {
  it("the kernels' branch-free ReLU equals max(0, z) for NaN and every |z| < 2**1023 (subnormals included)", () => {
    for (const z of [-3, -1e-300, -5e-324, -0, 0, 5e-324, 1e-300, 2.5, 1e300, 8.9e307, -1.7e308, NaN]) {
      assert.ok(Object.is(branchFreeRelu(z), Math.max(0, z)), `branchFreeRelu(${z})`);
    }
  });
  it("and numpy's maximum(0, z) of the reference gives the same numbers", () => {
    for (const z of [-3, -1e-300, -5e-324, -0, 0, 5e-324, 1e-300, 2.5, 1e300, 8.9e307, -1.7e308, NaN]) {
      assert.ok(Object.is(relu(z), branchFreeRelu(z)), `relu(${z})`);
    }
  });
});
