import { isOptimizerName, OPTIMIZER_NAMES, type OptimizerName, type TrainConfig } from '../core/trainer/trainConfig';
import { MOONS_OPTIONS, parseMoonsFlags, type MoonsSettings } from './moonsFlags';
import { parseFlags } from './parseFlags';
import { parseIntegerFlag, parseLayersFlag, parseNumberFlag } from './parseNumbers';
import { UsageError } from './usageError';

/** The built-in moons set (the notebook's `load_dataset`) or a data-set file. */
export type DatasetSource = ({ kind: 'moons' } & MoonsSettings) | { kind: 'file'; path: string };

/** What `optlab train ...` was asked to do. */
export interface TrainInvocation {
  optimizers: OptimizerName[];
  dataset: DatasetSource;
  /** Layers including the input size; undefined = [features, 5, 2, 1] as the notebook. */
  layers?: number[];
  /** TrainConfig fields set by flags (the rest keep the notebook's defaults). */
  overrides: Partial<Omit<TrainConfig, 'optimizer' | 'layersDims' | 'learningRateAt'>>;
  json: boolean;
  help: boolean;
}

/** The flags `optlab train` parses (TRAIN_HELP lists the same; test/unit/cli/help.test.ts checks). */
export const TRAIN_OPTIONS = {
  optimizer: { type: 'string', multiple: true, short: 'o' },
  dataset: { type: 'string', short: 'd' },
  epochs: { type: 'string', short: 'e' },
  'learning-rate': { type: 'string' },
  'mini-batch-size': { type: 'string' },
  beta: { type: 'string' },
  beta1: { type: 'string' },
  beta2: { type: 'string' },
  epsilon: { type: 'string' },
  layers: { type: 'string' },
  seed: { type: 'string' },
  'init-seed': { type: 'string' },
  'record-every': { type: 'string' },
  'print-every': { type: 'string' },
  ...MOONS_OPTIONS,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OverriddenField = keyof TrainInvocation['overrides'];

/** The flags that set one numeric TrainConfig field each, in the order they are read (the first bad one is reported). */
const CONFIG_FLAGS: readonly (readonly [flag: keyof typeof TRAIN_OPTIONS, field: OverriddenField, kind: 'integer' | 'number'])[] = [
  ['epochs', 'numEpochs', 'integer'],
  ['learning-rate', 'learningRate', 'number'],
  ['mini-batch-size', 'miniBatchSize', 'integer'],
  ['beta', 'beta', 'number'],
  ['beta1', 'beta1', 'number'],
  ['beta2', 'beta2', 'number'],
  ['epsilon', 'epsilon', 'number'],
  ['seed', 'seed', 'integer'],
  ['init-seed', 'initSeed', 'integer'],
  ['record-every', 'recordEvery', 'integer'],
  ['print-every', 'printEvery', 'integer'],
];

/** Flag names for the TrainConfig fields, to turn validation messages into the user's terms. */
export const FLAG_OF_FIELD: Readonly<Record<string, string>> = {
  optimizer: '--optimizer',
  layersDims: '--layers',
  ...Object.fromEntries(CONFIG_FLAGS.map(([flag, field]) => [field, `--${flag}`])),
};

/**
 * Reads `optlab train` flags. Several --optimizer values (repeated or comma-separated) train one
 * after another; without --optimizer all three train, as the notebook's comparison does.
 */
export function parseTrainArgs(args: string[]): TrainInvocation {
  const { values: v } = parseFlags(args, TRAIN_OPTIONS, 'train');
  const optimizers: OptimizerName[] = [];
  for (const name of (v.optimizer ?? []).flatMap((o) => o.split(','))) {
    const trimmed = name.trim();
    if (!isOptimizerName(trimmed)) {
      throw new UsageError(`--optimizer must be one of ${OPTIMIZER_NAMES.join(', ')}, got '${trimmed}'`);
    }
    if (!optimizers.includes(trimmed)) optimizers.push(trimmed);
  }
  if (optimizers.length === 0) optimizers.push(...OPTIMIZER_NAMES);

  let dataset: DatasetSource;
  if (v.dataset === undefined || v.dataset === 'moons') {
    dataset = { kind: 'moons', ...parseMoonsFlags(v) };
  } else {
    const moonsFlag = (Object.keys(MOONS_OPTIONS) as (keyof typeof MOONS_OPTIONS)[]).find((f) => v[f] !== undefined);
    if (moonsFlag !== undefined) {
      throw new UsageError(`--${moonsFlag} shapes the built-in moons set and cannot be used with --dataset ${v.dataset}`);
    }
    dataset = { kind: 'file', path: v.dataset };
  }

  const overrides: TrainInvocation['overrides'] = {};
  for (const [flag, field, kind] of CONFIG_FLAGS) {
    const text = v[flag];
    if (typeof text === 'string') overrides[field] = kind === 'integer' ? parseIntegerFlag(`--${flag}`, text) : parseNumberFlag(`--${flag}`, text);
  }

  const invocation: TrainInvocation = { optimizers, dataset, overrides, json: v.json ?? false, help: v.help ?? false };
  if (v.layers !== undefined) invocation.layers = parseLayersFlag('--layers', v.layers);
  return invocation;
}
