import type { Hyperparameters } from '../optimizers/hyperparameters';
import type { OptimizerDefinition } from '../optimizers/optimizer';
import type { NetworkLayout } from './networkLayout';
import { stepValueTable, type StepValueTable } from './stepValueTable';

/**
 * Everything one epoch of the notebook's loop reads and writes, preallocated once per training run.
 * Samples are stored sample-major (`xt[j * n0 + k]` is feature k of example j) so that the
 * mini-batch gather is a contiguous read; `order` says which examples form the batches.
 */
export interface KernelState {
  readonly layout: NetworkLayout;
  readonly optimizer: OptimizerDefinition;
  /** Examples, sample-major: m x n0. */
  readonly xt: Float64Array;
  /** Labels, sample-major: m x nL. */
  readonly yt: Float64Array;
  readonly m: number;
  readonly miniBatchSize: number;
  readonly h: Readonly<Hyperparameters>;
  /** Parameters, updated in place (layout: see NetworkLayout). */
  readonly params: Float64Array;
  /** The optimizer's state buffers (OptimizerDefinition.state: momentum's v, Adam's v and s...). */
  readonly optimizerState: readonly Float64Array[];
  /** counters[0] is t, the number of updates so far, incremented before each update as the notebook's Adam does. */
  readonly counters: Float64Array;
  /** Room for one update's step values (OptimizerDefinition.stepValues). */
  readonly stepValues: Float64Array;
  /** Where the step values come from when they are kept across runs (see stepValueTable). */
  readonly stepTable: StepValueTable | undefined;
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

/**
 * A KernelState with the optimizer's state at zero and t = 0.
 */
export function kernelState(
  init: Omit<KernelState, 'optimizerState' | 'counters' | 'stepValues' | 'stepTable'>,
): KernelState {
  const { optimizer, layout } = init;
  return {
    ...init,
    optimizerState: optimizer.state.map(() => new Float64Array(layout.size)),
    counters: new Float64Array(1),
    stepValues: new Float64Array(optimizer.stepValues?.count ?? 0),
    stepTable: stepValueTable(optimizer, init.h),
  };
}
