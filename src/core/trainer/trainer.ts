import type { KernelKind } from '../kernels/epochKernel';
import type { Matrix } from '../linalg/matrix';
import type { Parameters } from '../nn/parameters';
import type { OptimizerId, TrainConfig } from './trainConfig';
import { TrainingRun } from './trainingRun';

export type { OptimizerId, TrainConfig } from './trainConfig';
export { defaultTrainConfig, validateTrainConfig } from './trainConfig';

/** One recorded point of the cost curve. */
export interface TrainRecord {
  epoch: number;
  /** Cost of the epoch's last mini-batch, as the notebook records it. */
  cost: number;
  /** Learning rate used in this epoch (differs from config.learningRate under a schedule). */
  learningRate: number;
}

export interface TrainHooks {
  /** Called every `recordEvery` epochs; `snapshot()` copies the current parameters. */
  onRecord?(record: TrainRecord, snapshot: () => Parameters): void;
  /** Polled before every epoch; true stops the run early (the result says `stopped`). */
  shouldStop?(): boolean;
}

export interface TrainOptions {
  /** Which epoch kernel to use; 'auto' (default) is the WebAssembly one wherever WebAssembly runs. */
  kernel?: 'auto' | KernelKind;
}

export interface TrainResult {
  optimizer: OptimizerId;
  config: TrainConfig;
  /** Cost every `recordEvery` epochs (the notebook's `costs`, plotted). */
  costs: number[];
  /** Cost every `printEvery` epochs (the notebook's "Cost after epoch i" lines). */
  printedCosts: number[];
  /** The epoch of each entry of `costs`. */
  recordEpochs: number[];
  parameters: Parameters;
  /** Training-set accuracy of the final parameters, as the notebook's `predict`. */
  accuracy: number;
  /** Wall time of the training loop alone. */
  seconds: number;
  epochsRun: number;
  stopped: boolean;
  kernel: KernelKind;
  /**
   * The epoch whose parameters or recorded cost became NaN or infinite (the run stopped there), and why. A cost
   * that is NaN only because saturated outputs equal their labels (0 × log 0, src/core/trainer/saturation.ts)
   * is recorded and the run goes on, as numpy's loop does.
   */
  diverged?: { epoch: number; cost: number; cause: string };
  /** What the learner should know about a run that did not diverge: it learned nothing useful (accuracy at the majority-class rate), or its cost was NaN from saturation at some epochs. */
  warning?: string;
}

/**
 * The notebook's `model(X, Y, layers_dims, optimizer, ...)`, fast: the same numbers as numpy's
 * loop (seed incremented before each epoch, numpy-identical permutations, Adam's t per update,
 * last partial batch kept), with no allocation per step. Stops early when `shouldStop` says so or
 * when the run diverges (see TrainingRun).
 *
 * @example
 * const result = train(X, Y, defaultTrainConfig('adam'));
 * result.accuracy; // 0.94 on the notebook's moons
 */
export function train(X: Matrix, Y: Matrix, config: TrainConfig, hooks: TrainHooks = {}, options: TrainOptions = {}): TrainResult {
  return new TrainingRun(X, Y, config, options).run(hooks);
}
