// Every `optimizationLab.*` setting is read here and nowhere else (CONTRIBUTING.md, settings checklist):
// declared in package.json, typed here, documented in the README's settings table. Its default lives in
// src/shared/settingDefaults.ts, shared with the language server and tested against package.json.
import * as vscode from 'vscode';
import { isOptimizerId, type OptimizerId } from '../core/optimizers/registry';
import { isLearningRateDecay, type LearningRateDecay } from '../core/trainer/learningRateDecay';
import { CONFIG_PARAMETERS } from '../core/trainer/trainConfig';
import type { RunOn } from '../shared/protocol';
import { SETTING_DEFAULTS, type NumericSetting, type SettingValues } from '../shared/settingDefaults';

export const SETTINGS_SECTION = 'optimizationLab';

/**
 * Hyperparameters and data of the train commands, with the notebook's defaults. The numeric ones
 * (learningRate, epochs, beta1, rmspropAlpha, ...) are the `setting` names of CONFIG_PARAMETERS.
 */
export interface TrainingSettings extends Record<NumericSetting, number> {
  /** Data set file relative to the workspace folder, `moons` for the built-in set, '' to pick one. */
  dataset: string;
  /** Hidden and output layer sizes; the input size comes from the data set. */
  layers: number[];
  /** mathjs expression in `epoch` and `lr0`; '' for a constant learning rate. */
  learningRateSchedule: string;
  /** The course's update_lr / schedule_lr_decay, or 'none'. */
  learningRateDecay: LearningRateDecay;
  /** What Compare Optimizers trains. */
  compareOptimizers: OptimizerId[];
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
  const decay = c.get<unknown>('learningRateDecay');
  const compare = c.get<unknown>('compareOptimizers');
  const numeric = Object.fromEntries(
    CONFIG_PARAMETERS.flatMap((p) => (p.setting === undefined ? [] : [[p.setting, num(p.setting as NumericSetting)]])),
  ) as Record<NumericSetting, number>;
  return {
    training: {
      ...numeric,
      dataset: str('dataset'),
      layers: Array.isArray(layers) && layers.every((n) => typeof n === 'number') ? (layers as number[]) : [...d.layers],
      learningRateSchedule: str('learningRateSchedule'),
      learningRateDecay: isLearningRateDecay(decay) ? decay : d.learningRateDecay,
      compareOptimizers:
        Array.isArray(compare) && compare.length > 0 && compare.every(isOptimizerId) ? [...new Set(compare)] : [...d.compareOptimizers],
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
