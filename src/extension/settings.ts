// Every `optimizationLab.*` setting is read here and nowhere else (CONTRIBUTING.md, settings checklist):
// declared in package.json, typed here, documented in the README's settings table. Its default lives in
// src/shared/settingDefaults.ts, shared with the language server and tested against package.json.
import * as vscode from 'vscode';
import type { RunOn } from '../shared/protocol';
import { SETTING_DEFAULTS, type SettingValues } from '../shared/settingDefaults';

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

/** The settings whose value is exactly a `T` (so `check.runOn`, a string union, is not read as any string). */
type KeyWithValue<T> = {
  [K in keyof SettingValues]: SettingValues[K] extends T ? (T extends SettingValues[K] ? K : never) : never;
}[keyof SettingValues];

/** Reads every setting for `scope` (a file or workspace folder, for folder-level values). */
function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const d = SETTING_DEFAULTS;
  // A value of the wrong type (hand-edited settings.json) falls back to the default, not to undefined.
  const num = (key: KeyWithValue<number>): number => {
    const v = c.get<unknown>(key);
    return typeof v === 'number' && Number.isFinite(v) ? v : d[key];
  };
  const str = (key: KeyWithValue<string>): string => {
    const v = c.get<unknown>(key);
    return typeof v === 'string' ? v.trim() : d[key];
  };
  const layers = c.get<unknown>('layers');
  const runOn = c.get<unknown>('check.runOn');
  return {
    training: {
      dataset: str('dataset'),
      learningRate: num('learningRate'),
      miniBatchSize: num('miniBatchSize'),
      epochs: num('epochs'),
      beta: num('beta'),
      beta1: num('beta1'),
      beta2: num('beta2'),
      epsilon: num('epsilon'),
      layers: Array.isArray(layers) && layers.every((n) => typeof n === 'number') ? (layers as number[]) : [...d.layers],
      seed: num('seed'),
      learningRateSchedule: str('learningRateSchedule'),
      plotEvery: num('plotEvery'),
    },
    check: {
      pythonPath: str('pythonPath'),
      runOn: runOn === 'save' || runOn === 'type' || runOn === 'manual' ? runOn : d['check.runOn'],
      timeoutSeconds: num('check.timeoutSeconds'),
      memoryLimitMb: num('check.memoryLimitMb'),
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
