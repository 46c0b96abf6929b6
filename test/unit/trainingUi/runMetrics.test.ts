import { test } from 'node:test';
import assert from 'node:assert/strict';
import { costOscillation, formatAccuracy } from '../../../src/shared/runMetrics';

test('oscillation: 0 for a cost that only goes down, 1 - net/total otherwise', () => {
  assert.equal(costOscillation([3, 2, 1]), 0);
  assert.equal(costOscillation([3, 1, 2, 1]), 1 - 2 / 4);
  assert.equal(costOscillation([1, 2, 1, 2, 1]), 1);
  assert.equal(costOscillation([1, 1, 1]), 0);
  assert.equal(costOscillation([5]), 0);
});

test('oscillation is scale-free: costs times 10 oscillate as much', () => {
  const costs = [0.69, 0.61, 0.65, 0.5, 0.55, 0.41];
  assert.ok(Math.abs(costOscillation(costs) - costOscillation(costs.map((c) => c * 10))) < 1e-12);
});

test('accuracies print as the comparison table shows them', () => {
  assert.equal(formatAccuracy(0.7966666666666666), '79.7%');
  assert.equal(formatAccuracy(0.94), '94.0%');
  assert.equal(formatAccuracy(1), '100.0%');
});
