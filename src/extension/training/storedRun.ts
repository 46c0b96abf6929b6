// Runs come back from the workspace state (and from older versions of the extension) as JSON:
// NaN and Infinity were written as null, fields may be missing, an optimizer may be unknown. Each
// stored run is read into a RunView the webviews can draw, or skipped; none can break the panel.
import { defaultTrainConfig } from '../../core/trainer/trainConfig';
import { isOptimizerId } from '../../core/optimizers/registry';
import type { PlainParameters, RunConfig, RunStatus, RunSummary, RunView } from '../../shared/webviewMessages';

const STATUSES: readonly RunStatus[] = ['running', 'stepping', 'finished', 'stopped', 'diverged', 'failed'];

/** A number, NaN where JSON held null (a NaN or infinite value before it was saved) or nothing usable. */
const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);
const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.map(num) : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/**
 * The stored run as a RunView, or undefined when it cannot be shown (no id, no optimizer, no cost
 * curve). A run that was training or stepping when the window closed did not finish: it reads as stopped.
 *
 * @example
 * readStoredRun({ id: 'r', optimizer: 'adam', costs: [0.69, null], epochs: [0, 100], ... }).costs; // [0.69, NaN]
 */
export function readStoredRun(raw: unknown): RunView | undefined {
  const r = record(raw);
  const id = text(r?.['id']);
  const optimizer = text(r?.['optimizer']);
  if (!r || !id || !optimizer) return undefined;
  const epochs = numbers(r['epochs']);
  const costs = numbers(r['costs']);
  if (epochs.length !== costs.length) return undefined;
  const status = STATUSES.includes(r['status'] as RunStatus) ? (r['status'] as RunStatus) : 'stopped';
  const storedConfig = record(r['config']) ?? {};
  // A config from before a setting existed reads with that setting's default.
  const config = { ...(isOptimizerId(optimizer) ? defaultTrainConfig(optimizer) : defaultTrainConfig('gd')), learningRateSchedule: '', ...storedConfig } as RunConfig;
  const summary = record(r['summary']);
  const diverged = record(r['diverged']);
  return {
    id,
    label: text(r['label']) ?? optimizer,
    optimizer: optimizer as RunView['optimizer'],
    datasetId: text(r['datasetId']) ?? 'unknown',
    datasetName: text(r['datasetName']) ?? 'unknown data set',
    config,
    status: status === 'running' || status === 'stepping' ? 'stopped' : status,
    startedAt: num(r['startedAt']),
    epochs,
    costs,
    learningRates: numbers(r['learningRates']),
    ...(Array.isArray(r['printedCosts']) ? { printedCosts: numbers(r['printedCosts']) } : {}),
    ...(readParameters(r['parameters']) ?? {}),
    ...(summary ? { summary: readSummary(summary) } : {}),
    ...(text(r['error']) ? { error: text(r['error'])! } : {}),
    ...(diverged ? { diverged: { epoch: num(diverged['epoch']), cause: text(diverged['cause']) ?? '' } } : {}),
    ...(text(r['warning']) ? { warning: text(r['warning'])! } : {}),
  };
}

function readSummary(s: Record<string, unknown>): RunSummary {
  return { accuracy: num(s['accuracy']), finalCost: num(s['finalCost']), oscillation: num(s['oscillation']), seconds: num(s['seconds']), epochsRun: num(s['epochsRun']) };
}

function readParameters(v: unknown): { parameters: PlainParameters } | undefined {
  const p = record(v);
  if (!p) return undefined;
  const parameters: PlainParameters = {};
  for (const [key, m] of Object.entries(p)) {
    const matrix = record(m);
    const rows = num(matrix?.['rows']);
    const cols = num(matrix?.['cols']);
    const data = numbers(matrix?.['data']);
    // A matrix whose shape does not fit its data would draw garbage: the boundary is left out instead.
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || data.length !== rows * cols) return undefined;
    parameters[key] = { rows, cols, data };
  }
  return { parameters };
}
