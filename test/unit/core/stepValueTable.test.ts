// The step-value table: Adam's bias corrections computed once per optimizer and betas, and given back
// with the same bits to every later run; step values that use the learning rate are never kept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeMoons } from '../../../src/core/data/moons';
import { BUDGET_BYTES, StepValueTable, stepValueTable } from '../../../src/core/kernels/stepValueTable';
import { HYPERPARAMETERS, type Hyperparameters } from '../../../src/core/optimizers/hyperparameters';
import type { OptimizerDefinition } from '../../../src/core/optimizers/optimizer';
import { optimizer } from '../../../src/core/optimizers/registry';
import { defaultTrainConfig } from '../../../src/core/trainer/trainConfig';
import { train } from '../../../src/core/trainer/trainer';

const defaults = (): Hyperparameters => Object.fromEntries(HYPERPARAMETERS.map(({ key }) => [key, defaultTrainConfig('adam')[key]])) as Hyperparameters;
type StepValues = NonNullable<OptimizerDefinition['stepValues']>;

/** Adam's step values, counting the calls of compute. */
function countingAdam(): { definition: StepValues; calls: () => number } {
  let calls = 0;
  const adam = optimizer('adam').stepValues!;
  return {
    definition: { ...adam, compute: (...args) => (calls++, adam.compute(...args)) },
    calls: () => calls,
  };
}

describe('StepValueTable', () => {
  it('computes each update once and then gives back the same bits as compute', () => {
    const { definition, calls } = countingAdam();
    const h = defaults();
    const table = new StepValueTable('adam:test', definition, h);
    const out = new Float64Array(4);
    for (let t = 1; t <= 5000; t++) table.write(t, 0.0007, out, 2);
    assert.equal(calls(), 5000);
    const expected = new Float64Array(2);
    for (let t = 1; t <= 5000; t++) {
      table.write(t, 0.5, out, 2); // another learning rate: Adam's step values do not use it
      definition.compute(t, 0.5, h, expected, 0);
      assert.ok(Object.is(out[2], expected[0]) && Object.is(out[3], expected[1]), `t = ${t}`);
    }
    assert.equal(calls(), 5000 + 5000, 'the second pass only called compute for the expected values');
  });

  it('keeps only consecutive updates (a gap is computed, not kept) and stays within its budget', () => {
    const { definition, calls } = countingAdam();
    const table = new StepValueTable('adam:gap', definition, defaults());
    const out = new Float64Array(2);
    table.write(1, 1, out, 0);
    table.write(3, 1, out, 0); // t = 2 missing: not kept
    table.write(3, 1, out, 0);
    assert.equal(calls(), 3);
    const limit = BUDGET_BYTES / 8 / definition.count;
    for (let t = 2; t <= limit + 10; t++) table.write(t, 1, out, 0);
    const before = calls();
    table.write(limit, 1, out, 0);
    assert.equal(calls(), before, 'the last update within the budget is kept');
    table.write(limit + 1, 1, out, 0);
    assert.equal(calls(), before + 1, 'past the budget every update is computed');
  });
});

describe('stepValueTable', () => {
  it('gives the last run\'s table for the same optimizer and hyperparameters, a new one otherwise', () => {
    const adam = optimizer('adam');
    const first = stepValueTable(adam, defaults());
    assert.ok(first);
    assert.equal(stepValueTable(adam, defaults()), first, 'equal values in another object');
    const other = stepValueTable(adam, { ...defaults(), beta2: 0.99 });
    assert.ok(other && other !== first);
  });

  it('keeps nothing for step values that use the learning rate, or an optimizer without any', () => {
    assert.equal(stepValueTable(optimizer('adamw'), defaults()), undefined);
    assert.equal(stepValueTable(optimizer('amsgrad'), defaults()), undefined);
    assert.equal(stepValueTable(optimizer('momentum'), defaults()), undefined);
  });

  it('a run from the table equals a run that computed every value: costs and parameters, bit for bit', () => {
    const { X, Y } = makeMoons();
    const config = { ...defaultTrainConfig('adam'), numEpochs: 300, learningRate: 0.003 };
    const fresh = train(X, Y, { ...config, beta1: 0.8 }); // a new table: every value computed
    const again = train(X, Y, { ...config, beta1: 0.8 }); // the same table, read back
    assert.deepEqual(again.costs, fresh.costs);
    for (const [name, m] of Object.entries(fresh.parameters)) assert.deepEqual(Array.from(again.parameters[name]!.data), Array.from(m.data), name);
  });
});
