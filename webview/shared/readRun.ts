// Reads what the extension posts about runs defensively: a run stored by an older version, or one
// whose numbers went through JSON (NaN and ±Infinity become null), must render, and a malformed one
// is skipped, never allowed to break the panel.
import type { DatasetPoints, PlainParameters, RunProgressMessage, RunStatus, RunSummary, RunView } from '../../src/shared/webviewMessages';

const STATUSES: readonly RunStatus[] = ['running', 'stepping', 'finished', 'stopped', 'diverged', 'failed'];

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A number as sent; null (a NaN or infinity that went through JSON) and anything else becomes NaN. */
export function numberOf(value: unknown): number {
  return typeof value === 'number' ? value : NaN;
}

/** An array of numbers; nulls become NaN, a non-array becomes []. */
export function numbersOf(value: unknown): number[] {
  return Array.isArray(value) ? value.map(numberOf) : [];
}

/** Parameters whose every matrix has rows x cols numbers; undefined otherwise (no boundary is drawn). */
export function readParameters(value: unknown): PlainParameters | undefined {
  if (!isObject(value)) return undefined;
  const out: PlainParameters = {};
  for (const [name, m] of Object.entries(value)) {
    if (!isObject(m)) return undefined;
    const rows = m['rows'];
    const cols = m['cols'];
    if (typeof rows !== 'number' || typeof cols !== 'number' || !Array.isArray(m['data']) || m['data'].length !== rows * cols) return undefined;
    out[name] = { rows, cols, data: numbersOf(m['data']) };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Whether every parameter is finite: a diverged run's NaN weights have no boundary to draw. */
export function finiteParameters(parameters: PlainParameters): boolean {
  return Object.values(parameters).every((m) => m.data.every(Number.isFinite));
}

function readSummary(value: unknown): RunSummary | undefined {
  if (!isObject(value)) return undefined;
  return {
    accuracy: numberOf(value['accuracy']),
    finalCost: numberOf(value['finalCost']),
    oscillation: numberOf(value['oscillation']),
    seconds: numberOf(value['seconds']),
    epochsRun: numberOf(value['epochsRun']),
  };
}

/**
 * The run as the webviews can render it, or undefined when it has no id. Missing arrays become empty,
 * curves are cut to their common length, an unknown status reads as failed, a missing config as {}
 * (every formatter shows "—" for its fields).
 */
export function readRun(value: unknown): RunView | undefined {
  if (!isObject(value) || typeof value['id'] !== 'string' || value['id'] === '') return undefined;
  const id = value['id'];
  let epochs = numbersOf(value['epochs']);
  let costs = numbersOf(value['costs']);
  let learningRates = numbersOf(value['learningRates']);
  const n = Math.min(epochs.length, costs.length);
  epochs = epochs.slice(0, n);
  costs = costs.slice(0, n);
  learningRates = learningRates.slice(0, n);
  const status = STATUSES.find((s) => s === value['status']);
  const run: RunView = {
    id,
    label: typeof value['label'] === 'string' ? value['label'] : id,
    optimizer: (typeof value['optimizer'] === 'string' ? value['optimizer'] : '?') as RunView['optimizer'],
    datasetId: typeof value['datasetId'] === 'string' ? value['datasetId'] : '',
    datasetName: typeof value['datasetName'] === 'string' ? value['datasetName'] : '—',
    config: (isObject(value['config']) ? value['config'] : {}) as RunView['config'],
    status: status ?? 'failed',
    startedAt: typeof value['startedAt'] === 'number' && Number.isFinite(value['startedAt']) ? value['startedAt'] : 0,
    epochs,
    costs,
    learningRates,
  };
  if (status === undefined) run.error = `unknown status ${JSON.stringify(value['status']) ?? 'undefined'}`;
  else if (typeof value['error'] === 'string') run.error = value['error'];
  if (Array.isArray(value['printedCosts'])) run.printedCosts = numbersOf(value['printedCosts']);
  const parameters = readParameters(value['parameters']);
  if (parameters) run.parameters = parameters;
  const summary = readSummary(value['summary']);
  if (summary) run.summary = summary;
  const diverged = value['diverged'];
  if (isObject(diverged)) run.diverged = { epoch: numberOf(diverged['epoch']), cause: typeof diverged['cause'] === 'string' ? diverged['cause'] : '' };
  if (typeof value['warning'] === 'string') run.warning = value['warning'];
  if (value['live'] === true) run.live = true;
  if (value['pair'] === 'yours' || value['pair'] === 'reference') run.pair = value['pair'];
  return run;
}

/** The runs that can be read, in order; the others are skipped. */
export function readRuns(value: unknown): RunView[] {
  return Array.isArray(value) ? value.map(readRun).filter((r): r is RunView => r !== undefined) : [];
}

/** A progress message's records with nulls as NaN, cut to a common length. */
export function readProgress(message: RunProgressMessage): RunProgressMessage {
  const epochs = numbersOf(message.epochs);
  const costs = numbersOf(message.costs);
  const n = Math.min(epochs.length, costs.length);
  const parameters = readParameters(message.parameters);
  return {
    type: 'runProgress',
    runId: message.runId,
    epochs: epochs.slice(0, n),
    costs: costs.slice(0, n),
    learningRates: numbersOf(message.learningRates).slice(0, n),
    ...(parameters ? { parameters } : {}),
  };
}

/** A data set's points, or undefined when they are not usable (then no boundary is drawn for its runs). */
export function readDatasetPoints(value: unknown): DatasetPoints | undefined {
  if (!isObject(value) || typeof value['id'] !== 'string') return undefined;
  const x1 = numbersOf(value['x1']);
  const x2 = numbersOf(value['x2']);
  const labels = numbersOf(value['labels']);
  const n = Math.min(x1.length, x2.length, labels.length);
  return {
    id: value['id'],
    name: typeof value['name'] === 'string' ? value['name'] : value['id'],
    features: numberOf(value['features']),
    examples: numberOf(value['examples']),
    x1: x1.slice(0, n),
    x2: x2.slice(0, n),
    labels: labels.slice(0, n),
  };
}
