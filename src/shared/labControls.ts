// The lab panel's controls: the values a run is started with from the panel (or a *.optlab.json file),
// their validation in the user's words, and the step view the panel draws. Shared by the webview (which
// refuses invalid input in place, before training) and the extension (which checks again: a message
// is input like any other).
import { NOTEBOOK_OPTIMIZER_IDS, OPTIMIZER_IDS, isOptimizerId, optimizer, type OptimizerId } from '../core/optimizers/registry';
import { isLearningRateDecay, LEARNING_RATE_DECAYS, type LearningRateDecay } from '../core/trainer/learningRateDecay';
import { inRange, rangeText } from '../core/trainer/parameterSpec';
import type { StepSnapshot } from '../core/trainer/stepSnapshot';
import { CONFIG_PARAMETERS } from '../core/trainer/trainConfig';

/** Which data set: the notebook's moons made on the fly, or a workspace file (workspace-relative path). */
export type DatasetChoice = { kind: 'moons'; samples: number; noise: number; seed: number } | { kind: 'file'; path: string };

/** The numeric fields the panel sets: every CONFIG_PARAMETERS key with a setting, plus the seeds and periods. */
export type LabNumbers = Record<(typeof CONFIG_PARAMETERS)[number]['key'], number>;

export interface LabControls {
  optimizer: OptimizerId;
  numbers: LabNumbers;
  /** Hidden and output layer sizes (the input size comes from the data set), as the `layers` setting. */
  layers: number[];
  decay: LearningRateDecay;
  /** The free-form schedule expression ('' for none); exclusive with `decay`. */
  learningRateSchedule: string;
  dataset: DatasetChoice;
  /**
   * Whose functions Train uses: absent or '' for the built-in optimizer (the reference), or a workspace-relative
   * .py / .ipynb path: the learner's own functions in the notebook's model() loop, beside the reference.
   */
  functions?: string;
}

/** The largest moons the panel makes (the CLI's limit too). */
export const MAX_MOONS_SAMPLES = 100_000;
const MAX_LAYER_WIDTH = 4096;

/**
 * What is wrong with each control, in words for the control's own message line; empty when the
 * controls can train. Keys: the number's key ('learningRate'), 'layers', 'decay', 'dataset',
 * 'dataset.samples', 'dataset.noise', 'dataset.seed', 'optimizer', 'functions'.
 *
 * @example
 * validateLabControls({ ...controls, numbers: { ...controls.numbers, learningRate: 0 } }); // { learningRate: 'must be a finite number > 0' }
 */
export function validateLabControls(c: LabControls): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!isOptimizerId(c.optimizer)) errors['optimizer'] = `must be one of ${OPTIMIZER_IDS.join(', ')}`;
  const used = isOptimizerId(c.optimizer) ? new Set<string>(optimizer(c.optimizer).hyperparameters) : new Set<string>();
  const hyper = new Set(['beta', 'beta1', 'beta2', 'epsilon', 'alpha', 'weightDecay']);
  for (const spec of CONFIG_PARAMETERS) {
    // A hyperparameter the chosen optimizer does not read cannot block its training.
    if (hyper.has(spec.key) && !used.has(spec.key)) continue;
    if (!inRange(c.numbers[spec.key], spec)) errors[spec.key] = `must be ${rangeText(spec)}`;
  }
  if (errors['seed'] === undefined && errors['numEpochs'] === undefined && c.numbers.seed + c.numbers.numEpochs > 0xffffffff) {
    errors['seed'] = 'plus the epochs must stay below 2**32 (numpy seeds epoch i with seed + i + 1)';
  }
  if (!Array.isArray(c.layers) || c.layers.length < 1 || !c.layers.every((n) => Number.isInteger(n) && n >= 1 && n <= MAX_LAYER_WIDTH)) {
    errors['layers'] = `must be layer sizes between 1 and ${MAX_LAYER_WIDTH}, e.g. 5, 2, 1 (the last is the output)`;
  }
  if (!isLearningRateDecay(c.decay)) errors['decay'] = `must be one of ${LEARNING_RATE_DECAYS.join(', ')}`;
  else if (c.decay !== 'none' && c.learningRateSchedule.trim() !== '') {
    errors['decay'] = 'cannot be combined with a schedule expression: clear one of them';
  }
  if (typeof c.functions === 'string' && c.functions !== '') {
    if (!(NOTEBOOK_OPTIMIZER_IDS as readonly string[]).includes(c.optimizer)) {
      errors['functions'] = `train the notebook's optimizers (${NOTEBOOK_OPTIMIZER_IDS.join(', ')}); choose one of them, or the built-in functions`;
    } else if (c.learningRateSchedule.trim() !== '') {
      errors['functions'] = "follow the notebook's model(): clear the schedule expression (a decay works)";
    }
  }
  const d = c.dataset;
  if (d.kind === 'moons') {
    if (!Number.isInteger(d.samples) || d.samples < 2 || d.samples > MAX_MOONS_SAMPLES) errors['dataset.samples'] = `must be an integer between 2 and ${MAX_MOONS_SAMPLES}`;
    if (!(Number.isFinite(d.noise) && d.noise >= 0)) errors['dataset.noise'] = 'must be a finite number >= 0';
    if (!Number.isInteger(d.seed) || d.seed < 0 || d.seed > 0xffffffff) errors['dataset.seed'] = 'must be an integer between 0 and 2**32 - 1';
  } else if (d.kind !== 'file' || typeof d.path !== 'string' || d.path.trim() === '') {
    errors['dataset'] = 'choose the built-in moons or a data-set file of the workspace';
  }
  return errors;
}

/** What the panel shows after Step: the core's StepSnapshot of one run. */
export type StepView = StepSnapshot & { runId: string; optimizer: OptimizerId };
