import { FlatForward } from './flatForward';
import type { NetworkLayout } from './networkLayout';

/**
 * The notebook's `predict` accuracy on flat parameters: label 1 where the sigmoid output is
 * > 0.5, then the mean of (prediction == label) over every example (and output unit).
 *
 * @example
 * flatAccuracy(layout, params, xt, yt, m); // 0.94 after the notebook's Adam run
 */
export function flatAccuracy(layout: NetworkLayout, params: Float64Array, xt: Float64Array, yt: Float64Array, m: number): number {
  const forward = new FlatForward(layout, params, xt);
  const nL = layout.dims[layout.layers]!;
  let correct = 0;
  for (let j = 0; j < m; j++) {
    const out = forward.outputs(j);
    for (let i = 0; i < nL; i++) {
      const predicted = out[i]! > 0.5 ? 1 : 0;
      if (predicted === yt[j * nL + i]) correct++;
    }
  }
  return correct / (m * nL);
}
