import { initializeAdam } from '../../core/reference/adam';
import { updateParametersWithAdam } from '../../core/reference/adam';
import { updateParametersWithGd } from '../../core/reference/gd';
import { initializeVelocity, updateParametersWithMomentum } from '../../core/reference/momentum';
import { randomMiniBatches } from '../../core/reference/miniBatches';
import type { Matrix } from '../../core/linalg/matrix';
import { pyDictOf, pyFloat, pyInt, pyList, pyMatrix, pyTuple, type PyValue } from '../pyValue';
import type { GradedFunction } from '../types';
import { scheduleLrDecay, updateLr } from './lrDecay';
import { ADAM_DEFAULTS, TIME_INTERVAL_DEFAULT, type CaseInputs, type MiniBatchInputs } from './caseInputs';

/** Positional and keyword arguments of the Python call a case makes. */
export interface PythonCall {
  args: PyValue[];
  kwargs: Record<string, PyValue>;
}

/** The call the notebook's test cell makes for these inputs. */
export function pythonCallOf(inputs: CaseInputs): PythonCall {
  switch (inputs.fn) {
    case 'update_parameters_with_gd':
      return { args: [pyDictOf(inputs.parameters), pyDictOf(inputs.grads), pyFloat(inputs.learningRate)], kwargs: {} };
    case 'random_mini_batches': {
      const args = [pyMatrix(inputs.X), pyMatrix(inputs.Y, inputs.yDtype), pyInt(inputs.miniBatchSize)];
      if (inputs.seed !== undefined) args.push(pyInt(inputs.seed));
      return { args, kwargs: {} };
    }
    case 'initialize_velocity':
    case 'initialize_adam':
      return { args: [pyDictOf(inputs.parameters)], kwargs: {} };
    case 'update_parameters_with_momentum': {
      const dicts = [pyDictOf(inputs.parameters), pyDictOf(inputs.grads), pyDictOf(inputs.v)];
      return inputs.byKeyword
        ? { args: dicts, kwargs: { beta: pyFloat(inputs.beta), learning_rate: pyFloat(inputs.learningRate) } }
        : { args: [...dicts, pyFloat(inputs.beta), pyFloat(inputs.learningRate)], kwargs: {} };
    }
    case 'update_parameters_with_adam': {
      const args = [pyDictOf(inputs.parameters), pyDictOf(inputs.grads), pyDictOf(inputs.v), pyDictOf(inputs.s)];
      const h = inputs.hyperparameters;
      if (h === undefined) return { args, kwargs: { t: pyInt(inputs.t) } };
      return { args: [...args, pyInt(inputs.t), pyFloat(h.learningRate), pyFloat(h.beta1), pyFloat(h.beta2), pyFloat(h.epsilon)], kwargs: {} };
    }
    case 'update_lr':
      return { args: [pyNumber(inputs.learningRate0), pyInt(inputs.epochNum), pyNumber(inputs.decayRate)], kwargs: {} };
    case 'schedule_lr_decay': {
      const args = [pyNumber(inputs.learningRate0), pyInt(inputs.epochNum), pyNumber(inputs.decayRate)];
      if (inputs.timeInterval !== undefined) args.push(pyInt(inputs.timeInterval));
      return { args, kwargs: {} };
    }
  }
}

/** A number as the notebook writes it: `1` as an int, `0.5` as a float. */
function pyNumber(x: number): PyValue {
  return Number.isInteger(x) ? pyInt(x) : pyFloat(x);
}

/** Mini-batches as Python holds them: a list of (X, Y) tuples, Y keeping the input's dtype. */
export function pyMiniBatches(batches: ReadonlyArray<readonly [Matrix, Matrix]>, inputs: MiniBatchInputs): PyValue {
  return pyList(batches.map(([x, y]) => pyTuple([pyMatrix(x), pyMatrix(y, inputs.yDtype)])));
}

/** What a correct implementation returns, computed by the core's reference functions. */
export function referenceResult(inputs: CaseInputs): PyValue {
  switch (inputs.fn) {
    case 'update_parameters_with_gd':
      return pyDictOf(updateParametersWithGd(inputs.parameters, inputs.grads, inputs.learningRate));
    case 'random_mini_batches':
      return pyMiniBatches(randomMiniBatches(inputs.X, inputs.Y, inputs.miniBatchSize, inputs.seed ?? 0), inputs);
    case 'initialize_velocity':
      return pyDictOf(initializeVelocity(inputs.parameters));
    case 'initialize_adam': {
      const { v, s } = initializeAdam(inputs.parameters);
      return pyTuple([pyDictOf(v), pyDictOf(s)]);
    }
    case 'update_parameters_with_momentum': {
      const r = updateParametersWithMomentum(inputs.parameters, inputs.grads, inputs.v, inputs.beta, inputs.learningRate);
      return pyTuple([pyDictOf(r.parameters), pyDictOf(r.v)]);
    }
    case 'update_parameters_with_adam': {
      const h = inputs.hyperparameters ?? ADAM_DEFAULTS;
      const r = updateParametersWithAdam(inputs.parameters, inputs.grads, inputs.v, inputs.s, inputs.t, h.learningRate, h.beta1, h.beta2, h.epsilon);
      return pyTuple([r.parameters, r.v, r.s, r.vCorrected, r.sCorrected].map(pyDictOf));
    }
    case 'update_lr':
      return pyFloat(updateLr(inputs.learningRate0, inputs.epochNum, inputs.decayRate));
    case 'schedule_lr_decay':
      return pyFloat(scheduleLrDecay(inputs.learningRate0, inputs.epochNum, inputs.decayRate, inputs.timeInterval ?? TIME_INTERVAL_DEFAULT));
  }
}

/** The names the notebook gives the returned values, for messages like `v["dW1"][0][2]`. */
export const RESULT_NAMES: Record<GradedFunction, readonly string[]> = {
  update_parameters_with_gd: ['parameters'],
  random_mini_batches: ['mini_batches'],
  initialize_velocity: ['v'],
  update_parameters_with_momentum: ['parameters', 'v'],
  initialize_adam: ['v', 's'],
  update_parameters_with_adam: ['parameters', 'v', 's', 'v_corrected', 's_corrected'],
  update_lr: ['learning_rate'],
  schedule_lr_decay: ['learning_rate'],
};
