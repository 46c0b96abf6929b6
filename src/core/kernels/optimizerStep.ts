import type { KernelState } from './epochKernel';

/**
 * Counts one more update and writes its step values: t is incremented first (as the notebook's Adam
 * counts it), then the optimizer's step values for that t go to `out[at..at + count)`. Every kernel
 * calls it once per update, so t and the bias corrections are computed in one place.
 *
 * @example
 * nextStep(state, 0.0007, stepValues, 0); // state.counters[0] is t + 1; stepValues holds its 1 - beta^t
 */
export function nextStep(state: KernelState, learningRate: number, out: Float64Array, at: number): void {
  const t = state.counters[0]! + 1;
  state.counters[0] = t;
  if (state.stepTable) state.stepTable.write(t, learningRate, out, at);
  else state.optimizer.stepValues?.compute(t, learningRate, state.h, out, at);
}

/**
 * One update of every parameter from the mini-batch gradients `grads` (same layout as the
 * parameters): nextStep, then the optimizer's `update` on the flat buffers.
 *
 * @example
 * applyUpdate(state, grads, 0.0007); // state.params updated in place (and the optimizer's state, t)
 */
export function applyUpdate(state: KernelState, grads: Float64Array, learningRate: number): void {
  const { optimizer, params, h, stepValues } = state;
  nextStep(state, learningRate, stepValues, 0);
  optimizer.update({ p: params, g: grads, state: state.optimizerState, learningRate, h, step: stepValues, stepAt: 0, n: params.length });
}
