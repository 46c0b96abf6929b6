/** The notebook's three optimizers, by the names its `model(..., optimizer)` takes. */
export type OptimizerName = 'gd' | 'momentum' | 'adam';

export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['gd', 'momentum', 'adam'];

/** Everything the notebook's `model(...)` takes, plus the seeds and reporting periods it hard-codes. */
export interface TrainConfig {
  optimizer: OptimizerName;
  layersDims: number[];
  learningRate: number;
  miniBatchSize: number;
  beta: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  numEpochs: number;
  /** Mini-batch seed, incremented before each epoch (the notebook starts from 10, so epoch 0 uses 11). */
  seed: number;
  /** Seed of `initialize_parameters` (the notebook: 3). */
  initSeed: number;
  /** Record the cost of the epoch's last mini-batch every N epochs (the notebook: 100). */
  recordEvery: number;
  /** "Cost after epoch i" every N epochs (the notebook: 1000). */
  printEvery: number;
  /** Optional learning-rate schedule, evaluated once at the start of each epoch. */
  learningRateAt?: (epoch: number, lr0: number) => number;
}

/**
 * Whether `name` is one of the notebook's three optimizers (narrows a string read from a flag or a setting).
 *
 * @example
 * [isOptimizerName('adam'), isOptimizerName('sgd')]; // [true, false]
 */
export function isOptimizerName(name: string): name is OptimizerName {
  return (OPTIMIZER_NAMES as readonly string[]).includes(name);
}

/**
 * The notebook's defaults for `model(X, Y, layers_dims, optimizer)`.
 *
 * @example
 * defaultTrainConfig('adam'); // layers [2, 5, 2, 1], lr 0.0007, batch 64, 10 000 epochs
 */
export function defaultTrainConfig(optimizer: OptimizerName, inputSize = 2): TrainConfig {
  return {
    optimizer,
    layersDims: [inputSize, 5, 2, 1],
    learningRate: 0.0007,
    miniBatchSize: 64,
    beta: 0.9,
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-8,
    numEpochs: 10000,
    seed: 10,
    initSeed: 3,
    recordEvery: 100,
    printEvery: 1000,
  };
}

const MAX_SEED = 0xffffffff;

/**
 * Throws a RangeError naming the first field that the notebook's loop could not run with.
 * `features` and `outputs` are the data set's row counts, checked against the first and last layer.
 *
 * @example
 * validateTrainConfig({ ...defaultTrainConfig('adam'), learningRate: 0 }); // throws 'learningRate must be a finite number > 0, got 0'
 */
export function validateTrainConfig(config: TrainConfig, features?: number, outputs?: number): void {
  const fail = (field: string, what: string, got: unknown): never => {
    throw new RangeError(`${field} must be ${what}, got ${String(got)}`);
  };
  if (!isOptimizerName(String(config.optimizer))) fail('optimizer', "one of 'gd', 'momentum', 'adam'", config.optimizer);
  const dims = config.layersDims;
  if (!Array.isArray(dims) || dims.length < 2 || dims.some((n) => !Number.isInteger(n) || n < 1)) {
    fail('layersDims', 'at least two positive integers', Array.isArray(dims) ? `[${dims.join(', ')}]` : dims);
  }
  if (features !== undefined && dims[0] !== features) {
    fail('layersDims[0]', `the number of features in X (${features})`, dims[0]);
  }
  if (outputs !== undefined && dims[dims.length - 1] !== outputs) {
    fail(`layersDims[${dims.length - 1}]`, `the number of rows of Y (${outputs})`, dims[dims.length - 1]);
  }
  const positive = (field: keyof TrainConfig): void => {
    const v = config[field];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) fail(field, 'a finite number > 0', v);
  };
  const positiveInteger = (field: keyof TrainConfig): void => {
    const v = config[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) fail(field, 'an integer >= 1', v);
  };
  const fraction = (field: keyof TrainConfig, closedTop: boolean): void => {
    const v = config[field];
    if (typeof v !== 'number' || !(v >= 0) || (closedTop ? v > 1 : v >= 1)) {
      fail(field, closedTop ? 'a number in [0, 1]' : 'a number in [0, 1)', v);
    }
  };
  positive('learningRate');
  positiveInteger('miniBatchSize');
  fraction('beta', true);
  fraction('beta1', false);
  fraction('beta2', false);
  positive('epsilon');
  positiveInteger('numEpochs');
  positiveInteger('recordEvery');
  positiveInteger('printEvery');
  if (!Number.isInteger(config.initSeed) || config.initSeed < 0 || config.initSeed > MAX_SEED) {
    fail('initSeed', 'an integer between 0 and 2**32 - 1', config.initSeed);
  }
  // Epoch i shuffles with seed + i + 1, which numpy requires to stay in [0, 2**32 - 1].
  if (!Number.isInteger(config.seed) || config.seed < -1 || config.seed + config.numEpochs > MAX_SEED) {
    fail('seed', `an integer between -1 and 2**32 - 1 - numEpochs (${MAX_SEED - config.numEpochs})`, config.seed);
  }
  if (config.learningRateAt !== undefined && typeof config.learningRateAt !== 'function') {
    fail('learningRateAt', 'a function (epoch, lr0) => number', config.learningRateAt);
  }
}
