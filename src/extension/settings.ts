// Every `optimizationLab.*` setting is read here and nowhere else (CONTRIBUTING.md, settings checklist):
// declared in package.json, typed here, documented in the README's settings table.
import * as vscode from 'vscode';
import type { RunOn } from '../shared/protocol';

export const SETTINGS_SECTION = 'optimizationLab';

/** Hyperparameters and data of the train commands, with the notebook's defaults. */
export interface TrainingSettings {
  /** Data set file relative to the workspace folder, `moons` for the built-in set, '' to pick one. */
  dataset: string;
  learningRate: number;
  miniBatchSize: number;
  epochs: number;
  beta: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** Hidden and output layer sizes; the input size comes from the data set. */
  layers: number[];
  seed: number;
  /** mathjs expression in `epoch` and `lr0`; '' for a constant learning rate. */
  learningRateSchedule: string;
  /** Record the cost (and stream it to the plot) every N epochs; the notebook: 100. */
  plotEvery: number;
}

export interface CheckSettings {
  /** Interpreter for the learner's code; '' means the Python extension's choice, else `python3`. */
  pythonPath: string;
  runOn: RunOn;
  timeoutSeconds: number;
  memoryLimitMb: number;
}

export interface Settings {
  training: TrainingSettings;
  check: CheckSettings;
}

/** The notebook's values, also the package.json defaults: used when a setting holds the wrong type. */
const DEFAULT_TRAINING_SETTINGS: Readonly<TrainingSettings> = {
  dataset: '',
  learningRate: 0.0007,
  miniBatchSize: 64,
  epochs: 10000,
  beta: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  layers: [5, 2, 1],
  seed: 10,
  learningRateSchedule: '',
  plotEvery: 100,
};

const DEFAULT_CHECK_SETTINGS: Readonly<CheckSettings> = {
  pythonPath: '',
  runOn: 'save',
  timeoutSeconds: 10,
  memoryLimitMb: 1024,
};

/** Reads every setting for `scope` (a file or workspace folder, for folder-level values). */
function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const num = (key: string, fallback: number): number => {
    const v = c.get<unknown>(key);
    return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
  };
  const str = (key: string, fallback: string): string => {
    const v = c.get<unknown>(key);
    return typeof v === 'string' ? v.trim() : fallback;
  };
  const t = DEFAULT_TRAINING_SETTINGS;
  const layers = c.get<unknown>('layers');
  const runOn = c.get<unknown>('check.runOn');
  return {
    training: {
      dataset: str('dataset', t.dataset),
      learningRate: num('learningRate', t.learningRate),
      miniBatchSize: num('miniBatchSize', t.miniBatchSize),
      epochs: num('epochs', t.epochs),
      beta: num('beta', t.beta),
      beta1: num('beta1', t.beta1),
      beta2: num('beta2', t.beta2),
      epsilon: num('epsilon', t.epsilon),
      layers: Array.isArray(layers) && layers.every((n) => typeof n === 'number') ? (layers as number[]) : [...t.layers],
      seed: num('seed', t.seed),
      learningRateSchedule: str('learningRateSchedule', t.learningRateSchedule),
      plotEvery: num('plotEvery', t.plotEvery),
    },
    check: {
      pythonPath: str('pythonPath', DEFAULT_CHECK_SETTINGS.pythonPath),
      runOn: runOn === 'save' || runOn === 'type' || runOn === 'manual' ? runOn : DEFAULT_CHECK_SETTINGS.runOn,
      timeoutSeconds: num('check.timeoutSeconds', DEFAULT_CHECK_SETTINGS.timeoutSeconds),
      memoryLimitMb: num('check.memoryLimitMb', DEFAULT_CHECK_SETTINGS.memoryLimitMb),
    },
  };
}

export function readTrainingSettings(scope?: vscode.ConfigurationScope): TrainingSettings {
  return readSettings(scope).training;
}

export function readCheckSettings(scope?: vscode.ConfigurationScope): CheckSettings {
  return readSettings(scope).check;
}

/** Whether a configuration change touches any setting under `optimizationLab.<key>`. */
export function affects(event: vscode.ConfigurationChangeEvent, key: string): boolean {
  return event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`);
}
