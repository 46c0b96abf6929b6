import { crossEntropyTerm } from '../nn/cost';
import type { EpochKernel, KernelState } from './epochKernel';
import { applyUpdate } from './optimizerStep';
import { branchFreeRelu } from '../nn/activations';

/**
 * The notebook's epoch with plain loops over the layer sizes: any network, no WebAssembly (so it
 * also runs where WebAssembly is refused, e.g. a Content-Security-Policy without
 * 'wasm-unsafe-eval'). It fuses forward and backward per example, which is valid because the
 * parameters do not change inside a mini-batch, and performs every floating-point operation in
 * the same order as the WebAssembly kernel: in particular each gradient is the sum over the
 * mini-batch's even positions plus the sum over its odd positions (the kernel's two SIMD lanes).
 *
 * @example
 * createGenericKernel(state).runEpoch(order, 0.0007, true); // the cost of the epoch's last mini-batch
 */
export interface GenericKernel extends EpochKernel {
  /**
   * One mini-batch, examples `order[start..end)`: gradients (left in `gradients`), then the
   * optimizer's update. Returns the mini-batch's cost when `wantCost`, else NaN. runEpoch is this
   * over the epoch's mini-batches; the Stepper calls it one at a time.
   */
  runBatch(order: Int32Array, start: number, end: number, learningRate: number, wantCost: boolean): number;
  /** The last mini-batch's gradients (parameter layout). */
  readonly gradients: Float64Array;
}

export function createGenericKernel(state: KernelState): GenericKernel {
  const { layout, xt, yt, m, miniBatchSize, params } = state;
  const { dims, layers: L, wOffset, bOffset } = layout;
  // Activations and deltas of one example, layer l at actOffset[l] (layer 0 is the input).
  const actOffset: number[] = [];
  let total = 0;
  for (const n of dims) {
    actOffset.push(total);
    total += n;
  }
  const act = new Float64Array(total);
  const delta = new Float64Array(total);
  // Gradient sums over the even and the odd positions of the mini-batch, then their sum.
  const sums = [new Float64Array(layout.size), new Float64Array(layout.size)] as const;
  const grads = new Float64Array(layout.size);
  const n0 = dims[0]!;
  const nL = dims[L]!;
  const outOffset = actOffset[L]!;

  function runEpoch(order: Int32Array, learningRate: number, wantCost: boolean): number {
    let cost = NaN;
    for (let start = 0; start < m; start += miniBatchSize) {
      const end = start + miniBatchSize < m ? start + miniBatchSize : m;
      cost = runBatch(order, start, end, learningRate, wantCost && end === m);
    }
    return cost;
  }

  function runBatch(order: Int32Array, start: number, end: number, learningRate: number, costHere: boolean): number {
    let cost = NaN;
    const invM = 1 / (end - start);
    let costSum = 0;
    sums[0].fill(0);
    sums[1].fill(0);
    for (let q = start; q < end; q++) {
      const j = order[q]!;
      const sum = (q - start) % 2 === 0 ? sums[0] : sums[1];
      for (let k = 0; k < n0; k++) act[k] = xt[j * n0 + k]!;
      // Forward: z = W a + b, ReLU on hidden layers, sigmoid on the last.
      for (let l = 1; l <= L; l++) {
        const rows = dims[l]!;
        const cols = dims[l - 1]!;
        const w = wOffset[l - 1]!;
        const b = bOffset[l - 1]!;
        const prev = actOffset[l - 1]!;
        const here = actOffset[l]!;
        for (let i = 0; i < rows; i++) {
          let z = params[w + i * cols]! * act[prev]!;
          for (let k = 1; k < cols; k++) z += params[w + i * cols + k]! * act[prev + k]!;
          z += params[b + i]!;
          act[here + i] = l < L ? branchFreeRelu(z) : 1 / (1 + Math.exp(-z));
        }
      }
      // Cost and dZ of the output layer: dz = (1/m) (a - y).
      for (let i = 0; i < nL; i++) {
        const a = act[outOffset + i]!;
        const y = yt[j * nL + i]!;
        if (costHere) costSum += crossEntropyTerm(a, y);
        delta[outOffset + i] = invM * (a - y);
      }
      // Backward: accumulate dW, db; dA_{l-1} = W^T dZ, masked where the activation is not > 0.
      for (let l = L; l >= 1; l--) {
        const rows = dims[l]!;
        const cols = dims[l - 1]!;
        const w = wOffset[l - 1]!;
        const b = bOffset[l - 1]!;
        const prev = actOffset[l - 1]!;
        const here = actOffset[l]!;
        for (let i = 0; i < rows; i++) {
          const dz = delta[here + i]!;
          for (let k = 0; k < cols; k++) sum[w + i * cols + k] = sum[w + i * cols + k]! + dz * act[prev + k]!;
          sum[b + i] = sum[b + i]! + dz;
        }
        if (l > 1) {
          for (let k = 0; k < cols; k++) {
            let da = params[w + k]! * delta[here]!;
            for (let i = 1; i < rows; i++) da += params[w + i * cols + k]! * delta[here + i]!;
            delta[prev + k] = da * (act[prev + k]! > 0 ? 1 : 0);
          }
        }
      }
    }
    if (costHere) cost = invM * costSum;
    for (let n = 0; n < grads.length; n++) grads[n] = sums[0][n]! + sums[1][n]!;
    applyUpdate(state, grads, learningRate);
    return cost;
  }

  return { kind: 'generic', runEpoch, runBatch, gradients: grads };
}
