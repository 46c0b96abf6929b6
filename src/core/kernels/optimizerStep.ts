import type { KernelState } from './epochKernel';

/**
 * One update of every parameter from the mini-batch gradients `grads` (same layout as the
 * parameters): t is incremented first (as the notebook's Adam counts it), the optimizer's step
 * values are computed for that t, then its `update` runs on the flat buffers.
 *
 * @example
 * applyUpdate(state, grads, 0.0007); // state.params updated in place (and the optimizer's state, t)
 */
export function applyUpdate(state: KernelState, grads: Float64Array, learningRate: number): void {
  const { optimizer, params, h, stepValues } = state;
  const t = state.counters[0]! + 1;
  state.counters[0] = t;
  optimizer.stepValues?.compute(t, learningRate, h, stepValues, 0);
  optimizer.update({ p: params, g: grads, state: state.optimizerState, learningRate, h, step: stepValues, stepAt: 0, n: params.length });
}
