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
import { initializeAdam, updateParametersWithAdam } from '../../core/reference/adam';
import { initializeVelocity, updateParametersWithMomentum } from '../../core/reference/momentum';
import type { GradedFunction } from '../types';
import type { AdamHyperparameters, CheckCase, InputsOf } from './caseInputs';
import type { Edition } from './editions';

// The notebook's own test cases first (each edition's), then the cases they lack ("extra case"): other seeds
// and shapes, deeper networks, the edge sizes of the mini-batch split, non-zero state and later steps of a run,
// tiny gradients, and "random case"s whose shapes and hyperparameters are drawn from the seed they name.

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

/** Weight shapes of the v1.4 edition's update cases: W2 is (3, 2), so a transposed or mixed-up key shows. */
const V14_SHAPES: readonly WeightShape[] = [
  [2, 3],
  [3, 2],
];
/** v1.4's initialize_velocity case holds W1 (3, 2) and W2 (3, 3) (its printed zeros). */
const V14_VELOCITY_SHAPES: readonly WeightShape[] = [
  [3, 2],
  [3, 3],
];
/** The 2021 and v1.4 editions test Adam with hyperparameters that make epsilon's place and a swapped beta show. */
const NEWER_ADAM: AdamHyperparameters = { learningRate: 0.02, beta1: 0.8, beta2: 0.888, epsilon: 1e-2 };

const V14_CASE = 'notebook test case, v1.4 edition';
const NEWER_CASE = 'notebook test case, 2021 and v1.4 editions';

/** A number with four significant digits (what a case's name shows is exactly what it uses). */
function round4(x: number): number {
  return Number(x.toPrecision(4));
}

/** A uniform draw in [low, high) from `rs`, rounded to four significant digits. */
function uniform(rs: RandomState, low: number, high: number): number {
  return round4(low + (high - low) * rs.random());
}

/** A random chain of 2 to 4 layers of 1 to 5 units each, from `rs`. */
function randomShapes(rs: RandomState): WeightShape[] {
  const layers = 2 + rs.interval(2);
  const dims = Array.from({ length: layers + 1 }, () => 1 + rs.interval(4));
  return Array.from({ length: layers }, (_, l) => [dims[l + 1]!, dims[l]!] as const);
}

function shapesText(shapes: readonly WeightShape[]): string {
  return `${shapes.length} layers [${[shapes[0]![1], ...shapes.map((w) => w[0])].join(', ')}]`;
}

/** Seeds of the randomized cases: fixed, so every check is reproducible, and named in each case. */
const RANDOM_SEEDS = [101, 202] as const;

function gdCases(): CheckCase<InputsOf<'update_parameters_with_gd'>>[] {
  const fn = 'update_parameters_with_gd' as const;
  return [
    { name: NOTEBOOK_CASE, editions: ['v1b', '2021'], inputs: { fn, ...updateParametersWithGdTestCase() } },
    { name: V14_CASE, editions: ['v1.4'], inputs: { fn, ...makeUpdateCase(1, V14_SHAPES), learningRate: 0.01 } },
    { name: 'extra case: 3 layers, learning rate 0.1', inputs: { fn, ...makeUpdateCase(2, THREE_LAYERS), learningRate: 0.1 } },
    { name: 'extra case: 4 layers, learning rate 0.05', inputs: { fn, ...makeUpdateCase(3, FOUR_LAYERS), learningRate: 0.05 } },
    ...RANDOM_SEEDS.map((seed) => {
      const rs = new RandomState(seed);
      const shapes = randomShapes(rs);
      const learningRate = uniform(rs, 0.001, 0.3);
      return { name: `random case (seed ${seed}): ${shapesText(shapes)}, learning rate ${learningRate}`, inputs: { fn, ...makeUpdateCase(seed, shapes), learningRate } };
    }),
  ];
}

function miniBatchCases(): CheckCase<InputsOf<'random_mini_batches'>>[] {
  const fn = 'random_mini_batches' as const;
  const notebook = randomMiniBatchesTestCase();
  const newer = miniBatchData(1, 7, 3);
  return [
    { name: NOTEBOOK_CASE, editions: ['v1b', 'v1.4'], inputs: { fn, X: notebook.X, Y: notebook.Y, yDtype: 'bool', miniBatchSize: notebook.miniBatchSize, seed: undefined } },
    { name: 'notebook test case, 2021 edition (X 7 x 3, batch size 2)', editions: ['2021'], inputs: { fn, ...newer, yDtype: 'bool', miniBatchSize: 2, seed: undefined } },
    { name: 'extra case: m divisible by the batch size (128 = 2 x 64), seed 3', inputs: { fn, ...miniBatchData(3, 5, 128), yDtype: 'float64', miniBatchSize: 64, seed: 3 } },
    { name: 'extra case: m smaller than the batch size (10 < 64), seed 2', inputs: { fn, ...miniBatchData(2, 3, 10), yDtype: 'float64', miniBatchSize: 64, seed: 2 } },
    { name: 'extra case: batch size 1 (m = 7), seed 5', inputs: { fn, ...miniBatchData(5, 2, 7), yDtype: 'float64', miniBatchSize: 1, seed: 5 } },
    { name: 'extra case: m = 50, batch size 16, seed 11', inputs: { fn, ...miniBatchData(11, 4, 50), yDtype: 'bool', miniBatchSize: 16, seed: 11 } },
  ];
}

function initializationCases<F extends 'initialize_velocity' | 'initialize_adam'>(fn: F, notebook: Parameters, v14: readonly WeightShape[]): CheckCase<InputsOf<F>>[] {
  return [
    { name: NOTEBOOK_CASE, editions: ['v1b', '2021'], inputs: { fn, parameters: notebook } as InputsOf<F> },
    { name: V14_CASE, editions: ['v1.4'], inputs: { fn, parameters: makeUpdateCase(1, v14).parameters } as InputsOf<F> },
    { name: "extra case: 3 layers (the model's [2, 5, 2, 1])", inputs: { fn, parameters: initializeParameters([2, 5, 2, 1]) } as InputsOf<F> },
    { name: 'extra case: 4 layers ([3, 4, 4, 2, 1])', inputs: { fn, parameters: initializeParameters([3, 4, 4, 2, 1]) } as InputsOf<F> },
  ];
}

/** Fresh gradients of the same shapes as `like`, drawn from `rs`. */
function drawGrads(like: Grads, rs: RandomState): Grads {
  return Object.fromEntries(Object.entries(like).map(([k, m]) => [k, { rows: m.rows, cols: m.cols, data: rs.randn(m.rows, m.cols) }]));
}

function momentumCases(): CheckCase<InputsOf<'update_parameters_with_momentum'>>[] {
  const fn = 'update_parameters_with_momentum' as const;
  const three = makeUpdateCase(4, THREE_LAYERS);
  const four = makeUpdateCase(5, FOUR_LAYERS);
  const v14 = makeUpdateCase(1, V14_SHAPES);
  // A run: two steps from zero velocity with fresh gradients, then the checked third step.
  const run = makeUpdateCase(31, THREE_LAYERS);
  const runRs = new RandomState(31);
  let state = { parameters: run.parameters, v: initializeVelocity(run.parameters) };
  for (let step = 0; step < 2; step++) state = updateParametersWithMomentum(state.parameters, drawGrads(run.grads, runRs), state.v, 0.9, 0.1);
  return [
    { name: NOTEBOOK_CASE, editions: ['v1b', '2021'], inputs: { fn, ...updateParametersWithMomentumTestCase(), beta: 0.9, learningRate: 0.01, byKeyword: true } },
    { name: V14_CASE, editions: ['v1.4'], inputs: { fn, ...v14, v: initializeVelocity(v14.parameters), beta: 0.9, learningRate: 0.01, byKeyword: true } },
    {
      name: 'extra case: 3 layers, non-zero velocity, beta 0.8, learning rate 0.05',
      inputs: { fn, ...three, v: randomState(three.grads, 40, 0.5), beta: 0.8, learningRate: 0.05, byKeyword: false },
    },
    { name: 'extra case: 4 layers, beta 0.95, learning rate 0.02', inputs: { fn, ...four, v: randomState(four.grads, 50, 0.3), beta: 0.95, learningRate: 0.02, byKeyword: false } },
    {
      name: 'extra case: 3rd step of a run (seed 31, beta 0.9, learning rate 0.1)',
      inputs: { fn, parameters: state.parameters, grads: drawGrads(run.grads, runRs), v: state.v, beta: 0.9, learningRate: 0.1, byKeyword: false },
    },
    ...RANDOM_SEEDS.map((seed) => {
      const rs = new RandomState(seed);
      const shapes = randomShapes(rs);
      const beta = uniform(rs, 0.5, 0.99);
      const learningRate = uniform(rs, 0.001, 0.3);
      const c = makeUpdateCase(seed, shapes);
      return {
        name: `random case (seed ${seed}): ${shapesText(shapes)}, non-zero velocity, beta ${beta}, learning rate ${learningRate}`,
        inputs: { fn, ...c, v: randomState(c.grads, seed + 1, 0.5), beta, learningRate, byKeyword: false },
      };
    }),
  ];
}

function adamCases(): CheckCase<InputsOf<'update_parameters_with_adam'>>[] {
  const fn = 'update_parameters_with_adam' as const;
  const three = makeUpdateCase(6, THREE_LAYERS);
  const four = makeUpdateCase(7, FOUR_LAYERS);
  const tiny = makeUpdateCase(8, THREE_LAYERS);
  const v14 = makeUpdateCase(1, V14_SHAPES);
  const run = makeUpdateCase(32, THREE_LAYERS);
  const runRs = new RandomState(32);
  const h = { learningRate: 0.05, beta1: 0.85, beta2: 0.95, epsilon: 1e-4 };
  let state = { parameters: run.parameters, ...initializeAdam(run.parameters) };
  for (let t = 1; t <= 2; t++) {
    state = updateParametersWithAdam(state.parameters, drawGrads(run.grads, runRs), state.v, state.s, t, h.learningRate, h.beta1, h.beta2, h.epsilon);
  }
  return [
    { name: NOTEBOOK_CASE, editions: ['v1b'], inputs: { fn, ...updateParametersWithAdamTestCase(), t: 2, hyperparameters: undefined } },
    {
      name: `${NEWER_CASE.replace(' and v1.4 editions', ' edition')} (t = 2, learning rate 0.02, beta1 0.8, beta2 0.888, epsilon 0.01)`,
      editions: ['2021'],
      inputs: { fn, ...updateParametersWithAdamTestCase(), t: 2, hyperparameters: NEWER_ADAM },
    },
    {
      name: `${V14_CASE} (t = 2, learning rate 0.02, beta1 0.8, beta2 0.888, epsilon 0.01)`,
      editions: ['v1.4'],
      inputs: { fn, ...v14, ...initializeAdam(v14.parameters), t: 2, hyperparameters: NEWER_ADAM },
    },
    { name: 'extra case: t = 1, 3 layers', inputs: { fn, ...three, v: zerosLike(three.grads), s: zerosLike(three.grads), t: 1, hyperparameters: undefined } },
    {
      name: 'extra case: t = 10, 4 layers, non-zero v and s, learning rate 0.02, beta1 0.8, beta2 0.99, epsilon 1e-7',
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
      name: 'extra case: tiny gradients (s_corrected near epsilon), t = 1',
      inputs: { fn, parameters: tiny.parameters, grads: scaled(tiny.grads, 1e-5), v: zerosLike(tiny.grads), s: zerosLike(tiny.grads), t: 1, hyperparameters: undefined },
    },
    {
      name: 'extra case: 3rd step of a run (seed 32, t = 3, learning rate 0.05, beta1 0.85, beta2 0.95, epsilon 0.0001)',
      inputs: { fn, parameters: state.parameters, grads: drawGrads(run.grads, runRs), v: state.v, s: state.s, t: 3, hyperparameters: h },
    },
    ...RANDOM_SEEDS.map((seed) => {
      const rs = new RandomState(seed);
      const shapes = randomShapes(rs);
      const hp: AdamHyperparameters = {
        learningRate: uniform(rs, 0.001, 0.1),
        beta1: uniform(rs, 0.5, 0.95),
        beta2: uniform(rs, 0.9, 0.9999),
        epsilon: round4(10 ** -uniform(rs, 2, 8)),
      };
      const t = 2 + rs.interval(18);
      const c = makeUpdateCase(seed, shapes);
      return {
        name: `random case (seed ${seed}): ${shapesText(shapes)}, non-zero v and s, t = ${t}, learning rate ${hp.learningRate}, beta1 ${hp.beta1}, beta2 ${hp.beta2}, epsilon ${hp.epsilon}`,
        inputs: { fn, ...c, v: randomState(c.grads, seed + 1, 0.3), s: randomState(c.grads, seed + 2, 0.3, true), t, hyperparameters: hp },
      };
    }),
  ];
}

function updateLrCases(): CheckCase<InputsOf<'update_lr'>>[] {
  const fn = 'update_lr' as const;
  return [
    { name: `${NEWER_CASE} (0.5, 2, 1)`, editions: ['2021', 'v1.4'], inputs: { fn, learningRate0: 0.5, epochNum: 2, decayRate: 1 } },
    { name: 'extra case: (0.01, 50, 0.3)', inputs: { fn, learningRate0: 0.01, epochNum: 50, decayRate: 0.3 } },
    { name: 'extra case: epoch 0 (0.2, 0, 0.5)', inputs: { fn, learningRate0: 0.2, epochNum: 0, decayRate: 0.5 } },
    ...RANDOM_SEEDS.map((seed) => {
      const rs = new RandomState(seed);
      const learningRate0 = uniform(rs, 0.001, 1);
      const epochNum = 1 + rs.interval(5000);
      const decayRate = uniform(rs, 0.01, 2);
      return { name: `random case (seed ${seed}): (${learningRate0}, ${epochNum}, ${decayRate})`, inputs: { fn, learningRate0, epochNum, decayRate } };
    }),
  ];
}

function scheduleCases(): CheckCase<InputsOf<'schedule_lr_decay'>>[] {
  const fn = 'schedule_lr_decay' as const;
  const notebook: Array<[number, number, number, number]> = [
    [0.5, 100, 1, 100],
    [0.5, 10, 1, 100],
    [0.3, 1000, 0.25, 100],
    [0.3, 100, 0.25, 100],
  ];
  return [
    ...notebook.map(([learningRate0, epochNum, decayRate, timeInterval]) => ({
      name: `${NEWER_CASE} (${learningRate0}, ${epochNum}, ${decayRate}, ${timeInterval})`,
      editions: ['2021', 'v1.4'] as Edition[],
      inputs: { fn, learningRate0, epochNum, decayRate, timeInterval },
    })),
    // Between two multiples of the interval, above the half: floor, round and "only on multiples" all differ.
    { name: 'extra case: between two intervals (0.5, 270, 0.5, 100)', inputs: { fn, learningRate0: 0.5, epochNum: 270, decayRate: 0.5, timeInterval: 100 } },
    { name: 'extra case: time_interval left at its default 1000 (0.1, 2600, 0.5)', inputs: { fn, learningRate0: 0.1, epochNum: 2600, decayRate: 0.5, timeInterval: undefined } },
    ...RANDOM_SEEDS.map((seed) => {
      const rs = new RandomState(seed);
      const learningRate0 = uniform(rs, 0.001, 1);
      const timeInterval = 10 + rs.interval(990);
      const epochNum = 1 + rs.interval(10000);
      const decayRate = uniform(rs, 0.01, 2);
      return { name: `random case (seed ${seed}): (${learningRate0}, ${epochNum}, ${decayRate}, ${timeInterval})`, inputs: { fn, learningRate0, epochNum, decayRate, timeInterval } };
    }),
  ];
}

export type CaseCatalogue = { [F in GradedFunction]: CheckCase<InputsOf<F>>[] };

const BUILDERS: { [F in GradedFunction]: () => CheckCase<InputsOf<F>>[] } = {
  update_parameters_with_gd: gdCases,
  random_mini_batches: miniBatchCases,
  initialize_velocity: () => initializationCases('initialize_velocity', initializeVelocityTestCase(), V14_VELOCITY_SHAPES),
  update_parameters_with_momentum: momentumCases,
  initialize_adam: () => initializationCases('initialize_adam', initializeAdamTestCase(), V14_SHAPES),
  update_parameters_with_adam: adamCases,
  update_lr: updateLrCases,
  schedule_lr_decay: scheduleCases,
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
    update_lr: buildCases('update_lr'),
    schedule_lr_decay: buildCases('schedule_lr_decay'),
  };
}
