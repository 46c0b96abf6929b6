import type { Matrix } from '../linalg/matrix';
import { forwardPropagation } from './forward';
import type { Parameters } from './parameters';

/**
 * The network's output `a_L` for every column of `X`: the probability of label 1.
 *
 * @example
 * predictProbabilities(parameters, fromNested([[0.5], [0.2]])); // Float64Array [0.63...]
 */
export function predictProbabilities(parameters: Parameters, X: Matrix): Float64Array {
  return forwardPropagation(X, parameters).AL.data;
}

/**
 * The notebook's `predict`: label 1 where the output is above 0.5, and the accuracy
 * `mean(prediction == Y)` over the columns of `Y`.
 *
 * @example
 * predict(X, Y, parameters).accuracy; // 0.94 after the notebook's Adam run
 */
export function predict(X: Matrix, Y: Matrix, parameters: Parameters): { predictions: Float64Array; accuracy: number } {
  const probabilities = predictProbabilities(parameters, X);
  if (Y.data.length !== probabilities.length) {
    throw new RangeError(`predict: Y has ${Y.data.length} labels for ${probabilities.length} examples`);
  }
  const predictions = probabilities.map((p) => (p > 0.5 ? 1 : 0));
  let correct = 0;
  for (let i = 0; i < predictions.length; i++) if (predictions[i] === Y.data[i]) correct++;
  return { predictions, accuracy: predictions.length === 0 ? Number.NaN : correct / predictions.length };
}
