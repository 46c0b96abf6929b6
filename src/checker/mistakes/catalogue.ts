import { layerCount } from '../../core/nn/parameters';
import type { CaseInputs } from '../cases/caseInputs';
import type { GradedFunction } from '../types';
import type { DiagnosisContext, Mistake } from './mistake';
import { miniBatchVariant } from './miniBatchVariants';
import { adamVariant, gdVariant, momentumVariant, type UpdateVariant } from './updateVariants';

const UPDATES: readonly GradedFunction[] = ['update_parameters_with_gd', 'update_parameters_with_momentum', 'update_parameters_with_adam'];
const INITIALIZERS: readonly GradedFunction[] = ['initialize_velocity', 'initialize_adam'];
const ALL: readonly GradedFunction[] = [...UPDATES, ...INITIALIZERS, 'random_mini_batches'];

/** The update function of these inputs, written with `variant` (Adam options only for Adam, and so on). */
function updateWith(variant: UpdateVariant) {
  return (inputs: CaseInputs) => {
    switch (inputs.fn) {
      case 'update_parameters_with_gd':
        return [gdVariant(inputs, variant)];
      case 'update_parameters_with_momentum':
        return [momentumVariant(inputs, variant)];
      case 'update_parameters_with_adam':
        return [adamVariant(inputs, variant)];
      default:
        return [];
    }
  };
}

function adamOnly(...variants: UpdateVariant[]) {
  return (inputs: CaseInputs) => (inputs.fn === 'update_parameters_with_adam' ? variants.map((v) => adamVariant(inputs, v)) : []);
}

function momentumOnly(variant: UpdateVariant) {
  return (inputs: CaseInputs) => (inputs.fn === 'update_parameters_with_momentum' ? [momentumVariant(inputs, variant)] : []);
}

function miniBatchesWith(variant: Parameters<typeof miniBatchVariant>[1]) {
  return (inputs: CaseInputs) => (inputs.fn === 'random_mini_batches' ? [miniBatchVariant(inputs, variant)] : []);
}

function layersOf(inputs: CaseInputs): number {
  return 'parameters' in inputs ? layerCount(inputs.parameters) : 0;
}

/** KeyError for a layer that does not exist: 'W0', 'db0', or one past the last layer. */
function keyErrorOnMissingLayer(ctx: DiagnosisContext): boolean {
  if (ctx.error?.type !== 'KeyError') return false;
  const match = /^'d?[Wb](\d+)'$/.exec(ctx.error.message);
  if (!match) return false;
  const layer = Number(match[1]);
  return layer === 0 || layer === layersOf(ctx.inputs) + 1;
}

function layerOfKey(key: string): number | undefined {
  const match = /^d?[Wb](\d+)$/.exec(key);
  return match ? Number(match[1]) : undefined;
}

/** A returned dictionary that lacks exactly the last layer's keys (`for l in range(1, L)` with `str(l)`). */
function lastLayerMissing(ctx: DiagnosisContext): boolean {
  const m = ctx.mismatch;
  if (m?.kind !== 'missing-key' || m.actualKeys === undefined) return false;
  const L = layersOf(ctx.inputs);
  const missing = /\["([^"]*)"\]$/.exec(m.key)?.[1];
  return missing !== undefined && layerOfKey(missing) === L && !m.actualKeys.some((k) => layerOfKey(k) === L);
}

/**
 * The mistakes the checker can name, most specific first: the first that explains a failing check wins.
 * Ids are stable: the language server, the docs and the tests refer to them.
 */
export const MISTAKES: readonly Mistake[] = [
  {
    id: 'missing-return',
    title: 'the function returns None',
    hint: 'Your function returns None: end it with the return statement the docstring describes (for example `return parameters, v`).',
    functions: ALL,
    recognise: (ctx) => ctx.actual?.kind === 'none' && ctx.expected.kind !== 'none',
  },
  {
    id: 'layer-index-off-by-one',
    title: 'layer index off by one',
    hint: 'The loop variable l starts at 0 but the layers are numbered from 1: loop with `for l in range(L)` and use `str(l + 1)` in every key.',
    functions: [...UPDATES, ...INITIALIZERS],
    recognise: (ctx) => keyErrorOnMissingLayer(ctx) || (INITIALIZERS.includes(ctx.inputs.fn) && lastLayerMissing(ctx)),
    produce: updateWith({ skipLastLayer: true }),
  },
  {
    id: 'dictionary-key-case',
    title: 'dictionary keys spelled differently',
    hint: 'Use the keys exactly as the notebook\'s dictionaries hold them: "dW1", "db1", ... with a capital W (the notebook\'s print statements say "dw1", but the dictionaries do not).',
    functions: ALL,
    recognise: (ctx) => {
      const m = ctx.mismatch;
      if (m?.kind === 'missing-key' && m.actualKeys) {
        const wanted = /\["([^"]*)"\]$/.exec(m.key)?.[1]?.toLowerCase();
        return wanted !== undefined && m.actualKeys.some((k) => k.toLowerCase() === wanted);
      }
      return ctx.error?.type === 'KeyError' && /^'d?w\d+'$/.test(ctx.error.message);
    },
  },
  {
    id: 'velocity-wrong-shape',
    title: 'zeros of the wrong shape',
    hint: 'Give each zeros array the shape of its parameter: `np.zeros(parameters["W" + str(l + 1)].shape)` (or `np.zeros_like(parameters["W" + str(l + 1)])`).',
    functions: INITIALIZERS,
    recognise: (ctx) => ctx.mismatch?.kind === 'shape' || (ctx.mismatch?.kind === 'type' && ctx.actual !== undefined && ctx.actual.kind !== 'none'),
  },
  {
    id: 'update-sign-flipped',
    title: 'the update goes uphill (sign flipped)',
    hint: 'Subtract the step, `W = W - learning_rate * ...`: adding it moves the parameters up the gradient instead of down.',
    functions: UPDATES,
    produce: updateWith({ sign: -1 }),
  },
  {
    id: 'momentum-missing-one-minus-beta',
    title: 'momentum without (1 - beta)',
    hint: 'Scale the gradient by (1 - beta) in the velocity: `v = beta * v + (1 - beta) * grads["dW" + str(l + 1)]`.',
    functions: ['update_parameters_with_momentum'],
    produce: momentumOnly({ velocity: 'no-one-minus-beta' }),
  },
  {
    id: 'momentum-beta-swapped',
    title: 'beta and (1 - beta) swapped',
    hint: 'Weigh the old velocity by beta and the new gradient by (1 - beta): `v = beta * v + (1 - beta) * dW`, not the other way round.',
    functions: ['update_parameters_with_momentum'],
    produce: momentumOnly({ velocity: 'beta-swapped' }),
  },
  {
    id: 'momentum-update-uses-gradient',
    title: 'update uses the gradient instead of the velocity',
    hint: 'Update the parameters with the velocity you just computed, `W = W - learning_rate * v["dW" + str(l + 1)]`, not with the raw gradient.',
    functions: ['update_parameters_with_momentum'],
    produce: momentumOnly({ stepUsesGradient: true }),
  },
  {
    id: 'adam-epsilon-inside-sqrt',
    title: 'epsilon inside the square root',
    hint: 'Add epsilon after taking the square root: divide by `np.sqrt(s_corrected[...]) + epsilon`, not `np.sqrt(s_corrected[...] + epsilon)`.',
    functions: ['update_parameters_with_adam'],
    produce: adamOnly({ epsilon: 'inside-sqrt' }),
  },
  {
    id: 'adam-no-bias-correction',
    title: 'no bias correction',
    hint: 'Correct the bias before the update: `v_corrected = v / (1 - beta1 ** t)`, `s_corrected = s / (1 - beta2 ** t)`, and use those in the update.',
    functions: ['update_parameters_with_adam'],
    produce: adamOnly({ biasCorrection: 'none' }),
  },
  {
    id: 'adam-bias-correction-layer-index',
    title: 'bias correction with the layer index instead of t',
    hint: 'The bias correction uses Adam\'s step counter t, `1 - beta1 ** t` and `1 - beta2 ** t`, not the layer index l (the notebook\'s formula prints l, but means t).',
    functions: ['update_parameters_with_adam'],
    produce: adamOnly({ biasCorrection: 'layer' }, { biasCorrection: 'layer-from-zero' }),
  },
  {
    id: 'adam-squared-gradient-in-first-moment',
    title: 'squared gradient in the first moment',
    hint: 'The first moment v averages the gradient itself: `v = beta1 * v + (1 - beta1) * grads[...]`; only s uses the square.',
    functions: ['update_parameters_with_adam'],
    produce: adamOnly({ firstMoment: 'squared-gradient' }),
  },
  {
    id: 'adam-plain-gradient-in-second-moment',
    title: 'plain gradient in the second moment',
    hint: 'The second moment s averages the squared gradient: `s = beta2 * s + (1 - beta2) * np.square(grads[...])`.',
    functions: ['update_parameters_with_adam'],
    produce: adamOnly({ secondMoment: 'gradient' }),
  },
  {
    id: 'adam-returns-corrected-moments',
    title: 'returns the bias-corrected moments',
    hint: 'Return the moving averages v and s (`return parameters, v, s`); v_corrected and s_corrected are only for this step\'s update.',
    functions: ['update_parameters_with_adam'],
    produce: adamOnly({ returnsCorrected: true }),
  },
  {
    id: 'minibatch-float-batch-count',
    title: 'number of mini-batches is a float',
    hint: '`m / mini_batch_size` is a float in Python 3: use `math.floor(m / mini_batch_size)` (or `m // mini_batch_size`) for the count and for slice indices.',
    functions: ['random_mini_batches'],
    recognise: (ctx) =>
      ctx.error?.type === 'TypeError' && /'float' object cannot be interpreted as an integer|slice indices must be integers/.test(ctx.error.message),
  },
  {
    id: 'minibatch-last-y-from-x',
    title: "the last mini-batch's Y is taken from X",
    hint: 'In the end case, slice mini_batch_Y from shuffled_Y, not shuffled_X: its shape must be (1, m - mini_batch_size * num_complete_minibatches).',
    functions: ['random_mini_batches'],
    produce: miniBatchesWith({ lastYFromX: true }),
  },
  {
    id: 'minibatch-last-dropped',
    title: 'the last partial mini-batch is missing',
    hint: 'When m is not a multiple of mini_batch_size, append one more, smaller mini-batch with the remaining columns from num_complete_minibatches * mini_batch_size to m.',
    functions: ['random_mini_batches'],
    produce: miniBatchesWith({ dropLast: true }),
  },
  {
    id: 'minibatch-separate-permutations',
    title: 'X and Y shuffled with different permutations',
    hint: 'Draw `permutation = list(np.random.permutation(m))` once and index both X and Y with it, so each example keeps its label.',
    functions: ['random_mini_batches'],
    produce: miniBatchesWith({ separatePermutations: true }),
  },
  {
    id: 'minibatch-slice-offset',
    title: 'slices offset by one mini-batch',
    hint: 'Mini-batch k (counting from 0) holds columns `k * mini_batch_size` to `(k + 1) * mini_batch_size`: the first one starts at column 0.',
    functions: ['random_mini_batches'],
    produce: miniBatchesWith({ offsetByOneBatch: true }),
  },
  {
    id: 'minibatch-not-shuffled',
    title: 'the examples are not shuffled',
    hint: 'Shuffle before partitioning: `np.random.seed(seed)`, `permutation = list(np.random.permutation(m))`, then slice `X[:, permutation]` and `Y[:, permutation]`.',
    functions: ['random_mini_batches'],
    produce: miniBatchesWith({ notShuffled: true }),
  },
];

export function mistakeById(id: string): Mistake | undefined {
  return MISTAKES.find((m) => m.id === id);
}
