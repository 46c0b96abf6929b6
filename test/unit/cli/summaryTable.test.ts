import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPercent, formatPercentF } from '../../../src/cli/formatNumbers';
import { summaryTable } from '../../../src/cli/summaryTable';
import { costOscillation, describeCostShapes } from '../../../src/core/trainer/costShape';
import { defaultFixtures } from '../core/trainerFixtures';

describe('cost shape', () => {
  it('costOscillation is 1 - net descent / path length', () => {
    assert.equal(costOscillation([0.7, 0.6, 0.5, 0.4]), 0);
    assert.ok(Math.abs(costOscillation([0.7, 0.5, 0.6, 0.3]) - 1 / 3) < 1e-12);
    assert.equal(costOscillation([0.5]), 0);
    assert.equal(costOscillation([0.5, 0.5, 0.5]), 0);
    assert.equal(costOscillation([0.5, 0.7, 0.5]), 1);
  });
  it('words relative to the roughest curve, "smooth" when nearly monotone', () => {
    // path/descent ratios 20, 19.5, 12
    assert.deepEqual(describeCostShapes([0.95, 1 - 1 / 19.5, 1 - 1 / 12]), ['oscillations', 'oscillations', 'smoother']);
    assert.deepEqual(describeCostShapes([1 - 1 / 1.2, 0.95]), ['smooth', 'oscillations']);
    assert.deepEqual(describeCostShapes([0.95]), ['oscillations']);
  });
  it("gives the notebook's words for numpy's own default curves", () => {
    const oscillations = (['gd', 'momentum', 'adam'] as const).map((o) => costOscillation(defaultFixtures[o].costs));
    assert.deepEqual(describeCostShapes(oscillations), ['oscillations', 'oscillations', 'smoother']);
  });
});

describe('summary table and number formats', () => {
  it('lays out the notebook table', () => {
    const table = summaryTable([
      // path 0.2 + 0.15 + 0.2 + 0.15 + 0.2 = 0.9 over a descent of 0.3: 3.0
      { optimizer: 'gd', accuracy: 0.7966666666666666, costs: [0.7, 0.5, 0.65, 0.45, 0.6, 0.4] },
      { optimizer: 'adam', accuracy: 0.94, costs: [0.7, 0.5, 0.45, 0.3, 0.2] },
    ]);
    assert.equal(
      table,
      [
        'optimization method | accuracy | cost shape',
        '--------------------|----------|--------------------------------',
        'Gradient descent    | 79.7%    | oscillations (oscillation 0.67)',
        'Adam                | 94%      | smooth (oscillation 0.00)',
        '',
      ].join('\n'),
    );
  });
  it("formats costs as Python's %f", () => {
    assert.equal(formatPercentF(0.6907355122911129), '0.690736');
    assert.equal(formatPercentF(NaN), 'nan');
    assert.equal(formatPercentF(-Infinity), '-inf');
    assert.equal(formatPercent(0.5), '50%');
  });
});
