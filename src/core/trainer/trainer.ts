import type { Matrix } from '../linalg/matrix';
import { transpose } from '../linalg/ops';
import { initializeParameters } from '../nn/initializeParameters';
import type { Parameters } from '../nn/parameters';
import type { EpochKernel, KernelKind, KernelState } from '../kernels/epochKernel';
import { EpochShuffle } from './epochShuffle';
import { flatAccuracy } from '../kernels/flatAccuracy';
import { createGenericKernel } from '../kernels/genericKernel';
import { networkLayout, packParameters, unpackParameters } from '../kernels/networkLayout';
import { validateTrainConfig } from './trainConfig';
import { createMatrixKernel } from '../kernels/matrixKernel';
import { createWasmKernel, MAX_WASM_PARAMETERS, UNROLLED_UP_TO_PARAMETERS } from '../kernels/wasmKernel';
import type { OptimizerName, TrainConfig } from './trainConfig';

export type { OptimizerName, TrainConfig } from './trainConfig';
export { defaultTrainConfig, validateTrainConfig, OPTIMIZER_NAMES } from './trainConfig';

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
  /**
   * Which epoch kernel to use; 'auto' (default): the unrolled WebAssembly one up to
   * UNROLLED_UP_TO_PARAMETERS parameters, the matrix one above, the generic one where WebAssembly does not run.
   */
  kernel?: 'auto' | KernelKind;
}

export interface TrainResult {
  optimizer: OptimizerName;
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
  const state: KernelState = {
    layout,
    optimizer: config.optimizer,
    xt,
    yt,
    m,
    miniBatchSize: config.miniBatchSize,
    beta: config.beta,
    beta1: config.beta1,
    beta2: config.beta2,
    epsilon: config.epsilon,
    params,
    v: new Float64Array(layout.size),
    s: new Float64Array(layout.size),
    counters: new Float64Array(1),
  };
  const kernel = chooseKernel(state, options.kernel ?? 'auto');

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
    const learningRate = config.learningRateAt === undefined ? lr0 : config.learningRateAt(epoch, lr0);
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
    accuracy: kernel.accuracy?.() ?? flatAccuracy(layout, params, xt, yt, m),
    seconds,
    epochsRun,
    stopped,
    kernel: kernel.kind,
  };
}

function chooseKernel(state: KernelState, wanted: 'auto' | KernelKind): EpochKernel {
  if (wanted === 'generic') return createGenericKernel(state);
  const unrolledFirst = wanted === 'wasm' || (wanted === 'auto' && state.layout.size <= UNROLLED_UP_TO_PARAMETERS);
  const kernel = unrolledFirst ? createWasmKernel(state) : wanted === 'auto' || wanted === 'matrix' ? createMatrixKernel(state) : undefined;
  if (kernel !== undefined) return kernel;
  if (wanted === 'wasm') {
    throw new Error(`The WebAssembly kernel is not available here (WebAssembly with SIMD missing or refused, or more than ${MAX_WASM_PARAMETERS} parameters)`);
  }
  if (wanted === 'matrix') throw new Error('The matrix kernel is not available here (WebAssembly with SIMD missing or refused)');
  // 'auto': an unrolled kernel refused means WebAssembly is; a matrix kernel refused likewise.
  return createGenericKernel(state);
}
