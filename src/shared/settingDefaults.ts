/**
 * The default of every `optimizationLab.*` setting, keyed as in package.json without the section prefix.
 * package.json shows these values to the user; the extension falls back to them when a setting holds the
 * wrong type, the language server when the client sends nothing usable. One copy here, imported by both
 * sides, and test/unit/packaging/settingDefaults.test.ts fails when package.json and this file disagree.
 */
import { NOTEBOOK_OPTIMIZER_IDS, type OptimizerId } from '../core/optimizers/registry';
import type { LearningRateDecay } from '../core/trainer/learningRateDecay';
import { CONFIG_PARAMETERS } from '../core/trainer/trainConfig';
import type { RunOn } from './protocol';

/** The settings of CONFIG_PARAMETERS (learning rate, betas, ...): their defaults come from that table. */
export type NumericSetting =
  | 'learningRate'
  | 'miniBatchSize'
  | 'epochs'
  | 'seed'
  | 'plotEvery'
  | 'decayRate'
  | 'decayInterval'
  | 'beta'
  | 'beta1'
  | 'beta2'
  | 'epsilon'
  | 'rmspropAlpha'
  | 'weightDecay';

export interface SettingValues extends Record<NumericSetting, number> {
  dataset: string;
  layers: readonly number[];
  learningRateSchedule: string;
  learningRateDecay: LearningRateDecay;
  compareOptimizers: readonly OptimizerId[];
  pythonPath: string;
  'check.runOn': RunOn;
  'check.timeoutSeconds': number;
  'check.memoryLimitMb': number;
  'myFunctions.timeLimitSeconds': number;
}

/** The settings that set a CONFIG_PARAMETERS field, with their defaults from that table. */
function numericDefaults(): Record<NumericSetting, number> {
  const entries = CONFIG_PARAMETERS.filter((p) => p.setting !== undefined).map((p) => [p.setting, p.default]);
  return Object.fromEntries(entries) as Record<NumericSetting, number>;
}

/** The notebook's hyperparameters (torch.optim's for the optimizers it does not have) and the checks' limits. */
export const SETTING_DEFAULTS: Readonly<SettingValues> = Object.freeze({
  dataset: '',
  ...numericDefaults(),
  // Frozen so no reader can change the default for the others; readers hand out copies.
  layers: Object.freeze([5, 2, 1]),
  learningRateSchedule: '',
  learningRateDecay: 'none',
  compareOptimizers: Object.freeze([...NOTEBOOK_OPTIMIZER_IDS]),
  pythonPath: '',
  'check.runOn': 'save',
  'check.timeoutSeconds': 10,
  'check.memoryLimitMb': 1024,
  'myFunctions.timeLimitSeconds': 600,
});
