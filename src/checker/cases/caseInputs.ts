import type { Matrix } from '../../core/linalg/matrix';
import type { Grads, Parameters } from '../../core/nn/parameters';
import type { GradedFunction } from '../types';
import type { Edition } from './editions';

// The inputs of one test case, typed per function, so the reference and the mistaken variants can run on them.

export interface GdInputs {
  fn: 'update_parameters_with_gd';
  parameters: Parameters;
  grads: Grads;
  learningRate: number;
}

export interface MiniBatchInputs {
  fn: 'random_mini_batches';
  X: Matrix;
  Y: Matrix;
  /** The notebook's Y is `randn(1, m) < 0.5`, a bool array. */
  yDtype: 'bool' | 'float64';
  miniBatchSize: number;
  /** Undefined: not passed, the function's default (0) applies, as in the notebook's call. */
  seed: number | undefined;
}

export interface InitializationInputs {
  fn: 'initialize_velocity' | 'initialize_adam';
  parameters: Parameters;
}

export interface MomentumInputs {
  fn: 'update_parameters_with_momentum';
  parameters: Parameters;
  grads: Grads;
  v: Grads;
  beta: number;
  learningRate: number;
  /** The notebook calls `(parameters, grads, v, beta = 0.9, learning_rate = 0.01)`. */
  byKeyword: boolean;
}

export interface AdamHyperparameters {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export interface AdamInputs {
  fn: 'update_parameters_with_adam';
  parameters: Parameters;
  grads: Grads;
  v: Grads;
  s: Grads;
  t: number;
  /** Undefined: not passed, the notebook's defaults apply (0.01, 0.9, 0.999, 1e-8). */
  hyperparameters: AdamHyperparameters | undefined;
}

export interface LrInputs {
  fn: 'update_lr';
  learningRate0: number;
  epochNum: number;
  decayRate: number;
}

export interface ScheduleInputs {
  fn: 'schedule_lr_decay';
  learningRate0: number;
  epochNum: number;
  decayRate: number;
  /** Undefined: not passed, the function's default (1000) applies. */
  timeInterval: number | undefined;
}

export type CaseInputs = GdInputs | MiniBatchInputs | InitializationInputs | MomentumInputs | AdamInputs | LrInputs | ScheduleInputs;

export type InputsOf<F extends GradedFunction> = Extract<CaseInputs, { fn: F }>;

/** schedule_lr_decay's default time_interval. */
export const TIME_INTERVAL_DEFAULT = 1000;

export const ADAM_DEFAULTS: AdamHyperparameters = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/** One named test case of one function. */
export interface CheckCase<I extends CaseInputs = CaseInputs> {
  name: string;
  inputs: I;
  /** The editions whose notebook runs this case; undefined for the checker's own cases. */
  editions?: readonly Edition[];
}
