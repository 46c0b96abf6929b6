import { defaultHyperparameters, HYPERPARAMETERS, type Hyperparameters } from '../optimizers/hyperparameters';
import { isOptimizerId, OPTIMIZER_IDS, type OptimizerId } from '../optimizers/registry';
import { isLearningRateDecay, LEARNING_RATE_DECAYS, type LearningRateDecay } from './learningRateDecay';
import { inRange, rangeText, type ParameterSpec } from './parameterSpec';
import { TRAINING_PARAMETERS, type TrainingParameterKey } from './trainingParameters';

export type { OptimizerId } from '../optimizers/registry';

/** Everything the notebook's `model(...)` takes, plus the seeds and reporting periods it hard-codes. */
export type TrainConfig = Record<TrainingParameterKey, number> &
  Hyperparameters & {
    optimizer: OptimizerId;
    layersDims: number[];
    /** The course's learning-rate decay, applied at the start of each epoch ('none': constant). */
    decay: LearningRateDecay;
    /** Optional learning-rate schedule, evaluated once at the start of each epoch (instead of `decay`). */
    learningRateAt?: (epoch: number, lr0: number) => number;
  };

/** Every numeric field of TrainConfig with its range: the trainer's knobs, then the optimizers' hyperparameters. */
export const CONFIG_PARAMETERS: readonly ParameterSpec<TrainingParameterKey | keyof Hyperparameters>[] = [...TRAINING_PARAMETERS, ...HYPERPARAMETERS];

/**
 * A TrainConfig field the notebook's loop could not run with. `field` is the config's name; the
 * CLI and the extension name it in their own terms (the flag, the setting) from CONFIG_PARAMETERS.
 */
export class TrainConfigError extends RangeError {
  constructor(
    readonly field: string,
    readonly requirement: string,
    readonly got: string,
  ) {
    super(`${field} must be ${requirement}, got ${got}`);
  }

  /** The same message with the field named as the caller's user knows it. */
  renamed(name: string): string {
    return `${name} must be ${this.requirement}, got ${this.got}`;
  }
}

/**
 * The notebook's defaults for `model(X, Y, layers_dims, optimizer)`, and torch.optim's for the
 * hyperparameters of the optimizers the notebook does not have.
 *
 * @example
 * defaultTrainConfig('adam'); // layers [2, 5, 2, 1], lr 0.0007, batch 64, 10 000 epochs
 */
export function defaultTrainConfig(optimizer: OptimizerId, inputSize = 2): TrainConfig {
  const trainer = Object.fromEntries(TRAINING_PARAMETERS.map((p) => [p.key, p.default])) as Record<TrainingParameterKey, number>;
  return { ...trainer, ...defaultHyperparameters(), optimizer, layersDims: [inputSize, 5, 2, 1], decay: 'none' };
}

/**
 * Throws a TrainConfigError naming the first field that the notebook's loop could not run with.
 * `features` and `outputs` are the data set's row counts, checked against the first and last layer.
 *
 * @example
 * validateTrainConfig({ ...defaultTrainConfig('adam'), learningRate: 0 }); // throws 'learningRate must be a number > 0, got 0'
 */
export function validateTrainConfig(config: TrainConfig, features?: number, outputs?: number): void {
  const fail = (field: string, what: string, got: unknown): never => {
    throw new TrainConfigError(field, what, String(got));
  };
  if (!isOptimizerId(config.optimizer)) fail('optimizer', `one of ${OPTIMIZER_IDS.join(', ')}`, config.optimizer);
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
  for (const spec of CONFIG_PARAMETERS) {
    if (!inRange(config[spec.key], spec)) fail(spec.key, rangeText(spec), config[spec.key]);
  }
  // Epoch i shuffles with seed + i + 1, which numpy requires to stay in [0, 2**32 - 1].
  const maxSeed = 0xffffffff - config.numEpochs;
  if (config.seed > maxSeed) fail('seed', `an integer between -1 and 2**32 - 1 - numEpochs (${maxSeed})`, config.seed);
  if (!isLearningRateDecay(config.decay)) fail('decay', `one of ${LEARNING_RATE_DECAYS.join(', ')}`, config.decay);
  if (config.learningRateAt !== undefined && typeof config.learningRateAt !== 'function') {
    fail('learningRateAt', 'a function (epoch, lr0) => number', config.learningRateAt);
  }
  if (config.learningRateAt !== undefined && config.decay !== 'none') {
    fail('decay', "'none' when a learning-rate schedule expression is given (use one or the other)", config.decay);
  }
}
