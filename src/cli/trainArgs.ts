import { isOptimizerId, NOTEBOOK_OPTIMIZER_IDS, OPTIMIZER_IDS, type OptimizerId } from '../core/optimizers/registry';
import { isLearningRateDecay, LEARNING_RATE_DECAYS, type LearningRateDecay } from '../core/trainer/learningRateDecay';
import { CONFIG_PARAMETERS, type TrainConfig } from '../core/trainer/trainConfig';
import { MOONS_OPTIONS, parseMoonsFlags, type MoonsSettings } from './moonsFlags';
import { parseFlags } from './parseFlags';
import { parseIntegerFlag, parseLayersFlag, parseNumberFlag } from './parseNumbers';
import { UsageError } from './usageError';

/** The built-in moons set (the notebook's `load_dataset`) or a data-set file. */
export type DatasetSource = ({ kind: 'moons' } & MoonsSettings) | { kind: 'file'; path: string };

/** What `optlab train ...` was asked to do. */
export interface TrainInvocation {
  optimizers: OptimizerId[];
  dataset: DatasetSource;
  /** Layers including the input size; undefined = [features, 5, 2, 1] as the notebook. */
  layers?: number[];
  /** TrainConfig fields set by flags (the rest keep the notebook's defaults). */
  overrides: Partial<Omit<TrainConfig, 'optimizer' | 'layersDims' | 'learningRateAt'>>;
  /** The course's learning-rate decay (--decay). */
  decay?: LearningRateDecay;
  /** --with FILE.py: train with the learner's own functions from this file, beside the reference. */
  withFile?: string;
  pythonPath: string;
  /** --time-limit: seconds a learner's run may take. */
  timeLimitSeconds: number;
  json: boolean;
  help: boolean;
}

type StringFlag = { readonly type: 'string' };

/** One string flag per numeric TrainConfig field, named as CONFIG_PARAMETERS declares (--learning-rate, --beta1, --alpha...). */
const CONFIG_FLAG_OPTIONS = Object.fromEntries(CONFIG_PARAMETERS.map((p) => [p.flag, { type: 'string' } as StringFlag])) as Record<string, StringFlag>;

/** The flags `optlab train` parses (TRAIN_HELP lists the same; test/unit/cli/help.test.ts checks). */
export const TRAIN_OPTIONS = {
  optimizer: { type: 'string', multiple: true, short: 'o' },
  dataset: { type: 'string', short: 'd' },
  ...CONFIG_FLAG_OPTIONS,
  epochs: { type: 'string', short: 'e' },
  decay: { type: 'string' },
  layers: { type: 'string' },
  with: { type: 'string' },
  python: { type: 'string' },
  'time-limit': { type: 'string' },
  ...MOONS_OPTIONS,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Flag names for the TrainConfig fields, to name a config error in the user's terms. */
export const FLAG_OF_FIELD: Readonly<Record<string, string>> = {
  optimizer: '--optimizer',
  layersDims: '--layers',
  decay: '--decay',
  ...Object.fromEntries(CONFIG_PARAMETERS.map((p) => [p.key, `--${p.flag}`])),
};

/**
 * Reads `optlab train` flags. Several --optimizer values (repeated or comma-separated) train one
 * after another; without --optimizer the notebook's three train, as its comparison does.
 */
export function parseTrainArgs(args: string[]): TrainInvocation {
  const { values: v } = parseFlags(args, TRAIN_OPTIONS, 'train');
  const optimizers: OptimizerId[] = [];
  for (const name of (v.optimizer ?? []).flatMap((o) => o.split(','))) {
    const trimmed = name.trim();
    if (!isOptimizerId(trimmed)) {
      throw new UsageError(`--optimizer must be one of ${OPTIMIZER_IDS.join(', ')}, got '${trimmed}'`);
    }
    if (!optimizers.includes(trimmed)) optimizers.push(trimmed);
  }
  if (optimizers.length === 0) optimizers.push(...NOTEBOOK_OPTIMIZER_IDS);

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
  const flags = v as Record<string, unknown>;
  for (const { flag, key, kind } of CONFIG_PARAMETERS) {
    const text = flags[flag];
    if (typeof text === 'string') overrides[key] = kind === 'integer' ? parseIntegerFlag(`--${flag}`, text) : parseNumberFlag(`--${flag}`, text);
  }

  const invocation: TrainInvocation = {
    optimizers,
    dataset,
    overrides,
    json: v.json ?? false,
    help: v.help ?? false,
    pythonPath: v.python ?? (process.platform === 'win32' ? 'python' : 'python3'),
    timeLimitSeconds: v['time-limit'] === undefined ? 600 : parseNumberFlag('--time-limit', v['time-limit']),
  };
  if (!(invocation.timeLimitSeconds > 0)) throw new UsageError(`--time-limit must be a number of seconds > 0, got ${v['time-limit']}`);
  if (v.with !== undefined) {
    invocation.withFile = v.with;
    const notNotebook = (v.optimizer ?? []).length > 0 ? optimizers.filter((o) => !NOTEBOOK_OPTIMIZER_IDS.includes(o)) : [];
    if (notNotebook.length > 0) throw new UsageError(`--with trains the notebook's optimizers with your functions (gd, momentum, adam), not ${notNotebook.join(', ')}`);
    // Without --optimizer: those whose update function the file defines (decided when the file is read).
    if ((v.optimizer ?? []).length === 0) optimizers.length = 0;
  }
  if (v.decay !== undefined) {
    if (!isLearningRateDecay(v.decay)) throw new UsageError(`--decay must be one of ${LEARNING_RATE_DECAYS.join(', ')}, got '${v.decay}'`);
    invocation.decay = v.decay;
  }
  if (v.layers !== undefined) invocation.layers = parseLayersFlag('--layers', v.layers);
  return invocation;
}
