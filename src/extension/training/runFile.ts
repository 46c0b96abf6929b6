// A run saved as JSON in the workspace (config, cost curve, final parameters as nested lists like
// numpy's tolist(), accuracy), and read back into the run store to compare with new runs.
import { isOptimizerId, OPTIMIZER_IDS } from '../../core/optimizers/registry';
import { defaultTrainConfig } from '../../core/trainer/trainConfig';
import type { DatasetPoints, OptimizerId, PlainParameters, RunConfig, RunStatus, RunSummary, RunView } from '../../shared/webviewMessages';

const RUN_FILE_FORMAT = 'optimization-lab-run';
const RUN_FILE_VERSION = 1;

export interface RunFile {
  format: typeof RUN_FILE_FORMAT;
  version: number;
  label: string;
  optimizer: OptimizerId;
  dataset: { name: string; points?: DatasetPoints };
  config: RunConfig;
  status: RunStatus;
  summary?: RunSummary;
  /** Where and why the cost became NaN or infinite. */
  diverged?: { epoch: number; cause: string };
  recordEpochs: number[];
  costs: number[];
  learningRates: number[];
  printedCosts: number[];
  /** `{"W1": [[...], ...], "b1": [[...]], ...}` */
  parameters: Record<string, number[][]>;
  savedAt: string;
}

export function runToFile(run: RunView, points: DatasetPoints | undefined): RunFile {
  const parameters: Record<string, number[][]> = {};
  for (const [k, m] of Object.entries(run.parameters ?? {})) {
    parameters[k] = Array.from({ length: m.rows }, (_, i) => m.data.slice(i * m.cols, (i + 1) * m.cols));
  }
  return {
    format: RUN_FILE_FORMAT,
    version: RUN_FILE_VERSION,
    label: run.label,
    optimizer: run.optimizer,
    dataset: { name: run.datasetName, ...(points ? { points } : {}) },
    config: run.config,
    status: run.status,
    ...(run.summary ? { summary: run.summary } : {}),
    ...(run.diverged ? { diverged: run.diverged } : {}),
    recordEpochs: run.epochs,
    costs: run.costs,
    learningRates: run.learningRates,
    printedCosts: run.printedCosts ?? [],
    parameters,
    savedAt: new Date().toISOString(),
  };
}

/** Reads a saved run; throws an Error saying which field is wrong. `id` is the new run's id. */
export function runFromFile(text: string, fileName: string, id: string): { run: RunView; points?: DatasetPoints } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${fileName}: not valid JSON (${(e as Error).message})`);
  }
  const f = data as Partial<RunFile>;
  const fail = (what: string): never => {
    throw new Error(`${fileName}: not an Optimization Lab run file (${what})`);
  };
  if (typeof data !== 'object' || data === null || f.format !== RUN_FILE_FORMAT) fail(`"format" must be "${RUN_FILE_FORMAT}"`);
  if (typeof f.version !== 'number' || f.version > RUN_FILE_VERSION) fail(`version ${String(f.version)} is newer than this extension reads`);
  if (!isOptimizerId(f.optimizer)) fail(`"optimizer" must be one of ${OPTIMIZER_IDS.join(', ')}`);
  // JSON writes NaN and Infinity (a diverged run's costs) as null: they read back as NaN.
  const numbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number' || x === null);
  const nan = (v: number[]): number[] => v.map((x) => x ?? NaN);
  if (!numbers(f.costs) || !numbers(f.recordEpochs) || f.costs.length !== f.recordEpochs.length) fail('"costs" and "recordEpochs" must be number lists of one length');
  if (typeof f.config !== 'object' || f.config === null || !Array.isArray(f.config.layersDims)) fail('"config" with "layersDims" is missing');
  const parameters: PlainParameters = {};
  for (const [k, rows] of Object.entries(f.parameters ?? {})) {
    if (!Array.isArray(rows) || !rows.every(numbers)) fail(`parameter ${k} must be a list of number lists`);
    const cols = rows[0]?.length ?? 0;
    if (rows.some((r) => r.length !== cols)) fail(`parameter ${k} has rows of different lengths`);
    parameters[k] = { rows: rows.length, cols, data: nan(rows.flat()) };
  }
  const points = f.dataset?.points;
  const datasetId = points ? `saved:${fileName}` : `saved:${f.dataset?.name ?? fileName}`;
  const run: RunView = {
    id,
    label: `${typeof f.label === 'string' ? f.label : f.optimizer} (${fileName.slice(fileName.lastIndexOf('/') + 1)})`,
    optimizer: f.optimizer!,
    datasetId,
    datasetName: f.dataset?.name ?? 'unknown data set',
    // A file from before the registry lacks the newer hyperparameters: they read as their defaults.
    config: { ...defaultTrainConfig(f.optimizer!), learningRateSchedule: '', ...(f.config as Partial<RunConfig>) },
    status: f.status === 'stopped' || f.status === 'failed' || f.status === 'diverged' ? f.status : 'finished',
    ...(f.diverged ? { diverged: f.diverged } : {}),
    startedAt: Date.now(),
    epochs: f.recordEpochs!,
    costs: nan(f.costs!),
    learningRates: numbers(f.learningRates) ? nan(f.learningRates) : [],
    printedCosts: numbers(f.printedCosts) ? nan(f.printedCosts) : [],
    parameters,
    ...(f.summary ? { summary: f.summary } : {}),
  };
  return { run, ...(points ? { points: { ...points, id: datasetId } } : {}) };
}
