import { FlatForward } from '../kernels/flatForward';
import { crossEntropyTerm } from '../nn/cost';
import type { NetworkLayout } from '../kernels/networkLayout';

/**
 * Whether a mini-batch's cost that came out NaN or infinite is only the notebook's `compute_cost`
 * meeting 0 × log 0 in a run that is learning, not a diverging run. The notebook's
 * `-log(1 - a) * (1 - y)` is `Infinity * 0 = NaN` where an output is exactly the label 1 (or 0: the
 * sigmoid saturates there once |z| > 37), a term whose limit is 0; numpy's loop records the NaN and
 * trains on. So the cost is taken again with those terms as 0, and the run goes on when it is finite
 * and below ln 2 per output, the cost of answering 0.5 everywhere: the network fits these examples.
 * An output saturated against its label (a term that is truly infinite), a NaN output, or a cost
 * above chance (weights blown up, outputs saturated every which way) is divergence.
 *
 * The outputs are those of the current parameters (after the mini-batch's update; the kernels do not keep the
 * ones before it): the learner trainer (python/optlab_train.py) decides the same way, so both runs agree.
 *
 * @example
 * onlySaturated(layout, params, xt, yt, order.subarray(lastStart)); // true: keep training, the cost is NaN
 */
export function onlySaturated(layout: NetworkLayout, params: Float64Array, xt: Float64Array, yt: Float64Array, examples: Int32Array): boolean {
  const forward = new FlatForward(layout, params, xt);
  const nL = layout.dims[layout.layers]!;
  let sum = 0;
  for (const j of examples) {
    const out = forward.outputs(j);
    for (let i = 0; i < nL; i++) {
      const a = out[i]!;
      const y = yt[j * nL + i]!;
      // The 0 × log 0 terms, whose limit is 0; every other term as the notebook computes it.
      if (!((a === 1 && y === 1) || (a === 0 && y === 0))) sum += crossEntropyTerm(a, y);
    }
  }
  // NaN (a NaN output) and Infinity (a saturated wrong answer) fail the comparison too.
  return sum / (examples.length * nL) < Math.LN2;
}

/**
 * What a run whose recorded cost was NaN at some epochs without diverging tells the learner.
 *
 * @example
 * saturationNote(3, 280); // 'the cost is NaN at 3 recorded epochs (the first: 280): ...'
 */
export function saturationNote(epochs: number, first: number): string {
  const where = epochs === 1 ? `epoch ${first}` : `${epochs} recorded epochs (the first: ${first})`;
  return (
    `the cost is NaN at ${where}: an output reached exactly 0 or 1 on an example of that class, where the ` +
    'notebook\'s cost computes 0 × log 0; the network fits those examples, so training went on, as numpy\'s loop does'
  );
}
