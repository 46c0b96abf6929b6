// Each edition's notebook cases against the expected values its public tests and stored outputs print
// (2021: greyhatguy007/deep-learning-specialization W2A1/public_tests.py; v1.4: KGagan05/Optimization_methods).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCases } from '../../../src/checker/cases/caseCatalogue';
import type { CheckCase } from '../../../src/checker/cases/caseInputs';
import { editionOf } from '../../../src/checker/cases/editions';
import { referenceResult } from '../../../src/checker/cases/pythonCall';
import { dictGet, type PyValue } from '../../../src/checker/pyValue';
import type { GradedFunction } from '../../../src/checker/types';

function notebookCase(fn: GradedFunction, edition: '2021' | 'v1.4', nameStart = ''): CheckCase {
  const c = (buildCases(fn) as CheckCase[]).find((x) => x.editions?.includes(edition) && x.name.includes(nameStart));
  assert.ok(c, `${fn} has a ${edition} case`);
  return c;
}

function item(v: PyValue, i: number): PyValue {
  assert.ok(v.kind === 'tuple' || v.kind === 'list');
  return v.items[i]!;
}

/** Row `row` of `dict[key]`. */
function row(dict: PyValue, key: string, r = 0): number[] {
  assert.equal(dict.kind, 'dict');
  const a = dictGet(dict as Extract<PyValue, { kind: 'dict' }>, key);
  assert.ok(a?.kind === 'array');
  const cols = a.shape[1]!;
  return [...a.data.slice(r * cols, (r + 1) * cols)];
}

function near(actual: number[], expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((x, i) => assert.ok(Math.abs(x - expected[i]!) <= 1e-8 + 1e-5 * Math.abs(expected[i]!), `${what}[${i}]: ${x} vs ${expected[i]}`));
}

describe('editions', () => {
  it("2021: Adam (t 2, lr 0.02, beta1 0.8, beta2 0.888, eps 0.01) row 0 as public_tests.py expects", () => {
    const r = referenceResult(notebookCase('update_parameters_with_adam', '2021').inputs);
    near(row(item(r, 1), 'dW1'), [-0.22012384, 0.22894474, 0.18031814], 'v dW1');
    near(row(item(r, 2), 'dW2'), [8.0375706e-3, 3.15030152e-2, 5.35801947e-2], 's dW2');
    near(row(item(r, 0), 'W1'), [1.63942428, -0.6268425, -0.54320974], 'W1');
    near(row(item(r, 0), 'W2'), [0.33356139, -0.26425199, 1.47707772], 'W2');
    near(row(item(r, 0), 'b2'), [-0.89228024], 'b2');
  });

  it('2021: random_mini_batches on X 7 x 3, batch 2', () => {
    const r = referenceResult(notebookCase('random_mini_batches', '2021').inputs);
    assert.ok(r.kind === 'list' && r.items.length === 2);
    const x0 = item(item(r, 0), 0);
    assert.ok(x0.kind === 'array');
    near([...x0.data.slice(0, 2)], [-0.52817175, -0.61175641], 'first X row 0');
    const y0 = item(item(r, 0), 1);
    assert.ok(y0.kind === 'array' && y0.dtype === '|b1');
    assert.deepEqual([...y0.data], [0, 0]);
  });

  it('v1.4: gd, momentum and Adam print the stored outputs (W2 is 3 x 2)', () => {
    const gd = referenceResult(notebookCase('update_parameters_with_gd', 'v1.4').inputs);
    near(row(gd, 'W1'), [1.63312395, -0.61217855, -0.5339999], 'gd W1');
    near(row(gd, 'W2', 2), [-0.32772076, -0.37713775], 'gd W2');
    const momentum = referenceResult(notebookCase('update_parameters_with_momentum', 'v1.4').inputs);
    near(row(item(momentum, 0), 'W2'), [0.31972282, -0.24924749], 'momentum W2');
    near(row(item(momentum, 1), 'dW2', 1), [-0.09357694, -0.02678881], 'momentum v dW2');
    const adam = referenceResult(notebookCase('update_parameters_with_adam', 'v1.4').inputs);
    near(row(item(adam, 0), 'W1', 1), [-1.0578897, 0.85032154, -2.31657668], 'adam W1');
    near(row(item(adam, 0), 'b2', 2), [-0.15740527], 'adam b2');
  });

  it('update_lr and schedule_lr_decay give the public tests\' values', () => {
    const value = (c: CheckCase) => {
      const r = referenceResult(c.inputs);
      assert.equal(r.kind, 'float');
      return (r as { value: number }).value;
    };
    assert.equal(value(notebookCase('update_lr', '2021')), 0.16666666666666666);
    const schedule = (buildCases('schedule_lr_decay') as CheckCase[]).filter((c) => c.editions !== undefined).map(value);
    near(schedule, [0.25, 0.5, 0.085714285, 0.24], 'schedule_lr_decay');
  });

  it('tells the edition from the code', () => {
    assert.equal(editionOf('def update_parameters_with_adam(p, g, v, s, t):\n    return p, v, s\n'), 'v1b');
    assert.equal(editionOf('def update_parameters_with_adam(p, g, v, s, t):\n    return p, v, s, v_corrected, s_corrected\n'), 'newer');
    assert.equal(editionOf('def update_parameters_with_adam(p, g, v, s, t):\n    return (p, v, s, vc, sc)  # five\n'), 'newer');
    assert.equal(editionOf('def update_lr(learning_rate0, epoch_num, decay_rate):\n    return 1\n'), 'newer');
    assert.equal(editionOf('def update_parameters_with_gd(parameters, grads, learning_rate):\n    return parameters\n'), 'v1b');
  });
});
