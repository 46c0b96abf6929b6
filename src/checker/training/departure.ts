// Where a learner's run of the notebook's loop first leaves the reference (the core trained with the
// same config): after each of the first mini-batch steps (parameters and optimizer state) and at every
// recorded epoch (parameters). Said in the learner's terms: which value, which element, which function.
import { INIT_FUNCTIONS, UPDATE_FUNCTIONS } from './learnerFunctions';
import type { InitMessage, PlainArray, PlainDict, RecordMessage, StepMessage } from './learnerMessages';

/** The reference after one step: parameters and the optimizer's state (`v`, `s`), keyed W1, b1, ... */
export interface ReferenceStep {
  epoch: number;
  miniBatch: number;
  t: number;
  cost: number;
  parameters: Record<string, Float64Array>;
  state: Record<string, Record<string, Float64Array>>;
}

export interface Departure {
  epoch: number;
  mini_batch: number | null;
  t: number | null;
  /** The learner's key: 'W1', or 'v["dW1"]'. */
  key: string;
  index: number[];
  expected: number;
  got: number;
  /** The function the evidence points to. */
  function: string;
  line: number | null;
  /** A recognised mistake's id, when the evidence names one. */
  mistake: string | null;
  /** Its short name ("no bias correction"), said beside the departure in the panel. */
  mistakeTitle: string | null;
  title: string;
  hint: string;
}

export interface DepartureInput {
  optimizer: 'gd' | 'momentum' | 'adam';
  source: string;
  init?: InitMessage;
  steps: readonly StepMessage[];
  records: readonly RecordMessage[];
  referenceSteps: readonly ReferenceStep[];
  /** The reference's parameters at each recorded epoch. */
  referenceRecords: ReadonlyMap<number, Record<string, Float64Array>>;
  /** Shapes of the parameters (rows, cols) by key, to say W1[0][1] rather than W1[1]. */
  shapes: Readonly<Record<string, readonly [number, number]>>;
}

/** Equal up to what numpy's and the core's summation orders can change (1e-15 measured; 1e-9 allowed). */
function close(got: number, expected: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(got);
  return Math.abs(got - expected) <= 1e-12 + 1e-9 * Math.abs(expected);
}

/** The line of the last top-level `def name(` in the learner's source (1-based; the last one is what runs), or null. */
export function definitionLine(source: string, name: string): number | null {
  const lines = source.split(/\r?\n/);
  const pattern = new RegExp(`^def\\s+${name}\\s*\\(`);
  for (let i = lines.length - 1; i >= 0; i--) if (pattern.test(lines[i]!)) return i + 1;
  return null;
}

interface Difference {
  key: string;
  index: number[];
  expected: number;
  got: number;
}

/** The first element where a learner's dictionary differs from the reference's (missing keys and shapes count). */
function firstDifference(got: PlainDict | null | undefined, expected: Record<string, Float64Array>, shapes: DepartureInput['shapes'], keyOf: (k: string) => string, learnerKey: (k: string) => string): Difference | undefined {
  for (const [name, values] of Object.entries(expected)) {
    const label = keyOf(name);
    const array = got && !('__type__' in got) ? (got as Record<string, PlainArray>)[learnerKey(name)] : undefined;
    const [rows, cols] = shapes[name] ?? [values.length, 1];
    if (!array || '__type__' in array || array.data.length !== values.length) return { key: label, index: [], expected: NaN, got: NaN };
    for (let i = 0; i < values.length; i++) {
      const g = array.data[i] ?? NaN;
      if (!close(g, values[i]!)) return { key: label, index: cols === 1 && rows !== 1 ? [i, 0] : [Math.floor(i / cols), i % cols], expected: values[i]!, got: g };
    }
  }
  return undefined;
}

const fmt = (x: number, digits = 8): string => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x));
/** Expected and got with just enough digits to tell them apart (8 at least). */
function fmtPair(expected: number, got: number): [string, string] {
  for (let digits = 8; digits < 17; digits++) if (fmt(expected, digits) !== fmt(got, digits)) return [fmt(expected, digits), fmt(got, digits)];
  return [fmt(expected, 17), fmt(got, 17)];
}
const at = (d: Difference): string => `${d.key}${d.index.map((i) => `[${i}]`).join('')}`;

/**
 * The first departure, or null when the learner's run stays with the reference at every point compared.
 *
 * @example
 * findDeparture(input)?.title; // "your run leaves the reference at epoch 0, mini-batch 3 (Adam t = 3): W1[0][1] expected 0.1, got 0.2"
 */
export function findDeparture(input: DepartureInput): Departure | null {
  const { optimizer, source, init, shapes } = input;
  const update = UPDATE_FUNCTIONS[optimizer];
  const make = (fn: string, d: Difference, where: { epoch: number; miniBatch: number | null; t: number | null }, extra: { mistake?: string; title?: string; hint: string }): Departure => {
    const place = `epoch ${where.epoch}${where.miniBatch === null ? '' : `, mini-batch ${where.miniBatch}`}${optimizer === 'adam' && where.t !== null ? ` (Adam t = ${where.t})` : ''}`;
    const [expected, got] = fmtPair(d.expected, d.got);
    const value = d.index.length === 0 ? `${d.key} is missing or has another shape` : `${at(d)} expected ${expected}, got ${got}`;
    return {
      epoch: where.epoch,
      mini_batch: where.miniBatch,
      t: where.t,
      key: d.key,
      index: d.index,
      expected: d.expected,
      got: d.got,
      function: fn,
      line: definitionLine(source, fn),
      mistake: extra.mistake ?? null,
      mistakeTitle: extra.mistake !== undefined ? (extra.title ?? null) : null,
      title: extra.title ?? `your run leaves the reference at ${place}: ${value}`,
      hint: extra.hint,
    };
  };

  if (optimizer === 'adam' && init?.aliasing) {
    const same = init.aliasing === 'same-dict';
    return make(INIT_FUNCTIONS.adam, { key: 'v, s', index: [], expected: NaN, got: NaN }, { epoch: 0, miniBatch: null, t: 0 }, {
      mistake: 'adam-state-aliased',
      title: same ? 'initialize_adam returns one dictionary as both v and s' : 'initialize_adam gives v and s the same arrays',
      hint: same
        ? 'v and s are the same dictionary, so every update of v also overwrites s: build two dictionaries, each with its own np.zeros arrays.'
        : 'v["dW1"] and s["dW1"] are the same array, so updating one changes the other: give each its own np.zeros(...) (or .copy()).',
    });
  }

  for (const [i, step] of input.steps.entries()) {
    const ref = input.referenceSteps[i];
    if (!ref) break;
    const where = { epoch: step.epoch, miniBatch: step.miniBatch, t: optimizer === 'adam' ? step.t : null };
    // The cost is of this mini-batch before its update, from parameters that still agreed: if it differs, the mini-batch does.
    if (step.cost !== null && !close(step.cost, ref.cost)) {
      return make('random_mini_batches', { key: 'cost', index: [], expected: ref.cost, got: step.cost }, where, {
        title: `your run leaves the reference at epoch ${step.epoch}, mini-batch ${step.miniBatch}: its mini-batch is not the notebook's (cost ${fmt(step.cost)}, expected ${fmt(ref.cost)})`,
        hint: 'random_mini_batches gave other examples (or another order) than np.random.seed(seed); permutation(m) with X and Y shuffled together, in slices of mini_batch_size, the last one partial.',
      });
    }
    for (const [label, dict] of [['v', step.v], ['s', step.s]] as const) {
      const expected = ref.state[label];
      if (!expected) continue;
      const d = firstDifference(dict, expected, shapes, (k) => `${label}["d${k}"]`, (k) => `d${k}`);
      if (d) return make(update, d, where, { hint: `${label} after this update is not the reference's: check the formula of ${label} in ${update}.` });
    }
    const d = firstDifference(step.parameters, ref.parameters, shapes, (k) => k, (k) => k);
    if (d) return make(update, d, where, { hint: `The parameters after this update are not the reference's: check the step ${update} takes.` });
  }

  for (const record of input.records) {
    const expected = input.referenceRecords.get(record.epoch);
    if (!expected || !record.parameters) continue;
    const d = firstDifference(record.parameters, expected, shapes, (k) => k, (k) => k);
    if (d) {
      return make(update, d, { epoch: record.epoch, miniBatch: null, t: null }, {
        hint: `The first mini-batch steps agreed; by epoch ${record.epoch} the parameters differ: a difference that grows slowly (in ${update}) or mini-batches of a later epoch (random_mini_batches with another seed).`,
      });
    }
  }
  return null;
}

/** The departure in one line, with the mistake's name when it is not the title already (the panel's run notes). */
export function departureSummary(d: Departure): string {
  return d.mistakeTitle && d.mistakeTitle !== d.title ? `${d.title} (${d.mistakeTitle})` : d.title;
}
