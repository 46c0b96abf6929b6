// The lab form's logic without the DOM: which controls exist (derived from CONFIG_PARAMETERS and the
// optimizer registry), which are shown for the chosen optimizer and decay, how text becomes values,
// the sliders' scales, and where each validation message goes. Unit-tested; labForm.ts draws it.
import { HYPERPARAMETERS } from '../../src/core/optimizers/hyperparameters';
import { isOptimizerId, NOTEBOOK_OPTIMIZER_IDS, optimizer } from '../../src/core/optimizers/registry';
import type { ParameterSpec } from '../../src/core/trainer/parameterSpec';
import { CONFIG_PARAMETERS } from '../../src/core/trainer/trainConfig';
import { validateLabControls, type LabControls, type LabNumbers } from '../../src/shared/labControls';

export type NumberKey = keyof LabNumbers;
export type NumberSpec = (typeof CONFIG_PARAMETERS)[number];

/** Where a number control sits: the main grid, the optimizer's hyperparameters, the decay, or "More settings". */
export type ControlGroup = 'main' | 'hyper' | 'decay' | 'advanced';

const HYPER_KEYS = new Set<string>(HYPERPARAMETERS.map((h) => h.key));
const DECAY_KEYS = new Set<string>(['decayRate', 'decayInterval']);

export function controlGroup(spec: Pick<ParameterSpec, 'key' | 'setting'>): ControlGroup {
  if (HYPER_KEYS.has(spec.key)) return 'hyper';
  if (DECAY_KEYS.has(spec.key)) return 'decay';
  // The plotting period and the settings only the CLI has change no result: tucked away.
  if (spec.setting === undefined || spec.key === 'recordEvery') return 'advanced';
  return 'main';
}

/** The number controls, in the tables' order, each with its group. */
export const NUMBER_CONTROLS: readonly (NumberSpec & { group: ControlGroup })[] = CONFIG_PARAMETERS.map((p) => ({ ...p, group: controlGroup(p) }));

/** The compact form of the side view: these numbers only. */
export const COMPACT_KEYS: readonly NumberKey[] = ['learningRate', 'numEpochs'];

/** Whether a number control applies to the controls as they are: hyperparameters the optimizer reads, the decay's own fields. */
export function isNumberShown(key: string, controls: Pick<LabControls, 'optimizer' | 'decay'>): boolean {
  if (HYPER_KEYS.has(key)) return isOptimizerId(controls.optimizer) && (optimizer(controls.optimizer).hyperparameters as readonly string[]).includes(key);
  if (key === 'decayRate') return controls.decay !== 'none';
  if (key === 'decayInterval') return controls.decay === 'schedule_lr_decay';
  return true;
}

/** The notebook's settings: every table's default, layers 5, 2, 1, the notebook's moons. */
export function defaultLabControls(): LabControls {
  const numbers = Object.fromEntries(CONFIG_PARAMETERS.map((p) => [p.key, p.default])) as LabNumbers;
  return {
    optimizer: 'adam',
    numbers,
    layers: [5, 2, 1],
    decay: 'none',
    learningRateSchedule: '',
    dataset: { kind: 'moons', samples: 300, noise: 0.2, seed: 3 },
  };
}

/** What Compare trains unless told otherwise: the notebook's three. */
export const DEFAULT_COMPARE = NOTEBOOK_OPTIMIZER_IDS;

/** A number input's text as a value: '' and anything not a number become NaN (refused by validation). */
export function parseNumber(text: string): number {
  const t = text.trim();
  return t === '' ? NaN : Number(t);
}

/** "5, 2, 1" as [5, 2, 1]; a part that is not a number becomes NaN (refused by validation). */
export function parseLayers(text: string): number[] {
  const parts = text.split(/[\s,]+/).filter((p) => p !== '');
  return parts.map((p) => (/^[+-]?\d+(\.\d*)?(e[+-]?\d+)?$/i.test(p) ? Number(p) : NaN));
}

export function formatLayers(layers: readonly number[]): string {
  return Array.isArray(layers) ? layers.join(', ') : '';
}

/** A number as a number input shows it: exact, without exponent noise for the usual values. */
export function numberText(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/** A slider's scale: the position is `toPosition(value)`, the value at a position `fromPosition(p)`. */
export interface SliderScale {
  min: number;
  max: number;
  step: number;
  toPosition(value: number): number;
  fromPosition(position: number): number;
  /** Words for the slider's accessible name ("log scale"). */
  scale: string;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/**
 * The sliders next to the number inputs, for scrubbing: the learning rate on a log scale
 * (1e-5 … 10), the mini-batch size in powers of two (1 … 1024), the epochs in hundreds.
 */
export const SLIDERS: Partial<Record<NumberKey, SliderScale>> = {
  learningRate: {
    min: -5,
    max: 1,
    step: 0.01,
    toPosition: (v) => (v > 0 ? clamp(Math.log10(v), -5, 1) : -5),
    fromPosition: (p) => Number((10 ** p).toPrecision(3)),
    scale: 'log scale',
  },
  miniBatchSize: {
    min: 0,
    max: 10,
    step: 1,
    toPosition: (v) => (v > 0 ? clamp(Math.round(Math.log2(v)), 0, 10) : 0),
    fromPosition: (p) => 2 ** Math.round(p),
    scale: 'powers of two',
  },
  numEpochs: {
    min: 100,
    max: 20000,
    step: 100,
    toPosition: (v) => clamp(Number.isFinite(v) ? v : 100, 100, 20000),
    fromPosition: (p) => Math.round(p),
    scale: 'in hundreds',
  },
};

/** The DOM id of the control a validation key belongs to: 'dataset.noise' is #lab-dataset-noise. */
export function controlId(errorKey: string): string {
  return `lab-${errorKey.replace(/\./g, '-')}`;
}

/** The title of the control a validation key names, for messages about controls that are not shown. */
export function controlTitle(errorKey: string): string {
  const spec = CONFIG_PARAMETERS.find((p) => p.key === errorKey);
  if (spec) return spec.title;
  const titles: Record<string, string> = {
    optimizer: 'Optimizer',
    functions: 'Functions',
    layers: 'Layers',
    decay: 'Learning-rate decay',
    dataset: 'Data set',
    'dataset.samples': 'Moons samples',
    'dataset.noise': 'Moons noise',
    'dataset.seed': 'Moons seed',
  };
  return titles[errorKey] ?? errorKey;
}

/**
 * What is wrong with the controls, split into the messages shown under a visible control (by key) and
 * the lines for the form's message line (controls not shown: "Epsilon must be …").
 */
export function placeErrors(controls: LabControls, visible: (key: string) => boolean): { inPlace: Record<string, string>; elsewhere: string[] } {
  const errors = validateLabControls(controls);
  const inPlace: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const [key, message] of Object.entries(errors)) {
    if (visible(key)) inPlace[key] = message;
    else elsewhere.push(`${controlTitle(key)} ${message}`);
  }
  return { inPlace, elsewhere };
}

/** A copy of the controls whose numbers are exactly the tables' keys (a settings message may carry more or fewer). */
export function completeControls(c: Partial<LabControls> | undefined): LabControls {
  const d = defaultLabControls();
  if (!c || typeof c !== 'object') return d;
  const numbers = { ...d.numbers };
  for (const p of CONFIG_PARAMETERS) {
    const v = c.numbers?.[p.key];
    if (typeof v === 'number') numbers[p.key] = v;
  }
  return {
    optimizer: isOptimizerId(c.optimizer) ? c.optimizer : d.optimizer,
    numbers,
    layers: Array.isArray(c.layers) ? [...c.layers] : d.layers,
    decay: typeof c.decay === 'string' ? c.decay : d.decay,
    learningRateSchedule: typeof c.learningRateSchedule === 'string' ? c.learningRateSchedule : '',
    dataset: c.dataset && typeof c.dataset === 'object' ? { ...c.dataset } : d.dataset,
    ...(typeof c.functions === 'string' && c.functions !== '' ? { functions: c.functions } : {}),
  };
}
