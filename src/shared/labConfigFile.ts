// A run's configuration as a small file meant to be committed (`*.optlab.json`): the lab's controls,
// flat and readable. Written by the panel's Save Config, run again from the explorer or the palette.
import { isOptimizerId, OPTIMIZER_IDS } from '../core/optimizers/registry';
import { isLearningRateDecay } from '../core/trainer/learningRateDecay';
import { CONFIG_PARAMETERS } from '../core/trainer/trainConfig';
import { validateLabControls, type DatasetChoice, type LabControls, type LabNumbers } from './labControls';

export const CONFIG_FILE_FORMAT = 'optimization-lab-config';
export const CONFIG_FILE_VERSION = 1;

/** The file's text for these controls: every number under its config name, two-space JSON. */
export function configFileText(c: LabControls): string {
  const file = {
    format: CONFIG_FILE_FORMAT,
    version: CONFIG_FILE_VERSION,
    optimizer: c.optimizer,
    ...c.numbers,
    layers: c.layers,
    decay: c.decay,
    learningRateSchedule: c.learningRateSchedule,
    dataset: c.dataset,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The controls a config file holds; a number it leaves out takes the table's default (files stay
 * valid when a parameter is added). Throws an Error saying what is wrong, with the file's name.
 *
 * @example
 * readConfigFile('{"format": "optimization-lab-config", "version": 1, "optimizer": "rmsprop"}', 'a.optlab.json').optimizer; // 'rmsprop'
 */
export function readConfigFile(text: string, fileName: string): LabControls {
  const fail = (why: string): never => {
    throw new Error(`${fileName}: ${why}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON (${(e as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('not an Optimization Lab config (a JSON object is expected)');
  const f = raw as Record<string, unknown>;
  if (f['format'] !== CONFIG_FILE_FORMAT) fail(`not an Optimization Lab config ("format" must be "${CONFIG_FILE_FORMAT}")`);
  if (typeof f['version'] !== 'number' || f['version'] > CONFIG_FILE_VERSION) fail(`version ${String(f['version'])} is newer than this extension reads`);
  if (!isOptimizerId(f['optimizer'])) fail(`"optimizer" must be one of ${OPTIMIZER_IDS.join(', ')}`);
  const numbers = Object.fromEntries(
    CONFIG_PARAMETERS.map((p) => {
      const v = f[p.key];
      if (v !== undefined && typeof v !== 'number') fail(`"${p.key}" must be a number`);
      return [p.key, v ?? p.default];
    }),
  ) as LabNumbers;
  const layers = f['layers'] ?? [5, 2, 1];
  if (!Array.isArray(layers) || !layers.every((n) => typeof n === 'number')) fail('"layers" must be a list of layer sizes, e.g. [5, 2, 1]');
  const decay = f['decay'] ?? 'none';
  if (!isLearningRateDecay(decay)) fail('"decay" must be none, update_lr or schedule_lr_decay');
  const schedule = f['learningRateSchedule'] ?? '';
  if (typeof schedule !== 'string') fail('"learningRateSchedule" must be a string');
  const controls: LabControls = {
    optimizer: f['optimizer'] as LabControls['optimizer'],
    numbers,
    layers: layers as number[],
    decay: decay as LabControls['decay'],
    learningRateSchedule: schedule as string,
    dataset: readDatasetChoice(f['dataset'], fail),
  };
  const errors = Object.entries(validateLabControls(controls));
  if (errors.length > 0) fail(errors.map(([field, why]) => `"${field}" ${why}`).join('; '));
  return controls;
}

function readDatasetChoice(v: unknown, fail: (why: string) => never): DatasetChoice {
  if (v === undefined) return { kind: 'moons', samples: 300, noise: 0.2, seed: 3 };
  if (typeof v === 'string') return v === 'moons' ? { kind: 'moons', samples: 300, noise: 0.2, seed: 3 } : { kind: 'file', path: v };
  const d = v as Record<string, unknown> | null;
  if (d?.['kind'] === 'file' && typeof d['path'] === 'string') return { kind: 'file', path: d['path'] };
  if (d?.['kind'] === 'moons') {
    const n = (key: string, fallback: number): number => (typeof d[key] === 'number' ? (d[key] as number) : fallback);
    return { kind: 'moons', samples: n('samples', 300), noise: n('noise', 0.2), seed: n('seed', 3) };
  }
  return fail('"dataset" must be "moons", a workspace path, or {"kind": "moons", "samples", "noise", "seed"}');
}
