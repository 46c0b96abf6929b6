import { layerCount } from '../../core/nn/parameters';
import type { CaseInputs } from '../cases/caseInputs';
import type { GradedFunction } from '../types';
import type { DiagnosisContext, Mistake } from './mistake';
import { lrDecayVariant, type LrDecayVariant } from './lrDecayVariants';
import { miniBatchVariant } from './miniBatchVariants';
import { adamVariant, gdVariant, momentumVariant, type UpdateVariant } from './updateVariants';

const UPDATES: readonly GradedFunction[] = ['update_parameters_with_gd', 'update_parameters_with_momentum', 'update_parameters_with_adam'];
const INITIALIZERS: readonly GradedFunction[] = ['initialize_velocity', 'initialize_adam'];
const ALL: readonly GradedFunction[] = [...UPDATES, ...INITIALIZERS, 'random_mini_batches', 'update_lr', 'schedule_lr_decay'];

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

/** The return statement each function ends with. */
const RETURNS: Record<GradedFunction, string> = {
  update_parameters_with_gd: 'return parameters',
  random_mini_batches: 'return mini_batches',
  initialize_velocity: 'return v',
  update_parameters_with_momentum: 'return parameters, v',
  initialize_adam: 'return v, s',
  update_parameters_with_adam: 'return parameters, v, s, v_corrected, s_corrected',
  update_lr: 'return learning_rate',
  schedule_lr_decay: 'return learning_rate',
};

/** What to write in each function, in one sentence. */
const STUB_HINTS: Record<GradedFunction, string> = {
  update_parameters_with_gd:
    'For each layer l from 1 to L, set `parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]` (and the same for b), then `return parameters`.',
  random_mini_batches:
    'Shuffle X and Y with one `permutation = list(np.random.permutation(m))`, cut the shuffled columns into slices of mini_batch_size (plus a smaller last one), and `return mini_batches`, a list of (mini_batch_X, mini_batch_Y) tuples.',
  initialize_velocity: 'For each layer, set `v["dW" + str(l)]` and `v["db" + str(l)]` to zeros shaped like W and b (`np.zeros_like(parameters["W" + str(l)])`), then `return v`.',
  update_parameters_with_momentum:
    'For each layer, first `v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]`, then `parameters["W" + str(l)] -= learning_rate * v["dW" + str(l)]` (and the same for b); `return parameters, v`.',
  initialize_adam: 'Like initialize_velocity, but fill two dictionaries, v and s, each with its own zeros arrays, and `return v, s`.',
  update_parameters_with_adam:
    'For each layer: update v (beta1, the gradient) and s (beta2, the squared gradient), correct both by dividing by (1 - beta ** t), then step `W -= learning_rate * v_corrected / (np.sqrt(s_corrected) + epsilon)`; return parameters, v, s (and v_corrected, s_corrected in the newer notebook).',
  update_lr: 'One line: `learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)`, then `return learning_rate`.',
  schedule_lr_decay: 'One line: `learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))`, then `return learning_rate`.',
};

/** A line that holds no code of the learner's: `pass`, `...`, `x = None`. */
function placeholder(line: string): boolean {
  return line === 'pass' || line === '...' || /^[\w[\]"'+() ]+ = (None|\.\.\.)$/.test(line);
}

/**
 * The notebook's template left as it was: between every "YOUR CODE STARTS HERE" and "YOUR CODE ENDS HERE" only
 * placeholders, or (without the markers) a body of nothing but a docstring, comments and placeholders.
 */
export function isStub(text: string): boolean {
  const regions = [...text.matchAll(/YOUR CODE STARTS HERE[^\n]*\n([\s\S]*?)#[^\n]*YOUR CODE ENDS HERE/g)].map((m) => m[1]!);
  const code = (part: string) =>
    part
      .split('\n')
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter((line) => line !== '');
  if (regions.length > 0) return regions.every((r) => code(r).every(placeholder));
  const body = code(text.replace(/^[^\n]*\n/, '').replace(/(["']{3})[\s\S]*?\1/g, ''));
  return body.some(placeholder) && body.every((line) => placeholder(line) || /^return\b/.test(line) || /^\w+ = (\{\}|\[\])$/.test(line));
}

/** KeyError for one layer past the last, e.g. 'W3' in a 2-layer network. */
function keyErrorPastLastLayer(ctx: DiagnosisContext): boolean {
  if (ctx.error?.type !== 'KeyError') return false;
  const match = /^'d?[Wb](\d+)'$/.exec(ctx.error.message);
  return match !== null && Number(match[1]) > layersOf(ctx.inputs);
}

function decayWith(...variants: LrDecayVariant[]) {
  return (inputs: CaseInputs) =>
    inputs.fn === 'update_lr' || inputs.fn === 'schedule_lr_decay' ? variants.flatMap((v) => lrDecayVariant(inputs, v)) : [];
}

/**
 * The mistakes the checker can name, most specific first: the first that explains a failing check wins.
 * Ids are stable: the language server, the docs and the tests refer to them.
 */
export const MISTAKES: readonly Mistake[] = [
  {
    id: 'not-implemented',
    title: 'not written yet',
    hint: 'The function body is still the placeholder: write the code between "YOUR CODE STARTS HERE" and "YOUR CODE ENDS HERE".',
    hintFor: (fn) => STUB_HINTS[fn],
    at: /^\s*pass\b|=\s*None\s*$/,
    functions: ALL,
    recognise: (ctx) => ctx.source !== undefined && isStub(ctx.source.text),
  },
  {
    id: 'endless-loop',
    title: 'the loop never ends',
    hint: 'A `while` loop whose condition never becomes false runs until the time or memory runs out: make sure its counter changes in every pass (for example `k += 1`), or use `for k in range(num_complete_minibatches)`.',
    functions: ALL,
    at: /^\s*while\b/,
    recognise: (ctx) => (ctx.timedOut === true || ctx.error?.type === 'MemoryError') && ctx.source !== undefined && /^\s*while\b/m.test(ctx.source.text),
  },
  {
    id: 'missing-return',
    title: 'the function returns None',
    hint: 'Your function returns None: end it with the return statement the docstring describes (for example `return parameters, v`).',
    hintFor: (fn) => `Your function returns None: end it with \`${RETURNS[fn]}\`.`,
    at: /^def\s/,
    functions: ALL,
    recognise: (ctx) => ctx.actual?.kind === 'none' && ctx.expected.kind !== 'none',
  },
  {
    id: 'layer-count-not-halved',
    title: 'L = len(parameters) counts W and b',
    hint: '`parameters` holds a W and a b for each layer, so the number of layers is `L = len(parameters) // 2`; `len(parameters)` alone runs past the last layer.',
    functions: [...UPDATES, ...INITIALIZERS],
    at: /len\(\s*parameters\s*\)(?!\s*\/\/\s*2)/,
    recognise: (ctx) =>
      ctx.source !== undefined &&
      /len\(\s*parameters\s*\)(?!\s*\/\/\s*2)/.test(ctx.source.text) &&
      !/len\(\s*parameters\s*\)\s*\/\/\s*2/.test(ctx.source.text) &&
      (keyErrorPastLastLayer(ctx) || ctx.mismatch?.kind === 'extra-key'),
  },
  {
    id: 'layer-index-off-by-one',
    title: 'layer index off by one',
    hint: 'The loop variable l starts at 0 but the layers are numbered from 1: loop with `for l in range(L)` and use `str(l + 1)` in every key.',
    at: /for\s+\w+\s+in\s+range/,
    functions: [...UPDATES, ...INITIALIZERS],
    recognise: (ctx) => keyErrorOnMissingLayer(ctx) || (INITIALIZERS.includes(ctx.inputs.fn) && lastLayerMissing(ctx)),
    produce: updateWith({ skipLastLayer: true }),
  },
  {
    id: 'dictionary-key-case',
    title: 'dictionary keys spelled differently',
    hint: 'Use the keys exactly as the notebook\'s dictionaries hold them: "dW1", "db1", ... with a capital W (the notebook\'s print statements say "dw1", but the dictionaries do not).',
    at: /["']d?w["']/,
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
    at: /np\.zeros/,
    functions: INITIALIZERS,
    recognise: (ctx) => ctx.mismatch?.kind === 'shape' || (ctx.mismatch?.kind === 'type' && ctx.actual !== undefined && ctx.actual.kind !== 'none'),
  },
  {
    id: 'update-sign-flipped',
    title: 'the update goes uphill (sign flipped)',
    hint: 'Subtract the step, `W = W - learning_rate * ...`: adding it moves the parameters up the gradient instead of down.',
    at: /\+=|=\s*parameters\[[^\]]*\]\s*\+/,
    functions: UPDATES,
    produce: updateWith({ sign: -1 }),
  },
  {
    id: 'momentum-missing-one-minus-beta',
    title: 'momentum without (1 - beta)',
    hint: 'Scale the gradient by (1 - beta) in the velocity: `v = beta * v + (1 - beta) * grads["dW" + str(l + 1)]`.',
    at: /v\[[^\]]*\]\s*=/,
    functions: ['update_parameters_with_momentum'],
    produce: momentumOnly({ velocity: 'no-one-minus-beta' }),
  },
  {
    id: 'momentum-beta-swapped',
    title: 'beta and (1 - beta) swapped',
    hint: 'Weigh the old velocity by beta and the new gradient by (1 - beta): `v = beta * v + (1 - beta) * dW`, not the other way round.',
    at: /v\[[^\]]*\]\s*=/,
    functions: ['update_parameters_with_momentum'],
    produce: momentumOnly({ velocity: 'beta-swapped' }),
  },
  {
    id: 'momentum-update-uses-gradient',
    title: 'update uses the gradient instead of the velocity',
    hint: 'Update the parameters with the velocity you just computed, `W = W - learning_rate * v["dW" + str(l + 1)]`, not with the raw gradient.',
    at: /parameters\[[^\]]*\]\s*(-=|=)/,
    functions: ['update_parameters_with_momentum'],
    produce: momentumOnly({ stepUsesGradient: true }),
  },
  {
    id: 'adam-epsilon-inside-sqrt',
    title: 'epsilon inside the square root',
    hint: 'Add epsilon after taking the square root: divide by `np.sqrt(s_corrected[...]) + epsilon`, not `np.sqrt(s_corrected[...] + epsilon)`.',
    at: /sqrt\([^)]*epsilon/,
    functions: ['update_parameters_with_adam'],
    produce: adamOnly({ epsilon: 'inside-sqrt' }),
  },
  {
    id: 'adam-no-bias-correction',
    title: 'no bias correction',
    hint: 'Correct the bias before the update: `v_corrected = v / (1 - beta1 ** t)`, `s_corrected = s / (1 - beta2 ** t)`, and use those in the update.',
    at: /sqrt/,
    functions: ['update_parameters_with_adam'],
    produce: adamOnly({ biasCorrection: 'none' }, { stepUncorrected: 'both' }),
  },
  {
    id: 'adam-bias-correction-layer-index',
    title: 'bias correction with the layer index instead of t',
    hint: 'The bias correction uses Adam\'s step counter t, `1 - beta1 ** t` and `1 - beta2 ** t`, not the layer index l (the notebook\'s formula prints l, but means t).',
    at: /\*\*\s*\(?\s*l\b/,
    functions: ['update_parameters_with_adam'],
    produce: adamOnly({ biasCorrection: 'layer' }, { biasCorrection: 'layer-from-zero' }),
  },
  {
    id: 'adam-squared-gradient-in-first-moment',
    title: 'squared gradient in the first moment',
    hint: 'The first moment v averages the gradient itself: `v = beta1 * v + (1 - beta1) * grads[...]`; only s uses the square.',
    at: /v\[[^\]]*\]\s*=/,
    functions: ['update_parameters_with_adam'],
    produce: adamOnly({ firstMoment: 'squared-gradient' }),
  },
  {
    id: 'adam-plain-gradient-in-second-moment',
    title: 'plain gradient in the second moment',
    hint: 'The second moment s averages the squared gradient: `s = beta2 * s + (1 - beta2) * np.square(grads[...])`.',
    at: /s\[[^\]]*\]\s*=/,
    functions: ['update_parameters_with_adam'],
    produce: adamOnly({ secondMoment: 'gradient' }),
  },
  {
    id: 'adam-returns-three-values',
    title: 'returns 3 values, this notebook unpacks 5',
    hint: 'Your notebook (the edition with update_lr and schedule_lr_decay) unpacks `parameters, v, s, _, _ = update_parameters_with_adam(...)`: end with `return parameters, v, s, v_corrected, s_corrected`.',
    at: /^\s*return\b/,
    functions: ['update_parameters_with_adam'],
    recognise: (ctx) => ctx.mismatch?.kind === 'length' && /unpacks 5/.test(ctx.mismatch.message),
  },
  {
    id: 'adam-returns-corrected-moments',
    title: 'returns the bias-corrected moments',
    hint: 'Return the moving averages v and s (`return parameters, v, s`); v_corrected and s_corrected are only for this step\'s update.',
    at: /^\s*return\b/,
    functions: ['update_parameters_with_adam'],
    produce: adamOnly({ returnsCorrected: true }),
  },
  {
    id: 'minibatch-float-batch-count',
    title: 'number of mini-batches is a float',
    hint: '`m / mini_batch_size` is a float in Python 3: use `math.floor(m / mini_batch_size)` (or `m // mini_batch_size`) for the count and for slice indices.',
    at: /\/\s*mini_batch_size/,
    functions: ['random_mini_batches'],
    recognise: (ctx) =>
      ctx.error?.type === 'TypeError' && /'float' object cannot be interpreted as an integer|slice indices must be integers/.test(ctx.error.message),
  },
  {
    id: 'minibatch-last-y-from-x',
    title: "the last mini-batch's Y is taken from X",
    hint: 'In the end case, slice mini_batch_Y from shuffled_Y, not shuffled_X: its shape must be (1, m - mini_batch_size * num_complete_minibatches).',
    at: /mini_batch_Y\s*=.*shuffled_X/,
    functions: ['random_mini_batches'],
    produce: miniBatchesWith({ lastYFromX: true }),
  },
  {
    id: 'minibatch-last-dropped',
    title: 'the last partial mini-batch is missing',
    hint: 'When m is not a multiple of mini_batch_size, append one more, smaller mini-batch with the remaining columns from num_complete_minibatches * mini_batch_size to m.',
    at: /^\s*return\b/,
    functions: ['random_mini_batches'],
    produce: miniBatchesWith({ dropLast: true }),
  },
  {
    id: 'minibatch-separate-permutations',
    title: 'X and Y shuffled with different permutations',
    hint: 'Draw `permutation = list(np.random.permutation(m))` once and index both X and Y with it, so each example keeps its label.',
    at: /permutation\(/,
    functions: ['random_mini_batches'],
    produce: miniBatchesWith({ separatePermutations: true }),
  },
  {
    id: 'minibatch-slice-offset',
    title: 'slices offset by one mini-batch',
    hint: 'Mini-batch k (counting from 0) holds columns `k * mini_batch_size` to `(k + 1) * mini_batch_size`: the first one starts at column 0.',
    at: /\*\s*mini_batch_size\s*:/,
    functions: ['random_mini_batches'],
    produce: miniBatchesWith({ offsetByOneBatch: true }),
  },
  {
    id: 'minibatch-not-shuffled',
    title: 'the examples are not shuffled',
    hint: 'Shuffle before partitioning: `np.random.seed(seed)`, `permutation = list(np.random.permutation(m))`, then slice `X[:, permutation]` and `Y[:, permutation]`.',
    at: /mini_batch_X\s*=/,
    functions: ['random_mini_batches'],
    produce: miniBatchesWith({ notShuffled: true }),
  },
  {
    id: 'minibatch-extra-empty-batch',
    title: 'an extra, empty mini-batch at the end',
    hint: 'When m is a multiple of mini_batch_size there is no partial batch: add the last one only `if m % mini_batch_size != 0`, and loop over `range(num_complete_minibatches)`.',
    at: /range\(|append/,
    functions: ['random_mini_batches'],
    recognise: (ctx) => {
      const got = ctx.actual;
      const want = ctx.expected;
      if ((got?.kind !== 'list' && got?.kind !== 'tuple') || want.kind !== 'list' || got.items.length !== want.items.length + 1) return false;
      const last = got.items[got.items.length - 1];
      const x = last?.kind === 'tuple' || last?.kind === 'list' ? last.items[0] : undefined;
      return x?.kind === 'array' && x.shape.length === 2 && x.shape[1] === 0;
    },
  },
  {
    id: 'initialization-missing-b',
    title: 'no entries for b',
    hint: 'Give every parameter its zeros, the biases too: `v["db" + str(l)] = np.zeros_like(parameters["b" + str(l)])` beside `v["dW" + str(l)]`.',
    at: /\[\s*["']dW["']/,
    functions: INITIALIZERS,
    recognise: (ctx) => {
      const m = ctx.mismatch;
      return m?.kind === 'missing-key' && /\["db\d+"\]$/.test(m.key) && (m.actualKeys ?? []).some((k) => /^dW\d+$/.test(k)) && !(m.actualKeys ?? []).some((k) => /^db/.test(k));
    },
  },
  {
    id: 'initialization-not-zero',
    title: 'not zeros',
    hint: 'The moving averages start at zero: `np.zeros(parameters["W" + str(l)].shape)`, not `np.ones` or the parameters themselves.',
    at: /np\.(ones|empty)|=\s*parameters\[/,
    functions: INITIALIZERS,
    recognise: (ctx) => ctx.mismatch?.kind === 'value' && ctx.mismatch.expected === 0,
  },
  {
    id: 'minibatch-y-not-shuffled',
    title: 'Y is not shuffled with X',
    hint: 'Index Y with the same permutation as X, `shuffled_Y = Y[:, permutation].reshape((1, m))`, so each example keeps its label.',
    functions: ['random_mini_batches'],
    at: /shuffled_Y\s*=/,
    produce: miniBatchesWith({ yNotShuffled: true }),
  },
  {
    id: 'minibatch-seed-ignored',
    title: 'the seed argument is not used',
    hint: 'Call `np.random.seed(seed)` with the seed you are given (the notebook passes a new one each epoch), not a fixed number.',
    functions: ['random_mini_batches'],
    at: /np\.random\.seed\(/,
    produce: (inputs) => (inputs.fn === 'random_mini_batches' && inputs.seed !== undefined && inputs.seed !== 0 ? [miniBatchVariant(inputs, { seed: 0 })] : []),
  },
  {
    id: 'momentum-beta-term-dropped',
    title: 'the beta * v term is missing',
    hint: 'The velocity keeps a share of its old value: `v = beta * v + (1 - beta) * dW`; without `beta * v` it is just the scaled gradient.',
    functions: ['update_parameters_with_momentum'],
    at: /v\[[^\]]*\]\s*=/,
    produce: momentumOnly({ dropBetaTerm: 'v' }),
  },
  {
    id: 'momentum-velocity-not-stored',
    title: 'the new velocity is not stored in v',
    hint: 'Write the new velocity back into the dictionary, `v["dW" + str(l)] = beta * v["dW" + str(l)] + ...`, so the next step starts from it.',
    functions: ['update_parameters_with_momentum'],
    at: /beta\s*\*/,
    produce: momentumOnly({ velocityNotStored: true }),
  },
  {
    id: 'adam-beta-term-dropped',
    title: 'the beta * v (or beta * s) term is missing',
    hint: 'Each moment keeps a share of its old value: `v = beta1 * v + (1 - beta1) * dW` and `s = beta2 * s + (1 - beta2) * dW ** 2`.',
    at: /^\s*[vs]\[[^\]]*\]\s*=/,
    functions: ['update_parameters_with_adam'],
    produce: adamOnly({ dropBetaTerm: 'v' }, { dropBetaTerm: 's' }, { dropBetaTerm: 'both' }),
  },
  {
    id: 'adam-beta1-in-second-moment',
    title: 'beta1 used for s',
    hint: 'The second moment uses beta2: `s = beta2 * s + (1 - beta2) * np.square(dW)` and `s_corrected = s / (1 - beta2 ** t)`.',
    functions: ['update_parameters_with_adam'],
    at: /beta1.*\*\s*(np\.square|np\.power|grads\[[^\]]*\]\s*\*\*)|(np\.square|\*\*\s*2).*beta1/,
    produce: adamOnly({ secondMomentWithBeta1: 'decay' }, { secondMomentWithBeta1: 'both' }),
  },
  {
    id: 'adam-missing-square-root',
    title: 'no square root of s_corrected',
    hint: 'Divide by the square root: `v_corrected / (np.sqrt(s_corrected) + epsilon)`.',
    functions: ['update_parameters_with_adam'],
    at: /epsilon/,
    produce: adamOnly({ denominator: 'no-sqrt' }, { denominator: 'square' }),
  },
  {
    id: 'adam-epsilon-misplaced',
    title: 'epsilon added to the wrong term',
    hint: 'Epsilon belongs to the denominator only: `v_corrected / (np.sqrt(s_corrected) + epsilon)` (check the brackets).',
    functions: ['update_parameters_with_adam'],
    at: /epsilon/,
    produce: adamOnly({ epsilonPlace: 'numerator' }, { epsilonPlace: 'after-division' }, { epsilonPlace: 'added-to-parameters' }),
  },
  {
    id: 'adam-one-moment-corrected',
    title: 'a moment not bias-corrected in the step',
    hint: 'Correct both moments, `v_corrected = v / (1 - beta1 ** t)` and `s_corrected = s / (1 - beta2 ** t)`, and use both corrected ones in the step: `v_corrected / (np.sqrt(s_corrected) + epsilon)`.',
    at: /sqrt/,
    functions: ['update_parameters_with_adam'],
    produce: adamOnly({ correctOnly: 'v' }, { correctOnly: 's' }, { stepUncorrected: 'v' }, { stepUncorrected: 's' }),
  },
  {
    id: 'adam-correction-multiplied',
    title: 'bias correction multiplies instead of divides',
    hint: 'The bias correction divides: `v_corrected = v / (1 - beta1 ** t)` (it makes the early, too small averages larger).',
    functions: ['update_parameters_with_adam'],
    at: /_corrected/,
    produce: adamOnly({ correctionMultiplies: true }),
  },
  {
    id: 'adam-v-s-swapped',
    title: 'v and s returned in the wrong order',
    hint: 'Return them in the order the caller unpacks them: `return parameters, v, s, v_corrected, s_corrected` (v before s).',
    functions: ['update_parameters_with_adam'],
    at: /^\s*return\b/,
    produce: adamOnly({ swapVS: true }),
  },
  {
    id: 'lr-decay-precedence',
    title: 'operator precedence in the decay formula',
    hint: 'Put the whole denominator in brackets: `learning_rate0 / (1 + decay_rate * ...)`; `a / 1 + b` divides first and adds after.',
    functions: ['update_lr', 'schedule_lr_decay'],
    at: /learning_rate0\s*\//,
    produce: decayWith('precedence', 'precedence-epoch-outside'),
  },
  {
    id: 'lr-decay-round',
    title: 'round instead of floor',
    hint: 'The rate changes once a whole interval has passed: `np.floor(epoch_num / time_interval)`, not `round(...)` (which already decays half way).',
    functions: ['schedule_lr_decay'],
    at: /round\(/,
    produce: decayWith('round'),
  },
  {
    id: 'lr-decay-ceil',
    title: 'ceil instead of floor',
    hint: 'The rate changes once a whole interval has passed: `np.floor(epoch_num / time_interval)`; `np.ceil` already decays during the first interval.',
    at: /ceil/,
    functions: ['schedule_lr_decay'],
    produce: decayWith('ceil'),
  },
  {
    id: 'lr-decay-no-floor',
    title: 'epoch_num / time_interval without the floor',
    hint: 'Take the floor, `np.floor(epoch_num / time_interval)`: the rate should stay the same for a whole interval, not shrink every epoch.',
    functions: ['schedule_lr_decay'],
    at: /time_interval/,
    produce: decayWith('no-floor'),
  },
  {
    id: 'lr-decay-only-on-multiples',
    title: 'decays only on multiples of the interval',
    hint: 'Compute the rate from `np.floor(epoch_num / time_interval)` for every epoch: between two multiples the rate stays decayed, it does not go back to learning_rate0.',
    functions: ['schedule_lr_decay'],
    at: /%/,
    produce: decayWith('only-on-multiples'),
  },
  {
    id: 'lr-decay-ignores-interval',
    title: 'time_interval not used',
    hint: 'Decay by the number of whole intervals passed, `decay_rate * np.floor(epoch_num / time_interval)`, not by the epoch number itself.',
    functions: ['schedule_lr_decay'],
    at: /decay_rate\s*\*/,
    produce: decayWith('ignores-interval'),
  },
  {
    id: 'lr-decay-exponential',
    title: 'exponential decay instead of 1 / (1 + ...)',
    hint: 'This notebook decays as `learning_rate0 / (1 + decay_rate * epoch_num)` (despite "exponential" in the docstring), not with exp or a power of (1 + decay_rate).',
    functions: ['update_lr', 'schedule_lr_decay'],
    at: /exp|\*\*/,
    produce: decayWith('exponential'),
  },
];


export function mistakeById(id: string): Mistake | undefined {
  return MISTAKES.find((m) => m.id === id);
}
