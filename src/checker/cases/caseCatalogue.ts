import type { Matrix } from '../../core/linalg/matrix';
import { initializeParameters } from '../../core/nn/initializeParameters';
import type { Grads, Parameters } from '../../core/nn/parameters';
import { RandomState } from '../../core/random/randomState';
import {
  initializeAdamTestCase,
  initializeVelocityTestCase,
  makeUpdateCase,
  randomMiniBatchesTestCase,
  updateParametersWithAdamTestCase,
  updateParametersWithGdTestCase,
  updateParametersWithMomentumTestCase,
  type WeightShape,
} from '../../core/testCases/notebookTestCases';
import type { GradedFunction } from '../types';
import type { CheckCase, InputsOf } from './caseInputs';

// The notebook's own test case first, then the cases it lacks: other seeds and shapes, deeper networks,
// the edge sizes of the mini-batch split, Adam's first and a later step, and tiny gradients.

export const NOTEBOOK_CASE = 'notebook test case';

const THREE_LAYERS: readonly WeightShape[] = [
  [4, 3],
  [2, 4],
  [1, 2],
];
const FOUR_LAYERS: readonly WeightShape[] = [
  [5, 2],
  [4, 5],
  [3, 4],
  [1, 3],
];

/** A dict like `like` (same keys and shapes) of `randn * scale` values, optionally squared (for Adam's s). */
function randomState(like: Grads, seed: number, scale: number, squared = false): Grads {
  const rs = new RandomState(seed);
  const out: Grads = {};
  for (const [key, m] of Object.entries(like)) {
    const data = rs.randn(m.rows, m.cols).map((x) => (squared ? (x * scale) ** 2 : x * scale));
    out[key] = { rows: m.rows, cols: m.cols, data };
  }
  return out;
}

function zerosLike(dict: Grads): Grads {
  return Object.fromEntries(Object.entries(dict).map(([k, m]) => [k, { rows: m.rows, cols: m.cols, data: new Float64Array(m.data.length) }]));
}

function scaled(dict: Grads, factor: number): Grads {
  return Object.fromEntries(Object.entries(dict).map(([k, m]) => [k, { rows: m.rows, cols: m.cols, data: m.data.map((x) => x * factor) }]));
}

/** X = randn(rows, m) and Y = 0/1 labels (randn < 0.5), both from numpy's generator seeded with `seed`. */
function miniBatchData(seed: number, rows: number, m: number): { X: Matrix; Y: Matrix } {
  const rs = new RandomState(seed);
  const X: Matrix = { rows, cols: m, data: rs.randn(rows, m) };
  const Y: Matrix = { rows: 1, cols: m, data: rs.randn(1, m).map((z) => (z < 0.5 ? 1 : 0)) };
  return { X, Y };
}

function gdCases(): CheckCase<InputsOf<'update_parameters_with_gd'>>[] {
  const fn = 'update_parameters_with_gd' as const;
  return [
    { name: NOTEBOOK_CASE, inputs: { fn, ...updateParametersWithGdTestCase() } },
    { name: '3 layers, learning rate 0.1', inputs: { fn, ...makeUpdateCase(2, THREE_LAYERS), learningRate: 0.1 } },
    { name: '4 layers, learning rate 0.05', inputs: { fn, ...makeUpdateCase(3, FOUR_LAYERS), learningRate: 0.05 } },
  ];
}

function miniBatchCases(): CheckCase<InputsOf<'random_mini_batches'>>[] {
  const fn = 'random_mini_batches' as const;
  const notebook = randomMiniBatchesTestCase();
  return [
    { name: NOTEBOOK_CASE, inputs: { fn, X: notebook.X, Y: notebook.Y, yDtype: 'bool', miniBatchSize: notebook.miniBatchSize, seed: undefined } },
    { name: 'm divisible by the batch size (128 = 2 x 64), seed 3', inputs: { fn, ...miniBatchData(3, 5, 128), yDtype: 'float64', miniBatchSize: 64, seed: 3 } },
    { name: 'm smaller than the batch size (10 < 64), seed 2', inputs: { fn, ...miniBatchData(2, 3, 10), yDtype: 'float64', miniBatchSize: 64, seed: 2 } },
    { name: 'batch size 1 (m = 7), seed 5', inputs: { fn, ...miniBatchData(5, 2, 7), yDtype: 'float64', miniBatchSize: 1, seed: 5 } },
    { name: 'm = 50, batch size 16, seed 11', inputs: { fn, ...miniBatchData(11, 4, 50), yDtype: 'bool', miniBatchSize: 16, seed: 11 } },
  ];
}

function initializationCases<F extends 'initialize_velocity' | 'initialize_adam'>(fn: F, notebook: Parameters): CheckCase<InputsOf<F>>[] {
  return [
    { name: NOTEBOOK_CASE, inputs: { fn, parameters: notebook } as InputsOf<F> },
    { name: "3 layers (the model's [2, 5, 2, 1])", inputs: { fn, parameters: initializeParameters([2, 5, 2, 1]) } as InputsOf<F> },
    { name: '4 layers ([3, 4, 4, 2, 1])', inputs: { fn, parameters: initializeParameters([3, 4, 4, 2, 1]) } as InputsOf<F> },
  ];
}

function momentumCases(): CheckCase<InputsOf<'update_parameters_with_momentum'>>[] {
  const fn = 'update_parameters_with_momentum' as const;
  const three = makeUpdateCase(4, THREE_LAYERS);
  const four = makeUpdateCase(5, FOUR_LAYERS);
  return [
    { name: NOTEBOOK_CASE, inputs: { fn, ...updateParametersWithMomentumTestCase(), beta: 0.9, learningRate: 0.01, byKeyword: true } },
    {
      name: '3 layers, non-zero velocity, beta 0.8, learning rate 0.05',
      inputs: { fn, ...three, v: randomState(three.grads, 40, 0.5), beta: 0.8, learningRate: 0.05, byKeyword: false },
    },
    { name: '4 layers, beta 0.95', inputs: { fn, ...four, v: randomState(four.grads, 50, 0.3), beta: 0.95, learningRate: 0.02, byKeyword: false } },
  ];
}

function adamCases(): CheckCase<InputsOf<'update_parameters_with_adam'>>[] {
  const fn = 'update_parameters_with_adam' as const;
  const three = makeUpdateCase(6, THREE_LAYERS);
  const four = makeUpdateCase(7, FOUR_LAYERS);
  const tiny = makeUpdateCase(8, THREE_LAYERS);
  return [
    { name: NOTEBOOK_CASE, inputs: { fn, ...updateParametersWithAdamTestCase(), t: 2, hyperparameters: undefined } },
    { name: 't = 1, 3 layers', inputs: { fn, ...three, v: zerosLike(three.grads), s: zerosLike(three.grads), t: 1, hyperparameters: undefined } },
    {
      name: 't = 10, 4 layers, non-zero v and s, learning rate 0.02, beta1 0.8, beta2 0.99, epsilon 1e-7',
      inputs: {
        fn,
        ...four,
        v: randomState(four.grads, 70, 0.2),
        s: randomState(four.grads, 71, 0.2, true),
        t: 10,
        hyperparameters: { learningRate: 0.02, beta1: 0.8, beta2: 0.99, epsilon: 1e-7 },
      },
    },
    {
      // With gradients near 1e-5, s_corrected (~1e-10) is small next to epsilon (1e-8): sqrt(s + eps) and
      // sqrt(s) + eps differ by a factor of ten here, while the notebook's case cannot tell them apart.
      name: 'tiny gradients (s_corrected near epsilon), t = 1',
      inputs: { fn, parameters: tiny.parameters, grads: scaled(tiny.grads, 1e-5), v: zerosLike(tiny.grads), s: zerosLike(tiny.grads), t: 1, hyperparameters: undefined },
    },
  ];
}

export type CaseCatalogue = { [F in GradedFunction]: CheckCase<InputsOf<F>>[] };

const BUILDERS: { [F in GradedFunction]: () => CheckCase<InputsOf<F>>[] } = {
  update_parameters_with_gd: gdCases,
  random_mini_batches: miniBatchCases,
  initialize_velocity: () => initializationCases('initialize_velocity', initializeVelocityTestCase()),
  update_parameters_with_momentum: momentumCases,
  initialize_adam: () => initializationCases('initialize_adam', initializeAdamTestCase()),
  update_parameters_with_adam: adamCases,
};

/** The cases of one function (the mini-batch ones draw 1.8 million normals: build them only when needed). */
export function buildCases<F extends GradedFunction>(fn: F): CheckCase<InputsOf<F>>[] {
  return BUILDERS[fn]();
}

/** Every case of every function. Deterministic. */
export function buildCaseCatalogue(): CaseCatalogue {
  return {
    update_parameters_with_gd: buildCases('update_parameters_with_gd'),
    random_mini_batches: buildCases('random_mini_batches'),
    initialize_velocity: buildCases('initialize_velocity'),
    update_parameters_with_momentum: buildCases('update_parameters_with_momentum'),
    initialize_adam: buildCases('initialize_adam'),
    update_parameters_with_adam: buildCases('update_parameters_with_adam'),
  };
}
