// Every optimizer of the registry against PyTorch's own torch.optim (float64), from
// test/fixtures/torch/optimizers.json, made by scripts/make_torch_fixtures.py: five updates on the
// notebook's test-case parameters, and 30 epochs of the notebook's training on its moons.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeMoons } from '../../../src/core/data/moons';
import { OPTIMIZERS, type OptimizerId } from '../../../src/core/optimizers/registry';
import type { Hyperparameters } from '../../../src/core/optimizers/hyperparameters';
import { defaultTrainConfig } from '../../../src/core/trainer/trainConfig';
import { train } from '../../../src/core/trainer/trainer';

type Nested = number[][];
interface StepsCase {
  learningRate: number;
  parameters: Record<string, Nested>;
  grads: Record<string, Nested>[];
  after: { parameters: Record<string, Nested>; state: Record<string, Nested>[] }[];
}
interface TrainingCase {
  layersDims: number[];
  learningRate: number;
  miniBatchSize: number;
  numEpochs: number;
  costs: number[];
  parameters: Record<string, Nested>;
}
interface Fixture {
  torch_version: string;
  hyperparameters: Hyperparameters;
  optimizers: Record<string, { steps: StepsCase; training: TrainingCase }>;
}

const fixture = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'torch', 'optimizers.json'), 'utf8')) as Fixture;
const TOLERANCE = 1e-12;

/** Largest |a - b| / max(1, |b|). */
function worst(actual: ArrayLike<number>, expected: readonly number[]): number {
  assert.equal(actual.length, expected.length);
  let w = 0;
  for (let i = 0; i < expected.length; i++) w = Math.max(w, Math.abs(actual[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!)));
  return Number.isNaN(w) ? Infinity : w;
}

describe(`the optimizers against torch.optim ${fixture.torch_version} (float64)`, () => {
  it('has a fixture for every optimizer of the registry (a new optimizer needs one: scripts/make_torch_fixtures.py)', () => {
    assert.deepEqual(Object.keys(fixture.optimizers).sort(), OPTIMIZERS.map((o) => o.id).sort());
  });

  for (const def of OPTIMIZERS) {
    const { steps, training } = fixture.optimizers[def.id]!;
    it(`${def.id}: five updates on the notebook's test case agree to ${TOLERANCE}, parameters and state`, () => {
      const h = fixture.hyperparameters;
      const keys = Object.keys(steps.parameters);
      const p = Object.fromEntries(keys.map((k) => [k, Float64Array.from(steps.parameters[k]!.flat())]));
      const state = def.state.map(() => Object.fromEntries(keys.map((k) => [k, new Float64Array(p[k]!.length)])));
      const step = new Float64Array(def.stepValues?.count ?? 0);
      steps.grads.forEach((grads, s) => {
        def.stepValues?.compute(s + 1, steps.learningRate, h, step, 0);
        for (const k of keys) {
          const g = Float64Array.from(grads[`d${k}`]!.flat());
          def.update({ p: p[k]!, g, state: state.map((b) => b[k]!), learningRate: steps.learningRate, h, step, stepAt: 0, n: g.length });
        }
        const expected = steps.after[s]!;
        for (const k of keys) {
          assert.ok(worst(p[k]!, expected.parameters[k]!.flat()) <= TOLERANCE, `step ${s + 1}: ${k} differs from torch`);
          expected.state.forEach((buffer, b) =>
            assert.ok(worst(state[b]![k]!, buffer[`d${k}`]!.flat()) <= TOLERANCE, `step ${s + 1}: ${def.state[b]} d${k} differs from torch`),
          );
        }
      });
    });

    it(`${def.id}: 30 epochs of the notebook's training agree with torch to ${TOLERANCE}, in both kernels`, () => {
      const { X, Y } = makeMoons(300, 0.2, 3);
      for (const kernel of ['wasm', 'generic'] as const) {
        const result = train(
          X,
          Y,
          { ...defaultTrainConfig(def.id as OptimizerId), numEpochs: training.numEpochs, recordEvery: 1, learningRate: training.learningRate },
          {},
          { kernel },
        );
        assert.ok(worst(result.costs, training.costs) <= TOLERANCE, `${kernel}: costs differ from torch by ${worst(result.costs, training.costs)}`);
        for (const [k, values] of Object.entries(training.parameters)) {
          assert.ok(worst(result.parameters[k]!.data, values.flat()) <= TOLERANCE, `${kernel}: ${k} differs from torch`);
        }
      }
    });
  }

});
