import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromNested, type Matrix } from '../../../src/core/linalg/matrix';
import { backwardPropagation } from '../../../src/core/nn/backward';
import { computeCost } from '../../../src/core/nn/cost';
import { forwardPropagation } from '../../../src/core/nn/forward';
import { initializeParameters } from '../../../src/core/nn/initializeParameters';
import type { Parameters } from '../../../src/core/nn/parameters';
import { predict, predictProbabilities } from '../../../src/core/nn/predict';
import { RandomState } from '../../../src/core/random/randomState';
import { assertClose, assertDictClose, assertMatrixClose, loadFixture, type Nested, type NestedDict } from './numpyFixtures';

interface NetworkFixture {
  initialize_parameters: Record<string, NestedDict>;
  passes: { name: string; layers_dims: number[]; X: Nested; Y: Nested; AL: Nested; z: Nested[]; a: Nested[]; cost: number; grads: NestedDict }[];
  predict_untrained_moons: { predictions: Nested; accuracy: number };
}
const fixture = loadFixture<NetworkFixture>('network.json');
const moons = loadFixture<{ moons: { X: Nested; Y: Nested }[] }>('moons.json').moons[0]!;

describe('initializeParameters (He, seed 3) against numpy', () => {
  for (const [dims, expected] of Object.entries(fixture.initialize_parameters)) {
    it(`[${dims}]`, () => {
      // randn goes through log(), where V8 and glibc may differ by an ulp or two.
      assertDictClose(initializeParameters(dims.split(',').map(Number)), expected, 2e-15, 0, 'parameters');
    });
  }
  it('rejects layer sizes that are not positive integers', () => {
    assert.throws(() => initializeParameters([2]), /at least two positive integers/);
    assert.throws(() => initializeParameters([2, 0, 1]), /at least two positive integers/);
  });
});

describe('forward, cost and backward against numpy', () => {
  for (const pass of fixture.passes) {
    it(pass.name, () => {
      const parameters = initializeParameters(pass.layers_dims);
      const [X, Y] = [fromNested(pass.X), fromNested(pass.Y)];
      const { AL, caches } = forwardPropagation(X, parameters);
      assertMatrixClose(AL, pass.AL, 1e-13, 0, 'AL');
      caches.forEach((c, l) => {
        assertMatrixClose(c.z, pass.z[l]!, 1e-12, 1e-15, `z${l + 1}`);
        assertMatrixClose(c.a, pass.a[l]!, 1e-12, 1e-15, `a${l + 1}`);
        assert.equal(c.W, parameters[`W${l + 1}`]);
      });
      assertClose([computeCost(AL, Y)], [pass.cost], 1e-13, 0, 'cost');
      const grads = backwardPropagation(X, Y, caches);
      assertDictClose(grads, pass.grads, 1e-11, 1e-15, 'grads');
    });
  }

  it('matches the closed form for one sigmoid unit', () => {
    const [w, b, x, y] = [0.7, -0.2, 1.5, 1];
    const parameters = { W1: fromNested([[w]]), b1: fromNested([[b]]) };
    const X = fromNested([[x]]);
    const a = 1 / (1 + Math.exp(-(w * x + b)));
    const { AL, caches } = forwardPropagation(X, parameters);
    assert.equal(AL.data[0], a);
    assert.ok(Math.abs(computeCost(AL, fromNested([[y]])) + Math.log(a)) < 1e-15);
    const grads = backwardPropagation(X, fromNested([[y]]), caches);
    assert.ok(Math.abs(grads.dW1!.data[0]! - (a - y) * x) < 1e-15);
    assert.ok(Math.abs(grads.db1!.data[0]! - (a - y)) < 1e-15);
  });

  it('gives ln 2 for outputs of one half, whatever the labels', () => {
    assert.ok(Math.abs(computeCost(fromNested([[0.5, 0.5, 0.5]]), fromNested([[1, 0, 1]])) - Math.LN2) < 1e-15);
  });

  it('names what is wrong with bad input', () => {
    assert.throws(() => computeCost(fromNested([[0.5, 0.5]]), fromNested([[1, 0, 1]])), /computeCost\(AL, Y\): shapes \(1, 2\) and \(1, 3\) differ/);
    assert.throws(() => forwardPropagation(fromNested([[1]]), { W1: fromNested([[1]]), c1: fromNested([[0]]) }), /Missing key "b1"/);
    assert.throws(() => forwardPropagation(fromNested([[1], [2], [3]]), initializeParameters([2, 1])), /not aligned/);
    assert.throws(() => backwardPropagation(fromNested([[1]]), fromNested([[1]]), []), /at least one layer/);
  });
});

describe('backwardPropagation against finite differences', () => {
  const randomNet = (dims: number[], seed: number): { parameters: Parameters; X: Matrix; Y: Matrix } => {
    const rs = new RandomState(seed);
    const parameters: Parameters = {};
    for (let l = 1; l < dims.length; l++) {
      parameters[`W${l}`] = { rows: dims[l]!, cols: dims[l - 1]!, data: rs.randn(dims[l]!, dims[l - 1]!) };
      parameters[`b${l}`] = { rows: dims[l]!, cols: 1, data: rs.normal(0, 0.5, dims[l]!) };
    }
    const m = 7;
    const X = { rows: dims[0]!, cols: m, data: rs.randn(dims[0]!, m) };
    const Y = { rows: 1, cols: m, data: rs.rand(m).map((u) => (u < 0.5 ? 1 : 0)) };
    return { parameters, X, Y };
  };

  for (const [dims, seed] of [
    [[3, 4, 3, 1], 11],
    [[2, 5, 4, 3, 1], 12],
    [[4, 6, 2, 1], 13],
  ] as const) {
    it(`matches central differences for every weight and bias of a [${dims}] net`, () => {
      const { parameters, X, Y } = randomNet([...dims], seed);
      const grads = backwardPropagation(X, Y, forwardPropagation(X, parameters).caches);
      const h = 1e-6;
      for (const [key, p] of Object.entries(parameters)) {
        for (let i = 0; i < p.data.length; i++) {
          const shifted = (delta: number): number => {
            const data = Float64Array.from(p.data);
            data[i]! += delta;
            return computeCost(forwardPropagation(X, { ...parameters, [key]: { ...p, data } }).AL, Y);
          };
          const numeric = (shifted(h) - shifted(-h)) / (2 * h);
          const analytic = grads[`d${key}`]!.data[i]!;
          assert.ok(Math.abs(numeric - analytic) <= 1e-7 + 1e-5 * Math.abs(analytic), `d${key}[${i}]: backward ${analytic}, finite difference ${numeric}`);
        }
      }
    });
  }
});

describe('predict', () => {
  it('labels the moons with the untrained notebook net as numpy does', () => {
    const parameters = initializeParameters([2, 5, 2, 1]);
    const { predictions, accuracy } = predict(fromNested(moons.X), fromNested(moons.Y), parameters);
    assert.deepEqual(Array.from(predictions), fixture.predict_untrained_moons.predictions[0]);
    assert.equal(accuracy, fixture.predict_untrained_moons.accuracy);
  });

  it('thresholds the output probability at 0.5 (strictly above is 1)', () => {
    const parameters = { W1: fromNested([[1]]), b1: fromNested([[0]]) };
    const X = fromNested([[-1, 0, 1]]);
    assert.deepEqual(Array.from(predictProbabilities(parameters, X)).map((p) => p > 0.5), [false, false, true]);
    const { predictions, accuracy } = predict(X, fromNested([[0, 1, 1]]), parameters);
    assert.deepEqual(Array.from(predictions), [0, 0, 1]);
    assert.equal(accuracy, 2 / 3);
  });
});
