import type { Matrix } from '../linalg/matrix';
import { transpose } from '../linalg/ops';
import { initializeParameters } from '../nn/initializeParameters';
import type { Parameters } from '../nn/parameters';
import { kernelState, type EpochKernel, type KernelKind } from '../kernels/epochKernel';
import { HYPERPARAMETERS, type Hyperparameters } from '../optimizers/hyperparameters';
import { optimizer } from '../optimizers/registry';
import { decayedLearningRate } from './learningRateDecay';
import { EpochShuffle } from './epochShuffle';
import { flatAccuracy } from '../kernels/flatAccuracy';
import { createGenericKernel } from '../kernels/genericKernel';
import { networkLayout, packParameters, unpackParameters } from '../kernels/networkLayout';
import { validateTrainConfig } from './trainConfig';
import { createWasmKernel, MAX_WASM_PARAMETERS } from '../kernels/wasmKernel';
import type { OptimizerId, TrainConfig } from './trainConfig';

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
}

/**
 * The notebook's `model(X, Y, layers_dims, optimizer, ...)`, fast: the same numbers as numpy's
 * loop (seed incremented before each epoch, numpy-identical permutations, Adam's t per update,
 * last partial batch kept), with no allocation per step.
 *
 * @example
 * const result = train(X, Y, defaultTrainConfig('adam'));
 * result.accuracy; // 0.94 on the notebook's moons
 */
export function train(X: Matrix, Y: Matrix, config: TrainConfig, hooks: TrainHooks = {}, options: TrainOptions = {}): TrainResult {
  validateTrainConfig(config, X.rows, Y.rows);
  const m = X.cols;
  if (m < 1) throw new RangeError('X must hold at least one example (column)');
  if (Y.cols !== m) throw new RangeError(`X has ${m} examples but Y has ${Y.cols}`);
  if (X.data.length !== X.rows * m || Y.data.length !== Y.rows * m) throw new RangeError('X or Y data length does not match its shape');

  const layout = networkLayout(config.layersDims);
  const params = new Float64Array(layout.size);
  packParameters(layout, initializeParameters(config.layersDims, config.initSeed), params);
  // The kernels read examples sample-major (m x n0, m x nL): one contiguous read per example.
  const xt = transpose(X).data;
  const yt = transpose(Y).data;
  const h = Object.fromEntries(HYPERPARAMETERS.map(({ key }) => [key, config[key]])) as Hyperparameters;
  const state = kernelState({ layout, optimizer: optimizer(config.optimizer), xt, yt, m, miniBatchSize: config.miniBatchSize, h, params });
  const wanted = options.kernel ?? 'auto';
  let kernel: EpochKernel | undefined = wanted === 'generic' ? undefined : createWasmKernel(state);
  if (kernel === undefined && wanted === 'wasm') {
    throw new Error(`The WebAssembly kernel is not available here (WebAssembly with SIMD missing or refused, or more than ${MAX_WASM_PARAMETERS} parameters)`);
  }
  kernel ??= createGenericKernel(state);

  const costs: number[] = [];
  const printedCosts: number[] = [];
  const recordEpochs: number[] = [];
  const snapshot = (): Parameters => unpackParameters(layout, params);
  const shuffle = new EpochShuffle(new Int32Array(m));
  const lr0 = config.learningRate;
  let seed = config.seed;
  let epochsRun = 0;
  let stopped = false;

  const started = performance.now();
  for (let epoch = 0; epoch < config.numEpochs; epoch++) {
    if (hooks.shouldStop?.()) {
      stopped = true;
      break;
    }
    // random_mini_batches: np.random.seed(seed); permutation(m) — the same draws, into one buffer.
    seed += 1;
    const order = shuffle.permute(seed);
    const learningRate =
      config.learningRateAt === undefined ? decayedLearningRate(config.decay, lr0, epoch, config.decayRate, config.decayInterval) : config.learningRateAt(epoch, lr0);
    if (!Number.isFinite(learningRate) || learningRate <= 0) {
      throw new RangeError(`learningRateAt(${epoch}, ${lr0}) must return a finite number > 0, got ${learningRate}`);
    }
    const record = epoch % config.recordEvery === 0;
    const print = epoch % config.printEvery === 0;
    const cost = kernel.runEpoch(order, learningRate, record || print);
    epochsRun++;
    if (print) printedCosts.push(cost);
    if (record) {
      costs.push(cost);
      recordEpochs.push(epoch);
      hooks.onRecord?.({ epoch, cost, learningRate }, snapshot);
    }
  }
  const seconds = (performance.now() - started) / 1000;

  return {
    optimizer: config.optimizer,
    config,
    costs,
    printedCosts,
    recordEpochs,
    parameters: snapshot(),
    accuracy: flatAccuracy(layout, params, xt, yt, m),
    seconds,
    epochsRun,
    stopped,
    kernel: kernel.kind,
  };
}
