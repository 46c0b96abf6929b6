import type { Matrix } from '../linalg/matrix';
import type { Grads, Parameters } from '../nn/parameters';
import { initializeAdam } from '../reference/adam';
import { initializeVelocity } from '../reference/momentum';
import { RandomState } from '../random/randomState';

/** Shape (rows, cols) of one weight matrix W_l; its bias is (rows, 1). */
export type WeightShape = readonly [rows: number, cols: number];

/** The shapes of the notebook's update test cases: W1 2x3, W2 3x3 (they need not chain like a network). */
const NOTEBOOK_WEIGHT_SHAPES: readonly WeightShape[] = [
  [2, 3],
  [3, 3],
];

/**
 * An update test case drawn as testCases.py draws it: `np.random.seed(seed)`, then
 * W1, b1, W2, b2, ... and after them dW1, db1, dW2, db2, ..., each by `randn`.
 *
 * @example
 * makeUpdateCase(1); // the notebook's parameters and grads
 * makeUpdateCase(7, [[4, 2], [1, 4]]); // another case of the same kind for a 2-4-1 net
 */
export function makeUpdateCase(
  seed = 1,
  weightShapes: readonly WeightShape[] = NOTEBOOK_WEIGHT_SHAPES,
): { parameters: Parameters; grads: Grads } {
  const rs = new RandomState(seed);
  const draw = (rows: number, cols: number): Matrix => ({ rows, cols, data: rs.randn(rows, cols) });
  const parameters: Parameters = {};
  const grads: Grads = {};
  weightShapes.forEach(([rows, cols], i) => {
    parameters[`W${i + 1}`] = draw(rows, cols);
    parameters[`b${i + 1}`] = draw(rows, 1);
  });
  weightShapes.forEach(([rows, cols], i) => {
    grads[`dW${i + 1}`] = draw(rows, cols);
    grads[`db${i + 1}`] = draw(rows, 1);
  });
  return { parameters, grads };
}

/**
 * `update_parameters_with_gd_test_case()`.
 *
 * @example
 * const { parameters, grads, learningRate } = updateParametersWithGdTestCase(); // learningRate 0.01
 */
export function updateParametersWithGdTestCase(): { parameters: Parameters; grads: Grads; learningRate: number } {
  return { ...makeUpdateCase(1), learningRate: 0.01 };
}

/**
 * `random_mini_batches_test_case()`: seed 1, X = randn(12288, 148), Y = randn(1, 148) < 0.5 (as 0/1).
 *
 * @example
 * const { X, Y, miniBatchSize } = randomMiniBatchesTestCase(); // 12288 x 148, 1 x 148, 64
 */
export function randomMiniBatchesTestCase(): { X: Matrix; Y: Matrix; miniBatchSize: number } {
  const rs = new RandomState(1);
  const X: Matrix = { rows: 12288, cols: 148, data: rs.randn(12288, 148) };
  const Y: Matrix = { rows: 1, cols: 148, data: rs.randn(1, 148).map((z) => (z < 0.5 ? 1 : 0)) };
  return { X, Y, miniBatchSize: 64 };
}

/**
 * `initialize_velocity_test_case()`: the parameters of the seed-1 case.
 *
 * @example
 * initializeVelocity(initializeVelocityTestCase()); // zeros shaped 2x3, 2x1, 3x3, 3x1
 */
export function initializeVelocityTestCase(): Parameters {
  return makeUpdateCase(1).parameters;
}

/**
 * `update_parameters_with_momentum_test_case()`: the seed-1 case with a zero velocity
 * (the notebook then calls the update with beta 0.9, learning_rate 0.01).
 *
 * @example
 * const { parameters, grads, v } = updateParametersWithMomentumTestCase();
 */
export function updateParametersWithMomentumTestCase(): { parameters: Parameters; grads: Grads; v: Grads } {
  const { parameters, grads } = makeUpdateCase(1);
  return { parameters, grads, v: initializeVelocity(parameters) };
}

/**
 * `initialize_adam_test_case()`: the parameters of the seed-1 case.
 *
 * @example
 * initializeAdam(initializeAdamTestCase()); // { v, s } of zeros
 */
export function initializeAdamTestCase(): Parameters {
  return makeUpdateCase(1).parameters;
}

/**
 * `update_parameters_with_adam_test_case()`: the seed-1 case with zero v and s
 * (the notebook then calls the update with t = 2 and its defaults).
 *
 * @example
 * const { parameters, grads, v, s } = updateParametersWithAdamTestCase();
 */
export function updateParametersWithAdamTestCase(): { parameters: Parameters; grads: Grads; v: Grads; s: Grads } {
  const { parameters, grads } = makeUpdateCase(1);
  return { parameters, grads, ...initializeAdam(parameters) };
}
