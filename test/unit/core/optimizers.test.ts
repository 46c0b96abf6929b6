import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromNested } from '../../../src/core/linalg/matrix';
import type { Grads, Parameters } from '../../../src/core/nn/parameters';
import { initializeAdam, updateParametersWithAdam } from '../../../src/core/reference/adam';
import { updateParametersWithGd } from '../../../src/core/reference/gd';
import { initializeVelocity, updateParametersWithMomentum } from '../../../src/core/reference/momentum';
import { makeUpdateCase, type WeightShape } from '../../../src/core/testCases/notebookTestCases';
import { assertDictClose, loadFixture, toMatrices, type NestedDict } from './numpyFixtures';

interface UpdateCase {
  seed: number;
  shapes: [number, number][];
  grad_scale: number;
  parameters: NestedDict;
  grads: NestedDict;
  gd: { learning_rate: number; parameters: NestedDict };
  momentum: { beta: number; learning_rate: number; parameters: NestedDict; v: NestedDict };
  adam: { t: number; learning_rate: number; parameters: NestedDict; v: NestedDict; s: NestedDict; v_corrected: NestedDict; s_corrected: NestedDict };
  adam_epsilon_inside_sqrt: { t: number; learning_rate: number; parameters: NestedDict };
}
const { cases } = loadFixture<{ cases: UpdateCase[] }>('testCases.json');
// The inputs are numpy's exact numbers, so only the arithmetic's rounding separates the two sides.
const RTOL = 1e-14;

describe('optimizers against numpy on the notebook case and other seeds and shapes', () => {
  for (const c of cases) {
    const label = `seed ${c.seed}, W shapes ${JSON.stringify(c.shapes)}, gradients x ${c.grad_scale}`;
    it(`makeUpdateCase draws what testCases.py draws (${label})`, () => {
      const { parameters, grads } = makeUpdateCase(c.seed, c.shapes as WeightShape[]);
      const scaled = Object.fromEntries(Object.entries(grads).map(([k, m]) => [k, { ...m, data: m.data.map((x) => x * c.grad_scale) }]));
      assertDictClose(parameters, c.parameters, 2e-15, 0, 'parameters');
      assertDictClose(scaled, c.grads, 2e-15, 0, 'grads');
    });

    it(`gd, momentum and both Adam epsilon placements (${label})`, () => {
      const [parameters, grads] = [toMatrices(c.parameters), toMatrices(c.grads)];
      assertDictClose(updateParametersWithGd(parameters, grads, c.gd.learning_rate), c.gd.parameters, RTOL, 0, 'gd');
      const m = updateParametersWithMomentum(parameters, grads, initializeVelocity(parameters), c.momentum.beta, c.momentum.learning_rate);
      assertDictClose(m.parameters, c.momentum.parameters, RTOL, 0, 'momentum parameters');
      assertDictClose(m.v, c.momentum.v, RTOL, 0, 'momentum v');
      const { v, s } = initializeAdam(parameters);
      const a = updateParametersWithAdam(parameters, grads, v, s, c.adam.t, c.adam.learning_rate);
      assertDictClose(a.parameters, c.adam.parameters, RTOL, 0, 'adam parameters');
      assertDictClose(a.v, c.adam.v, RTOL, 0, 'adam v');
      assertDictClose(a.s, c.adam.s, RTOL, 0, 'adam s');
      assertDictClose(a.vCorrected, c.adam.v_corrected, RTOL, 0, 'adam v_corrected');
      assertDictClose(a.sCorrected, c.adam.s_corrected, RTOL, 0, 'adam s_corrected');
      const inside = updateParametersWithAdam(parameters, grads, v, s, c.adam.t, c.adam.learning_rate, 0.9, 0.999, 1e-8, 'insideSqrt');
      assertDictClose(inside.parameters, c.adam_epsilon_inside_sqrt.parameters, RTOL, 0, 'adam (epsilon inside) parameters');
    });
  }

  it('tiny gradients tell the two epsilon placements apart where the notebook case cannot', () => {
    const tiny = cases.find((c) => c.grad_scale < 1e-3);
    assert.ok(tiny, 'the fixtures hold a tiny-gradient case');
    const [outside, inside] = [tiny.adam.parameters, tiny.adam_epsilon_inside_sqrt.parameters];
    const w0 = (d: NestedDict) => d.W1![0]![0]!;
    assert.ok(Math.abs(w0(outside) - w0(inside)) > 1e-5 * Math.abs(w0(outside)), 'the placements differ beyond rtol 1e-5');
  });
});

describe('optimizer steps in closed form', () => {
  const one = (w: number, b: number): Parameters => ({ W1: fromNested([[w]]), b1: fromNested([[b]]) });
  const grad = (dw: number, db: number): Grads => ({ dW1: fromNested([[dw]]), db1: fromNested([[db]]) });
  const close = (actual: number | undefined, expected: number) => assert.ok(Math.abs(actual! - expected) < 1e-15, `${actual} != ${expected}`);

  it('gradient descent moves against the gradient by learning_rate times it', () => {
    const out = updateParametersWithGd(one(2, -1), grad(0.5, -4), 0.1);
    close(out.W1!.data[0], 1.95);
    close(out.b1!.data[0], -0.6);
  });

  it('momentum builds up the velocity 0.1 g, then 0.19 g under a constant gradient', () => {
    let state = { parameters: one(1, 0), v: initializeVelocity(one(1, 0)) };
    state = updateParametersWithMomentum(state.parameters, grad(2, 2), state.v, 0.9, 0.5);
    close(state.v.dW1!.data[0], 0.2);
    close(state.parameters.W1!.data[0], 1 - 0.5 * 0.2);
    state = updateParametersWithMomentum(state.parameters, grad(2, 2), state.v, 0.9, 0.5);
    close(state.v.dW1!.data[0], 0.38);
    close(state.parameters.W1!.data[0], 0.9 - 0.5 * 0.38);
  });

  it('momentum with beta 0 is gradient descent', () => {
    const out = updateParametersWithMomentum(one(2, -1), grad(0.5, -4), initializeVelocity(one(0, 0)), 0, 0.1);
    assert.deepEqual(out.parameters, updateParametersWithGd(one(2, -1), grad(0.5, -4), 0.1));
  });

  it('Adam steps by learning_rate against the sign of a constant gradient (bias correction undoes the zero start)', () => {
    let { v, s } = initializeAdam(one(0, 0));
    let parameters = one(0, 0);
    for (let t = 1; t <= 3; t++) {
      ({ parameters, v, s } = updateParametersWithAdam(parameters, grad(3, -0.25), v, s, t, 0.01, 0.9, 0.999, 0));
      assert.ok(Math.abs(parameters.W1!.data[0]! + 0.01 * t) < 1e-14, `W after ${t} steps: ${parameters.W1!.data[0]}`);
      assert.ok(Math.abs(parameters.b1!.data[0]! - 0.01 * t) < 1e-14, `b after ${t} steps: ${parameters.b1!.data[0]}`);
    }
  });

  it('Adam with epsilon outside the sqrt does not divide by zero on a zero gradient', () => {
    const { v, s } = initializeAdam(one(1, 1));
    const out = updateParametersWithAdam(one(1, 1), grad(0, 0), v, s, 1);
    assert.deepEqual(out.parameters, one(1, 1));
  });

  it('names a missing key or a shape that does not match', () => {
    assert.throws(() => updateParametersWithGd(one(1, 1), { dW1: fromNested([[1]]) }, 0.1), /Missing key "db1"/);
    assert.throws(() => updateParametersWithGd(one(1, 1), { dW1: fromNested([[1, 2]]), db1: fromNested([[1]]) }, 0.1), /W1 and dW1: shapes \(1, 1\) and \(1, 2\) differ/);
    assert.throws(() => updateParametersWithMomentum(one(1, 1), grad(1, 1), {}, 0.9, 0.1), /Missing key "dW1"/);
    const { v } = initializeAdam(one(1, 1));
    assert.throws(() => updateParametersWithAdam(one(1, 1), grad(1, 1), v, { ...v, dW1: fromNested([[0, 0]]) }, 1), /W1 and s dW1/);
  });
});
