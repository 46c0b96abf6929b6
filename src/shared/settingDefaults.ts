/**
 * The default of every `optimizationLab.*` setting, keyed as in package.json without the section prefix.
 * package.json shows these values to the user; the extension falls back to them when a setting holds the
 * wrong type, the language server when the client sends nothing usable. One copy here, imported by both
 * sides, and test/unit/packaging/settingDefaults.test.ts fails when package.json and this file disagree.
 */
import type { RunOn } from './protocol';

export interface SettingValues {
  dataset: string;
  learningRate: number;
  miniBatchSize: number;
  epochs: number;
  beta: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  layers: readonly number[];
  seed: number;
  plotEvery: number;
  learningRateSchedule: string;
  pythonPath: string;
  'check.runOn': RunOn;
  'check.timeoutSeconds': number;
  'check.memoryLimitMb': number;
}

/** The notebook's hyperparameters and the checks' limits. */
export const SETTING_DEFAULTS: Readonly<SettingValues> = Object.freeze({
  dataset: '',
  learningRate: 0.0007,
  miniBatchSize: 64,
  epochs: 10000,
  beta: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  // Frozen so no reader can change the default for the others; readers hand out copies.
  layers: Object.freeze([5, 2, 1]),
  seed: 10,
  plotEvery: 100,
  learningRateSchedule: '',
  pythonPath: '',
  'check.runOn': 'save',
  'check.timeoutSeconds': 10,
  'check.memoryLimitMb': 1024,
});
