/**
 * The optimizers' hyperparameters, each declared once: the TrainConfig field, the setting, the CLI
 * flag, the default, the valid range and the words that explain it. Settings (package.json and
 * src/shared/settingDefaults.ts), CLI flags and help, validation and the panel's controls are all
 * derived from this table; test/unit/core/optimizerRegistry.test.ts ties package.json to it.
 */

import { closed, open, type ParameterSpec } from '../trainer/parameterSpec';

export type HyperparameterKey = 'beta' | 'beta1' | 'beta2' | 'epsilon' | 'alpha' | 'weightDecay';

export type HyperparameterSpec = ParameterSpec<HyperparameterKey> & { readonly setting: string };

/** In the order the CLI's help and the settings list them. */
export const HYPERPARAMETERS: readonly HyperparameterSpec[] = [
  {
    key: 'beta',
    title: 'Beta',
    setting: 'beta',
    kind: 'number',
    flag: 'beta',
    default: 0.9,
    min: closed(0),
    max: closed(1),
    help: 'Momentum and Nesterov: the momentum coefficient beta.',
  },
  {
    key: 'beta1',
    title: 'Beta1',
    setting: 'beta1',
    kind: 'number',
    flag: 'beta1',
    default: 0.9,
    min: closed(0),
    max: open(1),
    help: 'Adam, AdamW, AMSGrad: decay of the first-moment estimate.',
  },
  {
    key: 'beta2',
    title: 'Beta2',
    setting: 'beta2',
    kind: 'number',
    flag: 'beta2',
    default: 0.999,
    min: closed(0),
    max: open(1),
    help: 'Adam, AdamW, AMSGrad: decay of the second-moment estimate.',
  },
  {
    key: 'epsilon',
    title: 'Epsilon',
    setting: 'epsilon',
    kind: 'number',
    flag: 'epsilon',
    default: 1e-8,
    min: open(0),
    help: 'Adam, RMSProp, AdamW, AMSGrad: added to the root of the second moment so the step never divides by zero.',
  },
  {
    key: 'alpha',
    title: 'RMSProp alpha',
    setting: 'rmspropAlpha',
    kind: 'number',
    flag: 'alpha',
    default: 0.99,
    min: closed(0),
    max: open(1),
    help: "RMSProp: decay of the squared-gradient average (torch.optim.RMSprop's alpha).",
  },
  {
    key: 'weightDecay',
    title: 'Weight decay',
    setting: 'weightDecay',
    kind: 'number',
    flag: 'weight-decay',
    default: 0.01,
    min: closed(0),
    help: "AdamW: decoupled weight decay; each step first scales every parameter by 1 - lr * weight_decay (torch.optim.AdamW's weight_decay).",
  },
];

export type Hyperparameters = Record<HyperparameterKey, number>;

/** Every hyperparameter at its default. */
export function defaultHyperparameters(): Hyperparameters {
  return Object.fromEntries(HYPERPARAMETERS.map((h) => [h.key, h.default])) as Hyperparameters;
}

export function hyperparameterSpec(key: HyperparameterKey): HyperparameterSpec {
  const spec = HYPERPARAMETERS.find((h) => h.key === key);
  if (spec === undefined) throw new RangeError(`unknown hyperparameter ${key}`);
  return spec;
}
