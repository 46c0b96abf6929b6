import type { Matrix } from '../../core/linalg/matrix';
import { layerCount } from '../../core/nn/parameters';
import { ADAM_DEFAULTS, type AdamInputs, type CaseInputs, type GdInputs, type MomentumInputs } from '../cases/caseInputs';
import { formatNumber } from '../formatValue';
import { RESULT_NAMES } from '../cases/pythonCall';
import { sameValue } from '../compare';
import { asMatrix, dictGet, type PyValue } from '../pyValue';
import type { GradedFunction } from '../types';
import { resultsAgree } from './agree';
import type { Diagnosis, DiagnosisContext, ResultFacts } from './mistake';
import { miniBatchVariant } from './miniBatchVariants';
import { adamVariant, gdVariant, momentumVariant, type UpdateVariant } from './updateVariants';

// Diagnosis by reasoning from the values, for failures the catalogue does not list: what the learner's result
// equals (the untouched input, the reference with another hyperparameter, the other moment), what it is a
// constant multiple of, and what the harness saw of the objects (v is s). Each finding says only what the
// evidence shows; a bare constant factor is reported as such, without a guess at its cause.

/** A finding without its line yet: the regex finds the line of the function it points to. */
export interface Reasoned extends Omit<Diagnosis, 'line'> {
  at?: RegExp;
}

/** Ids this module can give (for the docs' table and the tests). */
export const REASONED_IDS = [
  'v-s-same-dictionary',
  'v-s-share-arrays',
  'parameters-not-updated',
  'layer-not-updated',
  'moments-not-stored',
  'b-updated-with-dw',
  'hyperparameter-fixed',
  'default-hyperparameter',
  'adam-t-changed',
  'minibatch-other-permutation',
  'lr-not-decayed',
  'value-off-by-factor',
  'calls-differ',
  'returned-in-wrong-order',
  'input-changed',
] as const;

const RTOL = 1e-5;
const ATOL = 1e-8;

function close(a: number, b: number, rtol = RTOL): boolean {
  return Math.abs(a - b) <= ATOL + rtol * Math.abs(b);
}

function items(v: PyValue | undefined): PyValue[] {
  return v?.kind === 'tuple' || v?.kind === 'list' ? v.items : v === undefined ? [] : [v];
}

function matrixAt(dictValue: PyValue | undefined, key: string): Matrix | undefined {
  return dictValue?.kind === 'dict' ? asMatrix(dictGet(dictValue, key)) : undefined;
}

function sameMatrix(a: Matrix | undefined, b: Matrix | undefined): boolean {
  if (!a || !b || a.rows !== b.rows || a.cols !== b.cols) return false;
  for (let i = 0; i < a.data.length; i++) if (!close(a.data[i]!, b.data[i]!)) return false;
  return true;
}

function differs(a: Matrix | undefined, b: Matrix | undefined): boolean {
  return !sameMatrix(a, b);
}

type UpdateInputs = GdInputs | MomentumInputs | AdamInputs;

function isUpdate(inputs: CaseInputs): inputs is UpdateInputs {
  return inputs.fn === 'update_parameters_with_gd' || inputs.fn === 'update_parameters_with_momentum' || inputs.fn === 'update_parameters_with_adam';
}

function variantOf(inputs: UpdateInputs, variant: UpdateVariant): PyValue {
  switch (inputs.fn) {
    case 'update_parameters_with_gd':
      return gdVariant(inputs, variant);
    case 'update_parameters_with_momentum':
      return momentumVariant(inputs, variant);
    case 'update_parameters_with_adam':
      return adamVariant(inputs, variant);
  }
}

/** "v is s": the harness saw the same dict (or the same arrays) returned twice. */
export function aliasing(fn: GradedFunction, facts: ResultFacts | undefined): Reasoned | undefined {
  const ctx = { facts };
  if (fn !== 'initialize_adam' && fn !== 'update_parameters_with_adam') return undefined;
  const [vi, si] = fn === 'initialize_adam' ? [0, 1] : [1, 2];
  if (ctx.facts?.sameObject?.some(([i, j]) => i === vi && j === si)) {
    return {
      id: 'v-s-same-dictionary',
      title: 'v and s are the same dictionary',
      hint: 'Make two dictionaries, `v = {}` and `s = {}` (not `v = s = {}` or `s = v`): as one dictionary, every update of s overwrites v.',
      at: /(\bv\s*=\s*s\b|\bs\s*=\s*v\b|v\s*=\s*s\s*=|s\s*=\s*v\s*=)/,
    };
  }
  const shared = ctx.facts?.sharedArrays?.find(([i, j]) => i === vi && j === si);
  if (shared) {
    return {
      id: 'v-s-share-arrays',
      title: 'v and s share their arrays',
      hint: `v["${shared[2]}"] and s["${shared[2]}"] are the same numpy array: give s its own zeros (\`np.zeros_like(...)\` once for v and once for s), or an in-place update of one changes the other.`,
      at: /s\[[^\]]*\]\s*=\s*v\[/,
    };
  }
  return undefined;
}

const PARAMETER_KEYS = (inputs: UpdateInputs): string[] => {
  const L = layerCount(inputs.parameters);
  return Array.from({ length: L }, (_, i) => [`W${i + 1}`, `b${i + 1}`]).flat();
};

/** The parameters came back as they went in: all of them, or some layers only. */
function untouched(ctx: DiagnosisContext, inputs: UpdateInputs): Reasoned | undefined {
  const returned = items(ctx.actual)[0];
  const expected = items(ctx.expected)[0];
  if (returned?.kind !== 'dict') return undefined;
  const keys = PARAMETER_KEYS(inputs);
  const same = keys.filter((k) => sameMatrix(matrixAt(returned, k), inputs.parameters[k]) && differs(matrixAt(expected, k), inputs.parameters[k]));
  const right = keys.filter((k) => sameMatrix(matrixAt(returned, k), matrixAt(expected, k)));
  if (same.length === keys.length) {
    return {
      id: 'parameters-not-updated',
      title: 'parameters were not updated',
      hint: 'The parameters come back unchanged: store each new value in the dictionary, `parameters["W" + str(l)] = parameters["W" + str(l)] - ...` (assigning to a local name like `W = W - ...` changes nothing in parameters).',
      at: /^\s*(\w+)\s*=\s*parameters\[/,
    };
  }
  if (same.length > 0 && same.length + right.length === keys.length) {
    const layers = [...new Set(same.map((k) => Number(k.slice(1))))];
    const whole = layers.every((l) => same.includes(`W${l}`) && same.includes(`b${l}`));
    if (whole) {
      return {
        id: 'layer-not-updated',
        title: `layer ${layers.join(', ')} not updated`,
        hint: `The loop never reaches layer ${layers.join(', ')}: with \`L = len(parameters) // 2\`, loop \`for l in range(1, L + 1)\` (or \`range(L)\` with \`str(l + 1)\`) so every layer from 1 to L is updated.`,
        at: /for\s+\w+\s+in\s+range/,
      };
    }
    const key = same[0]!;
    return {
      id: 'parameters-not-updated',
      title: `${key} was not updated`,
      hint: `parameters["${key}"] comes back unchanged while the other parameters are right: store its new value in the dictionary as you do for the others.`,
    };
  }
  return undefined;
}

/** Momentum / Adam: the parameters are right, the returned v (or s) is the one passed in. */
function momentsNotStored(ctx: DiagnosisContext, inputs: UpdateInputs): Reasoned | undefined {
  if (inputs.fn === 'update_parameters_with_gd') return undefined;
  const got = items(ctx.actual);
  const expected = items(ctx.expected);
  const names = inputs.fn === 'update_parameters_with_adam' ? ['v', 's'] : ['v'];
  const before = inputs.fn === 'update_parameters_with_adam' ? [inputs.v, inputs.s] : [inputs.v];
  const stale = names.filter((_, i) => {
    const keys = Object.keys(before[i]!);
    return keys.every((k) => sameMatrix(matrixAt(got[i + 1], k), before[i]![k])) && keys.some((k) => differs(matrixAt(expected[i + 1], k), before[i]![k]));
  });
  if (stale.length === 0) return undefined;
  const which = stale.join(' and ');
  return {
    id: 'moments-not-stored',
    title: `${which} returned unchanged`,
    hint: `The ${which} you return ${stale.length > 1 ? 'are' : 'is'} the one${stale.length > 1 ? 's' : ''} passed in: assign the new moving average back into the dictionary (\`${stale[0]}["dW" + str(l)] = ...\`), so the next step starts from it.`,
  };
}

/** A b key of W's shape: `b - learning_rate * dW` broadcast (n, 1) against (n, m). */
function bWithDw(ctx: DiagnosisContext, inputs: UpdateInputs): Reasoned | undefined {
  const m = ctx.mismatch;
  const key = /^parameters\["(b\d+)"\]$/.exec(m?.key ?? '')?.[1];
  if (m?.kind !== 'shape' || key === undefined) return undefined;
  const layer = key.slice(1);
  const got = matrixAt(items(ctx.actual)[0], key);
  const w0 = inputs.parameters[`W${layer}`];
  const wExpected = matrixAt(items(ctx.expected)[0], `W${layer}`);
  const b0 = inputs.parameters[key];
  if (!got || !w0 || !wExpected || !b0 || got.rows !== w0.rows || got.cols !== w0.cols) return undefined;
  for (let r = 0; r < got.rows; r++) {
    for (let c = 0; c < got.cols; c++) {
      const i = r * got.cols + c;
      const step = w0.data[i]! - wExpected.data[i]!;
      if (!close(got.data[i]!, b0.data[r]! - step)) return undefined;
    }
  }
  return {
    id: 'b-updated-with-dw',
    title: 'b updated with dW',
    hint: `parameters["${key}"] took W's step and W's shape: update b with its own gradient, \`grads["db" + str(l)]\` (or \`v["db" + str(l)]\`), not "dW".`,
    at: /\[\s*["']b["']/,
  };
}

const LR_CANDIDATES = [0.01, 0.001, 0.0007, 0.1, 0.02, 0.05, 0.0001];
const BETA_CANDIDATES = [0.9, 0.99, 0.95, 0.8, 0.999];
const BETA2_CANDIDATES = [0.999, 0.99, 0.9, 0.888];
const EPSILON_CANDIDATES = [1e-8, 1e-7, 1e-2, 1e-4, 0];

interface Hypothesis {
  name: 'learning_rate' | 'beta' | 'beta1' | 'beta2' | 'epsilon' | 't';
  value: number;
  given: number;
  variant: UpdateVariant;
}

function hypotheses(inputs: UpdateInputs): Hypothesis[] {
  const out: Hypothesis[] = [];
  const add = (name: Hypothesis['name'], given: number, values: number[], make: (x: number) => UpdateVariant) => {
    for (const value of values) if (value !== given) out.push({ name, value, given, variant: make(value) });
  };
  switch (inputs.fn) {
    case 'update_parameters_with_gd':
      add('learning_rate', inputs.learningRate, LR_CANDIDATES, (x) => ({ learningRate: x }));
      break;
    case 'update_parameters_with_momentum':
      add('learning_rate', inputs.learningRate, LR_CANDIDATES, (x) => ({ learningRate: x }));
      add('beta', inputs.beta, BETA_CANDIDATES, (x) => ({ beta: x }));
      break;
    case 'update_parameters_with_adam': {
      const h = inputs.hyperparameters ?? ADAM_DEFAULTS;
      add('t', inputs.t, [inputs.t + 1, inputs.t - 1, 1].filter((t) => t >= 1), (x) => ({ t: x }));
      add('learning_rate', h.learningRate, LR_CANDIDATES, (x) => ({ learningRate: x }));
      add('beta1', h.beta1, BETA_CANDIDATES, (x) => ({ beta1: x }));
      add('beta2', h.beta2, BETA2_CANDIDATES, (x) => ({ beta2: x }));
      add('epsilon', h.epsilon, EPSILON_CANDIDATES, (x) => ({ epsilonValue: x }));
      break;
    }
  }
  return out;
}

/** Whether the case left this hyperparameter at the function's default (the notebook's Adam call passes only t). */
function usesDefault(inputs: UpdateInputs, name: Hypothesis['name']): boolean {
  return inputs.fn === 'update_parameters_with_adam' && inputs.hyperparameters === undefined && name !== 't';
}

/** The reference with one hyperparameter changed gives exactly the learner's result. */
function otherHyperparameter(ctx: DiagnosisContext, inputs: UpdateInputs): Reasoned | undefined {
  const actual = ctx.actual;
  if (actual === undefined) return undefined;
  // With the gradient-descent step the learning rate can be solved for, not only guessed.
  // "Fixed at 0.01" needs the number in the code too (a step taken twice also looks like twice the rate), and
  // "your default is" needs it in the def line; a changed t is shown by v, s and the parameters together.
  const credible = (h: Hypothesis) =>
    h.name === 't' || (usesDefault(inputs, h.name) ? literalIn(ctx.source?.text.split('\n')[0], h.value) : literalIn(bodyOf(ctx), h.value));
  if (inputs.fn === 'update_parameters_with_gd') {
    const solved = solvedLearningRate(inputs, actual);
    const h: Hypothesis | undefined = solved === undefined ? undefined : { name: 'learning_rate', value: solved, given: inputs.learningRate, variant: {} };
    if (h && credible(h)) return describeHypothesis(inputs, h);
    if (h) return undefined;
  }
  for (const h of hypotheses(inputs)) {
    if (resultsAgree(inputs.fn, variantOf(inputs, h.variant), actual)) return credible(h) ? describeHypothesis(inputs, h) : undefined;
  }
  return undefined;
}

/** The function's body (without its def line), when known. */
function bodyOf(ctx: DiagnosisContext): string | undefined {
  return ctx.source?.text.split('\n').slice(1).join('\n');
}

/** Whether `text` holds a numeric literal equal to `value` (0.01, 1e-2, 1e-08 alike), outside comments. */
function literalIn(text: string | undefined, value: number): boolean {
  if (text === undefined) return false;
  const code = text.replace(/#.*$/gm, '');
  return [...code.matchAll(/(?<![\w.])(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)(?![\w.])/g)].some((m) => {
    const x = Number(m[1]);
    return x === value || (value !== 0 && close(x, value, 1e-9));
  });
}

/** W - A = k * lr * dW for every element with the same k: the learner's learning rate is k * lr. */
function solvedLearningRate(inputs: GdInputs, actual: PyValue): number | undefined {
  let rate: number | undefined;
  for (const key of PARAMETER_KEYS(inputs)) {
    const w = inputs.parameters[key]!;
    const g = inputs.grads[`d${key}`];
    const a = matrixAt(actual, key);
    if (!a || !g || a.rows !== w.rows || a.cols !== w.cols) return undefined;
    for (let i = 0; i < w.data.length; i++) {
      if (Math.abs(g.data[i]!) < 1e-3) continue;
      const r = (w.data[i]! - a.data[i]!) / g.data[i]!;
      if (rate === undefined) rate = r;
      else if (!close(r, rate, 1e-4)) return undefined;
    }
  }
  if (rate === undefined || rate <= 0 || close(rate, inputs.learningRate, 1e-4)) return undefined;
  return Number(rate.toPrecision(6));
}

function describeHypothesis(inputs: UpdateInputs, h: Hypothesis): Reasoned {
  const value = formatNumber(h.value);
  const given = formatNumber(h.given);
  if (h.name === 't') {
    const incremented = h.value === h.given + 1;
    return {
      id: 'adam-t-changed',
      title: incremented ? 't is incremented inside the function' : `t used as ${value}, not the t passed`,
      hint: incremented
        ? 'The caller counts the steps (`t = t + 1` before each call in model()): use the t you are given in the bias correction, do not add 1 to it.'
        : `Your bias correction uses t = ${value} while the call passes t = ${given}: use the argument t in \`1 - beta1 ** t\` and \`1 - beta2 ** t\`.`,
      at: /\bt\s*(\+=|=\s*t\s*\+)|\*\*/,
    };
  }
  if (usesDefault(inputs, h.name)) {
    return {
      id: 'default-hyperparameter',
      title: `default ${h.name} is ${value}`,
      hint: `Your default ${h.name} is ${value}, the notebook's is ${given}: keep the signature \`update_parameters_with_adam(parameters, grads, v, s, t, learning_rate = 0.01, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8)\`.`,
      at: /^def\s/,
    };
  }
  return {
    id: 'hyperparameter-fixed',
    title: `${h.name} fixed at ${value}`,
    hint: `Your update uses ${h.name} = ${value} whatever the call passes (this case passes ${given}): use the argument \`${h.name}\` instead of a number.`,
    at: new RegExp(`(^|[^\\w.])${value.replace('.', '\\.').replace('-', '\\-')}(?![\\w.])`),
  };
}

interface Factor {
  value: number;
  text: string;
}

/** The factors a wrong formula in these functions multiplies a value by. */
function knownFactors(inputs: CaseInputs): Factor[] {
  const out: Factor[] = [];
  const add = (value: number, text: string) => {
    if (Number.isFinite(value) && value !== 0 && value !== 1) out.push({ value, text });
  };
  if (inputs.fn === 'update_parameters_with_momentum') {
    const b = inputs.beta;
    add(1 - b, '(1 - beta)');
    add(b, 'beta');
    add(inputs.learningRate, 'learning_rate');
  }
  if (inputs.fn === 'update_parameters_with_adam') {
    const h = inputs.hyperparameters ?? ADAM_DEFAULTS;
    const t = inputs.t;
    for (const [name, b] of [['beta1', h.beta1], ['beta2', h.beta2]] as const) {
      add(1 - b, `(1 - ${name})`);
      add(1 - b ** t, `(1 - ${name} ** t)`);
      add((1 - b) ** t, `(1 - ${name}) ** t`);
      add(Math.sqrt(1 - b ** t), `sqrt(1 - ${name} ** t)`);
    }
    add(h.learningRate, 'learning_rate');
  }
  if (inputs.fn === 'update_parameters_with_gd') add(inputs.learningRate, 'learning_rate');
  add(-1, '-1 (the sign)');
  add(2, '2');
  add(0.5, '1/2');
  return out;
}

/** Every element of the first differing array is the same multiple of the expected one. */
function constantFactor(ctx: DiagnosisContext): Reasoned | undefined {
  const m = ctx.mismatch;
  if (m?.kind !== 'value' || m.index === undefined) return undefined;
  const got = leaf(ctx.actual, m.key);
  const want = leaf(ctx.expected, m.key);
  if (!got || !want || got.length !== want.length) return undefined;
  const { inputs } = ctx;
  // For parameters the step is what a factor scales: (W0 - got) / (W0 - expected).
  const isParameter = /^parameters\[/.test(m.key) && isUpdate(inputs);
  const start = isParameter ? inputs.parameters[/"(\w+)"/.exec(m.key)![1]!]?.data : undefined;
  let k: number | undefined;
  let counted = 0;
  for (let i = 0; i < got.length; i++) {
    const e = start ? start[i]! - want[i]! : want[i]!;
    const a = start ? start[i]! - got[i]! : got[i]!;
    if (Math.abs(e) < 1e-12) {
      if (Math.abs(a) > 1e-9) return undefined;
      continue;
    }
    const r = a / e;
    if (k === undefined) k = r;
    else if (!close(r, k, 1e-4)) return undefined;
    counted++;
  }
  if (k === undefined || counted < 2 || close(k, 1, 1e-4)) return undefined;
  const what = isParameter ? `the step of ${m.key}` : m.key;
  const factor = knownFactors(inputs).find((f) => close(k, f.value, 1e-4) || close(k, 1 / f.value, 1e-4));
  if (factor) {
    const times = close(k, factor.value, 1e-4) ? factor.text : `1 / ${factor.text}`;
    const how = close(k, factor.value, 1e-4) ? 'an extra factor' : 'a missing factor (or a division where a product belongs)';
    return {
      id: 'value-off-by-factor',
      title: `${what} is ${times} times the expected`,
      hint: `Every element of ${what} is exactly ${times} (${formatNumber(k)}) times the expected value: look for ${how} ${factor.text} in the line that computes it.`,
    };
  }
  return {
    id: 'value-off-by-factor',
    title: `${what} is off by a constant factor`,
    hint: `Every element of ${what} is ${formatNumber(k)} times the expected value: the formula is right up to one constant (a learning rate, beta or bias correction) in the line that computes it.`,
  };
}

/** The elements of `mismatch.key` within a result (`v["dW1"]` → item 1's dW1). */
function leaf(value: PyValue | undefined, key: string): Float64Array | undefined {
  const match = /^(\w+)\["(\w+)"\]$/.exec(key);
  if (!match || value === undefined) return undefined;
  const names = ['parameters', 'v', 's', 'v_corrected', 's_corrected'];
  const all = items(value);
  const index = value.kind === 'dict' ? 0 : names.indexOf(match[1]!);
  const dict = value.kind === 'dict' ? value : all[index];
  return matrixAt(dict, match[2]!)?.data;
}

/** Batches that hold every example with its own label, shuffled in another order than the seed gives. */
function otherPermutation(ctx: DiagnosisContext): Reasoned | undefined {
  const inputs = ctx.inputs;
  if (inputs.fn !== 'random_mini_batches' || ctx.actual === undefined) return undefined;
  const batches = items(ctx.actual);
  // Only the order may differ: as many mini-batches as expected, each of the expected shape.
  const expectedBatches = items(ctx.expected);
  if (batches.length !== expectedBatches.length) return undefined;
  for (let i = 0; i < batches.length; i++) {
    const [x, y] = items(batches[i]).map(asMatrix);
    const [ex, ey] = items(expectedBatches[i]).map(asMatrix);
    if (!x || !y || !ex || !ey || x.cols !== ex.cols || y.cols !== ey.cols) return undefined;
  }
  const columns: Array<{ x: number[]; y: number }> = [];
  for (const b of batches) {
    const [x, y] = items(b).map(asMatrix);
    if (!x || !y || x.rows !== inputs.X.rows || y.rows !== 1 || x.cols !== y.cols) return undefined;
    for (let c = 0; c < x.cols; c++) columns.push({ x: Array.from({ length: Math.min(x.rows, 4) }, (_, r) => x.data[r * x.cols + c]!), y: y.data[c]! });
  }
  if (columns.length !== inputs.X.cols) return undefined;
  const m = inputs.X.cols;
  const byFirstRows = new Map<string, number[]>();
  for (let c = 0; c < m; c++) {
    const id = Array.from({ length: Math.min(inputs.X.rows, 4) }, (_, r) => inputs.X.data[r * m + c]!).join(',');
    byFirstRows.set(id, [...(byFirstRows.get(id) ?? []), c]);
  }
  const used = new Set<number>();
  for (const col of columns) {
    const candidates = byFirstRows.get(col.x.join(',')) ?? [];
    const c = candidates.find((x) => !used.has(x) && inputs.Y.data[x] === col.y);
    if (c === undefined) return undefined; // an example missing, repeated, or with another label
    used.add(c);
  }
  if (resultsAgree('random_mini_batches', miniBatchVariant(inputs, { notShuffled: true }), ctx.actual)) return undefined;
  return {
    id: 'minibatch-other-permutation',
    title: 'shuffled in another order than the seed gives',
    hint: 'Every example keeps its label, but the order is not the one `np.random.seed(seed)` followed by one `np.random.permutation(m)` gives: seed with the argument seed right before drawing the single permutation (and draw nothing else in between).',
    at: /permutation|shuffle/,
  };
}

/** The decay functions returned learning_rate0 itself. */
function notDecayed(ctx: DiagnosisContext): Reasoned | undefined {
  const inputs = ctx.inputs;
  if (inputs.fn !== 'update_lr' && inputs.fn !== 'schedule_lr_decay') return undefined;
  const a = ctx.actual;
  const value = a?.kind === 'float' || a?.kind === 'int' ? a.value : a?.kind === 'array' && a.data.length === 1 ? a.data[0]! : undefined;
  if (value === undefined || !close(value, inputs.learningRate0)) return undefined;
  return {
    id: 'lr-not-decayed',
    title: 'the learning rate is not decayed',
    hint: 'Your function returns learning_rate0 unchanged here: divide it by `(1 + decay_rate * ...)` and return the result.',
    at: /return/,
  };
}

/** Two calls with the same inputs gave different results. */
export function callsDiffer(fn: GradedFunction): Reasoned {
  if (fn === 'random_mini_batches') {
    return {
      id: 'calls-differ',
      title: 'not seeded: two calls shuffle differently',
      hint: 'Two calls with the same seed returned different mini-batches: call `np.random.seed(seed)` inside the function, before `np.random.permutation(m)`.',
      at: /permutation|shuffle/,
    };
  }
  return {
    id: 'calls-differ',
    title: 'state survives between calls',
    hint: 'Two calls with the same inputs returned different values: something outlives a call (a global variable, a default argument like `v={}`, or a dictionary built once outside the function); build everything inside the function from its arguments.',
    at: /global|=\s*\{\}\s*[,)]/,
  };
}

/** The returned values are the expected ones in another order (`return v, parameters`). */
function wrongOrder(ctx: DiagnosisContext): Reasoned | undefined {
  const got = ctx.actual;
  const want = ctx.expected;
  if ((got?.kind !== 'tuple' && got?.kind !== 'list') || want.kind !== 'tuple' || got.items.length < 2) return undefined;
  const n = got.items.length;
  const names = RESULT_NAMES[ctx.inputs.fn];
  const match = got.items.map((item) => want.items.slice(0, n).findIndex((w) => sameValue(w, item)));
  const isPermutation = match.every((j) => j >= 0) && new Set(match).size === n && match.some((j, i) => j !== i);
  if (!isPermutation) return undefined;
  const order = names.slice(0, n).join(', ');
  return {
    id: 'returned-in-wrong-order',
    title: 'values returned in the wrong order',
    hint: `Return the values in the order the caller unpacks them: \`return ${order}\` (you return ${match.map((j) => names[j]).join(', ')}).`,
    at: /^\s*return\b/,
  };
}

/** The arguments a function must leave alone (the others, parameters, v and s, may be updated in place). */
const READ_ONLY: Partial<Record<GradedFunction, Record<number, string>>> = {
  update_parameters_with_gd: { 1: 'grads' },
  update_parameters_with_momentum: { 1: 'grads' },
  update_parameters_with_adam: { 1: 'grads' },
  random_mini_batches: { 0: 'X', 1: 'Y' },
  initialize_velocity: { 0: 'parameters' },
  initialize_adam: { 0: 'parameters' },
};

/** The call modified an input it should only read (the harness compared it with a fresh copy). */
export function changedInput(fn: GradedFunction, changed: readonly number[] | undefined): (Reasoned & { argument: string }) | undefined {
  const argument = changed?.map((i) => READ_ONLY[fn]?.[i]).find((name) => name !== undefined);
  if (argument === undefined) return undefined;
  const why =
    argument === 'X' || argument === 'Y'
      ? 'the training loop passes the same data set every epoch, so a shuffle in place changes it for the next epoch'
      : argument === 'grads'
        ? 'the gradients belong to the caller'
        : 'the parameters are only read here';
  return {
    id: 'input-changed',
    argument,
    title: `${argument} changed in place`,
    hint: `Leave ${argument} as it was passed (${why}): build new arrays, e.g. \`shuffled_X = X[:, permutation]\`, instead of assigning into it or shuffling it in place.`,
    at: new RegExp(`np\\.random\\.shuffle|\\b${argument}\\s*(\\[[^\\]]*\\])?\\s*([-+*/]?=)(?!=)`),
  };
}

/** The reasoned explanation of a failing check, or undefined when the evidence names nothing. */
export function reason(ctx: DiagnosisContext): Reasoned | undefined {
  const alias = aliasing(ctx.inputs.fn, ctx.facts);
  if (alias) return alias;
  if (ctx.actual === undefined || ctx.mismatch === undefined) return undefined;
  const inputs = ctx.inputs;
  const order = wrongOrder(ctx);
  if (order) return order;
  if (isUpdate(inputs)) {
    return untouched(ctx, inputs) ?? momentsNotStored(ctx, inputs) ?? bWithDw(ctx, inputs) ?? otherHyperparameter(ctx, inputs) ?? constantFactor(ctx);
  }
  return otherPermutation(ctx) ?? notDecayed(ctx) ?? constantFactor(ctx);
}
