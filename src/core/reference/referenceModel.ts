import type { Matrix } from '../linalg/matrix';
import { backwardPropagation } from '../nn/backward';
import { computeCost } from '../nn/cost';
import { forwardPropagation } from '../nn/forward';
import { initializeParameters } from '../nn/initializeParameters';
import type { Grads, Parameters } from '../nn/parameters';
import { predict } from '../nn/predict';
import { initializeAdam, updateParametersWithAdam } from './adam';
import { updateParametersWithGd } from './gd';
import { initializeVelocity, updateParametersWithMomentum } from './momentum';
import { randomMiniBatches } from './miniBatches';
import type { Hyperparameters } from '../optimizers/hyperparameters';
import { defaultTrainConfig } from '../trainer/trainConfig';
import { isOptimizerId, optimizer as optimizerDefinition, OPTIMIZER_IDS, type OptimizerId } from '../optimizers/registry';
import type { OptimizerDefinition } from '../optimizers/optimizer';

/** The notebook's `model` keyword arguments (its defaults in brackets), plus the first mini-batch seed. */
export interface ReferenceModelOptions {
  /** [0.0007] */ learningRate?: number;
  /** [64] */ miniBatchSize?: number;
  /** momentum's beta [0.9] */ beta?: number;
  /** [0.9] */ beta1?: number;
  /** [0.999] */ beta2?: number;
  /** [1e-8] */ epsilon?: number;
  /** RMSProp's alpha [0.99] */ alpha?: number;
  /** AdamW's weight decay [0.01] */ weightDecay?: number;
  /** [10000] */ numEpochs?: number;
  /** the seed before the first epoch; each epoch adds 1 first [10] */ seed?: number;
}

export interface ReferenceModelResult {
  parameters: Parameters;
  /** The cost of the last mini-batch of every 100th epoch (0, 100, ...), as the notebook plots. */
  costs: number[];
  /** The same at every 1000th epoch, as the notebook prints ("Cost after epoch 0: 0.690736"). */
  printedCosts: number[];
  /** Training-set accuracy of the final parameters. */
  accuracy: number;
}

/**
 * The notebook's `model` built from the reference functions: He initialization (seed 3), then per
 * epoch `seed += 1`, `random_mini_batches(X, Y, size, seed)` and forward, cost, backward, update for
 * each batch (Adam's t counts updates). Simple and allocation-heavy on purpose: it is the oracle the
 * fast trainer is tested against.
 *
 * @example
 * const { X, Y } = makeMoons();
 * referenceModel(X, Y, [2, 5, 2, 1], 'gd', { numEpochs: 1 }).printedCosts; // [0.690736...]
 */
export function referenceModel(
  X: Matrix,
  Y: Matrix,
  layersDims: readonly number[],
  optimizer: OptimizerId,
  options: ReferenceModelOptions = {},
): ReferenceModelResult {
  // The notebook's model() defaults, from the one table the trainer and the settings use too.
  const defaults = defaultTrainConfig(optimizer);
  const { learningRate = defaults.learningRate, miniBatchSize = defaults.miniBatchSize, numEpochs = defaults.numEpochs } = options;
  const { beta = defaults.beta, beta1 = defaults.beta1, beta2 = defaults.beta2, epsilon = defaults.epsilon } = options;
  if (!isOptimizerId(optimizer)) throw new RangeError(`optimizer must be one of ${OPTIMIZER_IDS.join(', ')}, got "${optimizer}"`);
  if (X.rows !== layersDims[0]) throw new RangeError(`X has ${X.rows} features but layers_dims[0] is ${layersDims[0]}`);
  let parameters = initializeParameters(layersDims);
  let { v, s }: { v: Grads; s: Grads } = optimizer === 'adam' ? initializeAdam(parameters) : { v: initializeVelocity(parameters), s: {} };
  let t = 0;
  // The state of the optimizers the notebook does not have: one dictionary per state buffer, keyed dW1, db1...
  const state: Grads[] = isNotebookOptimizer(optimizer) ? [] : optimizerDefinition(optimizer).state.map(() => initializeVelocity(parameters));
  let seed = options.seed ?? defaults.seed;
  let cost = Number.NaN;
  const costs: number[] = [];
  const printedCosts: number[] = [];
  for (let epoch = 0; epoch < numEpochs; epoch++) {
    seed += 1;
    for (const [batchX, batchY] of randomMiniBatches(X, Y, miniBatchSize, seed)) {
      const { AL, caches } = forwardPropagation(batchX, parameters);
      cost = computeCost(AL, batchY);
      const grads = backwardPropagation(batchX, batchY, caches);
      if (optimizer === 'gd') {
        parameters = updateParametersWithGd(parameters, grads, learningRate);
      } else if (optimizer === 'momentum') {
        ({ parameters, v } = updateParametersWithMomentum(parameters, grads, v, beta, learningRate));
      } else if (optimizer === 'adam') {
        t += 1;
        ({ parameters, v, s } = updateParametersWithAdam(parameters, grads, v, s, t, learningRate, beta1, beta2, epsilon));
      } else {
        t += 1;
        const h: Hyperparameters = { ...defaults, beta, beta1, beta2, epsilon, ...pick(options, 'alpha', 'weightDecay') };
        stepPerKey(optimizerDefinition(optimizer), parameters, grads, state, t, learningRate, h);
      }
    }
    if (epoch % 1000 === 0) printedCosts.push(cost);
    if (epoch % 100 === 0) costs.push(cost);
  }
  return { parameters, costs, printedCosts, accuracy: predict(X, Y, parameters).accuracy };
}

function isNotebookOptimizer(id: OptimizerId): boolean {
  return id === 'gd' || id === 'momentum' || id === 'adam';
}

function pick(options: ReferenceModelOptions, ...keys: ('alpha' | 'weightDecay')[]): Partial<Hyperparameters> {
  return Object.fromEntries(keys.filter((k) => options[k] !== undefined).map((k) => [k, options[k]]));
}

/**
 * One update of an optimizer the notebook does not have, applied matrix by matrix to the
 * notebook's dictionaries (parameters W1, b1, ... in place; state keyed dW1, db1, ...).
 */
function stepPerKey(def: OptimizerDefinition, parameters: Parameters, grads: Grads, state: Grads[], t: number, learningRate: number, h: Hyperparameters): void {
  const step = new Float64Array(def.stepValues?.count ?? 0);
  def.stepValues?.compute(t, learningRate, h, step, 0);
  for (const key of Object.keys(parameters)) {
    const p = parameters[key]!.data;
    const g = grads[`d${key}`]!.data;
    def.update({ p, g, state: state.map((buffer) => buffer[`d${key}`]!.data), learningRate, h, step, stepAt: 0, n: p.length });
  }
}
