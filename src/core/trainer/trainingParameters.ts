import { closed, open, type ParameterSpec } from './parameterSpec';

export type TrainingParameterKey =
  | 'learningRate'
  | 'miniBatchSize'
  | 'numEpochs'
  | 'seed'
  | 'initSeed'
  | 'recordEvery'
  | 'printEvery'
  | 'decayRate'
  | 'decayInterval';

const MAX_SEED = 0xffffffff;

/**
 * The notebook's `model()` knobs that every optimizer shares, declared once (see parameterSpec.ts);
 * the optimizers' own hyperparameters are in src/core/optimizers/hyperparameters.ts.
 */
export const TRAINING_PARAMETERS: readonly ParameterSpec<TrainingParameterKey>[] = [
  { key: 'learningRate', title: 'Learning rate', setting: 'learningRate', flag: 'learning-rate', kind: 'number', default: 0.0007, min: open(0), help: 'Learning rate.' },
  { key: 'miniBatchSize', title: 'Mini-batch size', setting: 'miniBatchSize', flag: 'mini-batch-size', kind: 'integer', default: 64, min: closed(1), help: 'Examples per mini-batch; the last one of an epoch may be smaller.' },
  { key: 'numEpochs', title: 'Epochs', setting: 'epochs', flag: 'epochs', kind: 'integer', default: 10000, min: closed(1), help: 'Passes over the data set.' },
  { key: 'seed', title: 'Seed', setting: 'seed', flag: 'seed', kind: 'integer', default: 10, min: closed(-1), max: closed(MAX_SEED), help: 'Mini-batch seed; epoch i shuffles with seed + i + 1, as the notebook.' },
  { key: 'initSeed', title: 'Initialization seed', flag: 'init-seed', kind: 'integer', default: 3, min: closed(0), max: closed(MAX_SEED), help: 'Seed of initialize_parameters.' },
  { key: 'recordEvery', title: 'Plot every', setting: 'plotEvery', flag: 'record-every', kind: 'integer', default: 100, min: closed(1), help: 'Record the cost (and update the live plots) every N epochs.' },
  { key: 'printEvery', title: 'Print every', flag: 'print-every', kind: 'integer', default: 1000, min: closed(1), help: 'Print "Cost after epoch i" every N epochs.' },
  { key: 'decayRate', title: 'Decay rate', setting: 'decayRate', flag: 'decay-rate', kind: 'number', default: 1, min: closed(0), help: "The decay_rate of the course's update_lr and schedule_lr_decay." },
  { key: 'decayInterval', title: 'Decay interval', setting: 'decayInterval', flag: 'decay-interval', kind: 'integer', default: 1000, min: closed(1), help: "schedule_lr_decay's time_interval: the learning rate drops every N epochs." },
];
