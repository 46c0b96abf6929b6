import { kernelState, type EpochKernel, type KernelState } from '../kernels/epochKernel';
import { flatAccuracy } from '../kernels/flatAccuracy';
import { createGenericKernel, type GenericKernel } from '../kernels/genericKernel';
import { networkLayout, packParameters, unpackParameters, type NetworkLayout } from '../kernels/networkLayout';
import { createMatrixKernel } from '../kernels/matrixKernel';
import { createWasmKernel, MAX_WASM_PARAMETERS, UNROLLED_UP_TO_PARAMETERS } from '../kernels/wasmKernel';
import type { Matrix } from '../linalg/matrix';
import { transpose } from '../linalg/ops';
import { initializeParameters } from '../nn/initializeParameters';
import { HYPERPARAMETERS, type Hyperparameters } from '../optimizers/hyperparameters';
import { optimizer } from '../optimizers/registry';
import { divergenceCause, majorityClassWarning } from './divergence';
import { allFinite } from './allFinite';
import { onlySaturated, saturationNote } from './saturation';
import { EpochShuffle } from './epochShuffle';
import { permutationMemo } from './permutationMemo';
import { decayedLearningRate } from './learningRateDecay';
import type { StepParameter, StepSnapshot } from './stepSnapshot';
import { validateTrainConfig, type TrainConfig } from './trainConfig';
import type { TrainHooks, TrainOptions, TrainResult } from './trainer';

/**
 * One run of the notebook's `model()` loop that can advance a mini-batch at a time (`step`) and
 * then run to the end (`run`) with the same numbers as an uninterrupted run: stepped mini-batches
 * use the generic kernel's `runBatch`, whole epochs the fastest kernel, and the kernels give the
 * same bits (src/core/kernels/CONTRACT.md). `train()` is `new TrainingRun(...).run(hooks)`.
 *
 * A run stops early when asked (`shouldStop`) or when it diverges: after every epoch, a NaN or
 * infinite parameter or recorded cost ends it with the epoch and the likely cause.
 *
 * @example
 * const run = new TrainingRun(X, Y, defaultTrainConfig('adam'));
 * run.step('batch').t; // 1
 * run.run().accuracy; // 0.94, as train() gives
 */
export class TrainingRun {
  readonly config: TrainConfig;
  readonly layout: NetworkLayout;
  /** Mini-batches per epoch, and their size (the last may be smaller; a size above m is m). */
  readonly batches: number;
  private readonly batchSize: number;
  private readonly state: KernelState;
  private readonly generic: GenericKernel;
  private readonly shuffle: EpochShuffle;
  private readonly largestFeature: number;
  private kernel: EpochKernel | undefined;
  private order: Int32Array = new Int32Array(0);
  /** The epoch in progress (or the next), and the next mini-batch of it (0: not started). */
  private epoch = 0;
  private batch = 0;
  private seed: number;
  private learningRate = NaN;
  private readonly costs: number[] = [];
  private readonly printedCosts: number[] = [];
  private readonly recordEpochs: number[] = [];
  /** Recorded costs that were NaN or infinite from saturated outputs alone (onlySaturated), and the first such epoch. */
  private readonly saturated: { count: number; first?: number } = { count: 0 };
  private epochsRun = 0;
  private stopped = false;
  private diverged: TrainResult['diverged'];
  private seconds = 0;

  constructor(
    X: Matrix,
    Y: Matrix,
    config: TrainConfig,
    private readonly options: TrainOptions = {},
  ) {
    validateTrainConfig(config, X.rows, Y.rows);
    const m = X.cols;
    if (m < 1) throw new RangeError('X must hold at least one example (column)');
    if (Y.cols !== m) throw new RangeError(`X has ${m} examples but Y has ${Y.cols}`);
    if (X.data.length !== X.rows * m || Y.data.length !== Y.rows * m) throw new RangeError('X or Y data length does not match its shape');
    this.config = config;
    this.layout = networkLayout(config.layersDims);
    const params = new Float64Array(this.layout.size);
    packParameters(this.layout, initializeParameters(config.layersDims, config.initSeed), params);
    // The kernels read examples sample-major (m x n0, m x nL): one contiguous read per example.
    const xt = transpose(X).data;
    const yt = transpose(Y).data;
    const h = Object.fromEntries(HYPERPARAMETERS.map(({ key }) => [key, config[key]])) as Hyperparameters;
    this.state = kernelState({ layout: this.layout, optimizer: optimizer(config.optimizer), xt, yt, m, miniBatchSize: config.miniBatchSize, h, params });
    this.generic = createGenericKernel(this.state);
    if (options.kernel === 'wasm') this.fastKernel(); // throws now, before any work, where WebAssembly is missing
    this.shuffle = new EpochShuffle(new Int32Array(m));
    this.batchSize = Math.min(config.miniBatchSize, m);
    this.batches = Math.ceil(m / this.batchSize);
    this.seed = config.seed;
    let largest = 0;
    for (const x of xt) largest = Math.max(largest, Math.abs(x));
    this.largestFeature = largest;
  }

  /** Whether every epoch ran, or the run stopped or diverged. */
  get done(): boolean {
    return this.epoch >= this.config.numEpochs || this.stopped || this.diverged !== undefined;
  }

  /**
   * One mini-batch ('batch') or the rest of the current epoch ('epoch'), with the generic kernel;
   * returns what the last mini-batch did. Call before `run`: once whole epochs ran in the fast
   * kernel, the optimizer's state lives there.
   */
  step(unit: 'batch' | 'epoch'): StepSnapshot {
    if (this.kernel !== undefined) throw new Error('this run already trained whole epochs; it cannot step any more');
    let snapshot: StepSnapshot | undefined;
    do {
      if (this.done) return snapshot ?? this.emptySnapshot();
      if (this.batch === 0) this.startEpoch();
      snapshot = this.stepBatch();
    } while (unit === 'epoch' && this.batch !== 0);
    return snapshot;
  }

  /** Runs to the last epoch (or a stop, or divergence) and returns the result; stepped mini-batches count. */
  run(hooks: TrainHooks = {}): TrainResult {
    this.runFor(Infinity, hooks);
    return this.result();
  }

  /**
   * Trains whole epochs for about `ms` milliseconds (at least one epoch), and can be called again to go on:
   * a caller that must stay responsive (a stop arriving as a message) trains in slices. True once `done`.
   */
  runFor(ms: number, hooks: TrainHooks = {}): boolean {
    const started = performance.now();
    // Mid-epoch after stepping: the epoch's remaining mini-batches with the kernel that stepped.
    while (this.batch !== 0 && !this.done) this.stepBatch(hooks);
    const kernel = this.fastKernel();
    while (!this.done) {
      if (hooks.shouldStop?.()) {
        this.stopped = true;
        break;
      }
      this.startEpoch();
      const cost = kernel.runEpoch(this.order, this.learningRate, this.wantsCost());
      this.endEpoch(cost, hooks);
      // (A whole run skips the clock: 10 000 reads were about 1 % of the notebook's run.)
      if (ms !== Infinity && performance.now() - started >= ms) break;
    }
    this.seconds += (performance.now() - started) / 1000;
    return this.done;
  }

  /** The run as it stands (final once `done`). */
  result(): TrainResult {
    const { layout, state } = this;
    const accuracy = this.kernel?.accuracy?.() ?? flatAccuracy(layout, state.params, state.xt, state.yt, state.m);
    const { count, first } = this.saturated;
    const notes = this.diverged
      ? []
      : [majorityClassWarning(accuracy, state.yt, layout.dims[layout.layers]!), first === undefined ? undefined : saturationNote(count, first)];
    const warning = notes.filter((note) => note !== undefined).join('; ') || undefined;
    return {
      optimizer: this.config.optimizer,
      config: this.config,
      costs: [...this.costs],
      printedCosts: [...this.printedCosts],
      recordEpochs: [...this.recordEpochs],
      parameters: unpackParameters(layout, state.params),
      accuracy,
      seconds: this.seconds,
      epochsRun: this.epochsRun,
      stopped: this.stopped,
      kernel: this.kernel?.kind ?? 'generic',
      ...(this.diverged ? { diverged: this.diverged } : {}),
      ...(warning ? { warning } : {}),
    };
  }

  /**
   * The kernel for whole epochs: the unrolled WebAssembly one for small networks (the notebook's), the
   * matrix one above UNROLLED_UP_TO_PARAMETERS, the generic loop where WebAssembly is refused. Created
   * now, not earlier: the WebAssembly kernels copy the parameters and the optimizer's state in.
   */
  private fastKernel(): EpochKernel {
    if (this.kernel) return this.kernel;
    const wanted = this.options.kernel ?? 'auto';
    const { state } = this;
    let kernel: EpochKernel | undefined;
    if (wanted === 'generic') kernel = this.generic;
    else if (wanted === 'wasm' || (wanted === 'auto' && state.layout.size <= UNROLLED_UP_TO_PARAMETERS)) kernel = createWasmKernel(state);
    else kernel = createMatrixKernel(state);
    if (kernel === undefined && wanted === 'wasm') {
      throw new Error(`The WebAssembly kernel is not available here (WebAssembly with SIMD missing or refused, or more than ${MAX_WASM_PARAMETERS} parameters)`);
    }
    if (kernel === undefined && wanted === 'matrix') throw new Error('The matrix kernel is not available here (WebAssembly with SIMD missing or refused)');
    // 'auto': a refused WebAssembly kernel means WebAssembly is refused here.
    kernel ??= this.generic;
    this.kernel = kernel;
    return kernel;
  }

  private wantsCost(): boolean {
    return this.epoch % this.config.recordEvery === 0 || this.epoch % this.config.printEvery === 0;
  }

  private startEpoch(): void {
    const { config } = this;
    // random_mini_batches: np.random.seed(seed); permutation(m) — the same draws, into one buffer.
    this.seed += 1;
    // The run before (a comparison's, a live scrub's) may have made this epoch's permutation already.
    if (permutationMemo.get(this.state.m, this.seed, this.shuffle.order)) {
      this.order = this.shuffle.order;
    } else {
      this.order = this.shuffle.permute(this.seed);
      permutationMemo.put(this.seed, this.order, this.epoch === 0);
    }
    const lr0 = config.learningRate;
    const learningRate =
      config.learningRateAt === undefined
        ? decayedLearningRate(config.decay, lr0, this.epoch, config.decayRate, config.decayInterval)
        : config.learningRateAt(this.epoch, lr0);
    if (!Number.isFinite(learningRate) || learningRate <= 0) {
      throw new RangeError(`learningRateAt(${this.epoch}, ${lr0}) must return a finite number > 0, got ${learningRate}`);
    }
    this.learningRate = learningRate;
  }

  /** The next mini-batch of the epoch in progress with the generic kernel; ends the epoch after its last. */
  private stepBatch(hooks: TrainHooks = {}): StepSnapshot {
    const { state, batchSize } = this;
    const start = this.batch * batchSize;
    const end = Math.min(start + batchSize, state.m);
    const before = state.params.slice();
    // The cost changes no other number, so a stepped mini-batch always has one to show.
    const cost = this.generic.runBatch(this.order, start, end, this.learningRate, true);
    const snapshot = this.snapshot(before, cost, start, end);
    this.batch += 1;
    if (this.batch === this.batches) this.endEpoch(cost, hooks);
    return snapshot;
  }

  private endEpoch(cost: number, hooks: TrainHooks): void {
    const { config, epoch } = this;
    this.epochsRun += 1;
    const record = epoch % config.recordEvery === 0;
    if (epoch % config.printEvery === 0) this.printedCosts.push(cost);
    const costBad = this.wantsCost() && !Number.isFinite(cost);
    const diverged = !allFinite(this.state.params) || (costBad && !onlySaturated(this.layout, this.state.params, this.state.xt, this.state.yt, this.lastBatch()));
    if (costBad && !diverged) {
      this.saturated.count += 1;
      this.saturated.first ??= epoch;
    }
    if (record || diverged) {
      this.costs.push(cost);
      this.recordEpochs.push(epoch);
      hooks.onRecord?.({ epoch, cost, learningRate: this.learningRate }, () => unpackParameters(this.layout, this.state.params));
    }
    if (diverged) this.diverged = { epoch, cost, cause: divergenceCause(config, this.largestFeature) };
    this.epoch += 1;
    this.batch = 0;
  }

  /** The examples of the epoch's last mini-batch (whose cost the epoch reports). */
  private lastBatch(): Int32Array {
    return this.order.subarray((this.batches - 1) * this.batchSize, this.state.m);
  }

  private snapshot(before: Float64Array, cost: number, start: number, end: number): StepSnapshot {
    const { layout, state, config } = this;
    const def = state.optimizer;
    const t = state.counters[0]!;
    const uses = (key: string): boolean => (def.hyperparameters as readonly string[]).includes(key);
    const corrected = uses('beta1') && uses('beta2');
    const parameters: StepParameter[] = [];
    for (let l = 1; l <= layout.layers; l++) {
      const rows = layout.dims[l]!;
      const cols = layout.dims[l - 1]!;
      for (const [name, offset, size, c] of [[`W${l}`, layout.wOffset[l - 1]!, rows * cols, cols], [`b${l}`, layout.bOffset[l - 1]!, rows, 1]] as const) {
        const slice = (buffer: Float64Array): number[] => Array.from(buffer.subarray(offset, offset + size));
        const tensors = [{ label: `d${name}`, data: slice(this.generic.gradients) }];
        def.state.forEach((label, k) => tensors.push({ label, data: slice(state.optimizerState[k]!) }));
        if (corrected) {
          const c1 = 1 - Math.pow(config.beta1, t);
          const c2 = 1 - Math.pow(config.beta2, t);
          tensors.push({ label: 'v_corrected', data: slice(state.optimizerState[0]!).map((v) => v / c1) });
          tensors.push({ label: 's_corrected', data: slice(state.optimizerState[1]!).map((s) => s / c2) });
        }
        const after = slice(state.params);
        tensors.push({ label: 'step', data: slice(before).map((b, i) => b - after[i]!) });
        parameters.push({ name, rows: size / c, cols: c, tensors });
      }
    }
    const finishesEpoch = this.batch + 1 === this.batches;
    return {
      epoch: this.epoch,
      miniBatch: this.batch,
      miniBatches: this.batches,
      seed: this.seed,
      t,
      learningRate: this.learningRate,
      cost,
      examples: Array.from(this.order.subarray(start, end)),
      parameters,
      finished: finishesEpoch && this.epoch + 1 >= config.numEpochs,
    };
  }

  private emptySnapshot(): StepSnapshot {
    return {
      epoch: this.epoch,
      miniBatch: 0,
      miniBatches: this.batches,
      seed: this.seed,
      t: this.state.counters[0]!,
      learningRate: this.learningRate,
      cost: NaN,
      examples: [],
      parameters: [],
      finished: true,
    };
  }
}
