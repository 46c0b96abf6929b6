import type { NetworkLayout } from './networkLayout';
import type { OptimizerName } from '../trainer/trainConfig';

/**
 * Everything one epoch of the notebook's loop reads and writes, preallocated once per training run.
 * Samples are stored sample-major (`xt[j * n0 + k]` is feature k of example j) so that the
 * mini-batch gather is a contiguous read; `order` says which examples form the batches.
 */
export interface KernelState {
  readonly layout: NetworkLayout;
  readonly optimizer: OptimizerName;
  /** Examples, sample-major: m x n0. */
  readonly xt: Float64Array;
  /** Labels, sample-major: m x nL. */
  readonly yt: Float64Array;
  readonly m: number;
  readonly miniBatchSize: number;
  readonly beta: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Parameters, updated in place (layout: see NetworkLayout). */
  readonly params: Float64Array;
  /** Momentum's velocity or Adam's first moment. */
  readonly v: Float64Array;
  /** Adam's second moment. */
  readonly s: Float64Array;
  /** counters[0] is Adam's t, incremented before each Adam update as in the notebook. */
  readonly counters: Float64Array;
}

export type KernelKind = 'wasm' | 'matrix' | 'generic';

/** One epoch of the notebook's loop: unrolled WebAssembly, mini-batch matrices in WebAssembly, or generic JavaScript; all give the same bits on finite numbers. */
export interface EpochKernel {
  readonly kind: KernelKind;
  /**
   * Runs every mini-batch of one epoch (examples `order[0..B)`, `order[B..2B)`, ..., the last one
   * partial) and updates the parameters. Returns the cost of the epoch's last mini-batch when
   * `wantCost`, else NaN (the cost is skipped, which changes no other number).
   */
  runEpoch(order: Int32Array, learningRate: number, wantCost: boolean): number;
  /**
   * The notebook's `predict` accuracy of the current parameters on the whole training set, the same
   * number as flatAccuracy; kernels that can run the forward pass faster than flatAccuracy's loops provide it.
   */
  accuracy?(): number;
}
