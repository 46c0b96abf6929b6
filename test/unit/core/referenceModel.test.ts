import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeMoons } from '../../../src/core/data/moons';
import { referenceModel, type ReferenceModelOptions } from '../../../src/core/reference/referenceModel';
import { defaultTrainConfig, type OptimizerId } from '../../../src/core/trainer/trainConfig';
import { train } from '../../../src/core/trainer/trainer';
import { assertClose, assertDictClose, loadFixture, type NestedDict } from './numpyFixtures';

interface Run {
  name: string;
  optimizer: OptimizerId;
  data: [number, number, number];
  layers_dims: number[];
  options: { learning_rate?: number; mini_batch_size?: number; beta?: number; beta1?: number; beta2?: number; epsilon?: number; seed?: number };
  num_epochs: number;
  costs: number[];
  printed_costs: number[];
  accuracy: number;
  parameters: NestedDict;
}
const { runs } = loadFixture<{ runs: Run[] }>('models.json');

function optionsOf(run: Run): ReferenceModelOptions {
  const o = run.options;
  return {
    numEpochs: run.num_epochs,
    learningRate: o.learning_rate,
    miniBatchSize: o.mini_batch_size,
    beta: o.beta,
    beta1: o.beta1,
    beta2: o.beta2,
    epsilon: o.epsilon,
    seed: o.seed,
  };
}

describe("referenceModel against numpy's model()", () => {
  for (const run of runs) {
    it(`${run.name}: ${run.num_epochs} epochs, layers [${run.layers_dims}]`, () => {
      const [n, noise, seed] = run.data;
      const { X, Y } = makeMoons(n, noise, seed);
      const result = referenceModel(X, Y, run.layers_dims, run.optimizer, optionsOf(run));
      // Data and initial weights agree to an ulp; matmul and libm rounding differ at ~1e-16 and the
      // training does not amplify that (measured: costs 1e-15 relative, parameters 1.3e-15 absolute).
      assertClose(result.costs, run.costs, 1e-12, 0, 'costs');
      assertClose(result.printedCosts, run.printed_costs, 1e-12, 0, 'printed costs');
      assertDictClose(result.parameters, run.parameters, 1e-11, 1e-13, 'parameters');
      assert.equal(result.accuracy, run.accuracy);
    });
  }

  it('prints "Cost after epoch 0: 0.690736" first for gradient descent, as the notebook does', () => {
    const { X, Y } = makeMoons();
    assert.equal(referenceModel(X, Y, [2, 5, 2, 1], 'gd', { numEpochs: 1 }).printedCosts[0]!.toFixed(6), '0.690736');
  });

  it('says what is wrong when X does not fit layers_dims', () => {
    const { X, Y } = makeMoons(10);
    assert.throws(() => referenceModel(X, Y, [3, 2, 1], 'gd', { numEpochs: 1 }), /X has 2 features but layers_dims\[0\] is 3/);
    assert.throws(() => referenceModel(X, Y, [2, 2, 1], 'sgd' as OptimizerId, { numEpochs: 1 }), /optimizer must be one of gd, momentum, adam, rmsprop, nesterov, adamw, amsgrad, got "sgd"/);
  });

  // The full 10 000-epoch runs take 4-7 s each here: the fast trainer's tests check the published
  // accuracies on every run; set OPTLAB_FULL_REFERENCE=1 to check them on the reference too.
  it('reaches the published 0.7967 / 0.7967 / 0.94 after 10 000 epochs', { skip: process.env.OPTLAB_FULL_REFERENCE !== '1' }, () => {
    const { X, Y } = makeMoons();
    const accuracy = (o: OptimizerId) => referenceModel(X, Y, [2, 5, 2, 1], o).accuracy.toFixed(4);
    assert.deepEqual((['gd', 'momentum', 'adam'] as const).map(accuracy), ['0.7967', '0.7967', '0.9400']);
  });
});

describe('referenceModel with the optimizers the notebook does not have', () => {
  // The reference applies each optimizer matrix by matrix to the notebook's dictionaries; the trainer
  // runs it on flat buffers in a kernel. Same formula, other code paths: they must agree.
  for (const optimizer of ['rmsprop', 'nesterov', 'adamw', 'amsgrad'] as const) {
    it(`${optimizer}: the same costs and parameters as the fast trainer, to 1e-12`, () => {
      const { X, Y } = makeMoons(300, 0.2, 3);
      const ref = referenceModel(X, Y, [2, 5, 2, 1], optimizer, { numEpochs: 200, learningRate: 0.001, alpha: 0.9, weightDecay: 0.1 });
      const fast = train(X, Y, { ...defaultTrainConfig(optimizer), numEpochs: 200, learningRate: 0.001, alpha: 0.9, weightDecay: 0.1 });
      ref.costs.forEach((c, i) => assert.ok(Math.abs(c - fast.costs[i]!) <= 1e-12, `epoch ${i * 100}: ${c} vs ${fast.costs[i]}`));
      for (const [k, m] of Object.entries(ref.parameters)) {
        m.data.forEach((v, i) => assert.ok(Math.abs(v - fast.parameters[k]!.data[i]!) <= 1e-12, `${k}[${i}]`));
      }
    });
  }
});
