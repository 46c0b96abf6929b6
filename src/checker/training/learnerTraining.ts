// Trains the notebook's network with the learner's own functions (python/optlab_train.py, its own
// process group, a time limit, killed on stop), beside the reference trained by the core with the
// same config, and finds where the two part (departure.ts).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Matrix } from '../../core/linalg/matrix';
import type { StepSnapshot } from '../../core/trainer/stepSnapshot';
import type { TrainConfig } from '../../core/trainer/trainConfig';
import type { TrainHooks, TrainResult } from '../../core/trainer/trainer';
import { TrainingRun } from '../../core/trainer/trainingRun';
import { findHarness } from '../harnessLocation';
import { findDeparture, type Departure, type ReferenceStep } from './departure';
import { withCheckerMistake } from './departureMistake';
import type { LearnerOptimizer } from './learnerFunctions';
import { isLearnerTrainMessage, type DoneMessage, type FailedMessage, type InitMessage, type PlainDict, type RecordMessage, type StepMessage } from './learnerMessages';

/** Mini-batch steps compared one by one before the comparison falls back to recorded epochs. */
export const COMPARED_STEPS = 20;

export type { LearnerOptimizer } from './learnerFunctions';

export interface LearnerTrainOptions {
  pythonPath: string;
  source: string;
  X: Matrix;
  Y: Matrix;
  /** The reference's config; its optimizer must be one of the notebook's three. */
  config: TrainConfig & { optimizer: LearnerOptimizer };
  /** The whole run's limit; past it the process group is killed and the run reported as too slow. */
  timeLimitMs: number;
  /** Each recorded epoch of the learner's run, as it arrives (live plots, progress). */
  onRecord?(epoch: number, cost: number): void;
  /** Stops the run (the process group is killed at once). */
  signal?: AbortSignal;
}

export type LearnerRunStatus = 'finished' | 'failed' | 'diverged' | 'stopped' | 'timeout';

export interface LearnerRunResult {
  status: LearnerRunStatus;
  costs: number[];
  printedCosts: number[];
  recordEpochs: number[];
  accuracy: number;
  seconds: number;
  /** The learner's final parameters as nested lists (W1, b1, ...). */
  parameters?: PlainDict;
  departure: Departure | null;
  /** Why the run did not finish: the learner's exception (function, line, epoch, mini-batch) or the limit. */
  error?: { message: string; function?: string | null; line?: number | null; epoch?: number; miniBatch?: number; traceback?: string };
  divergedAt?: number;
  reference: TrainResult;
}

const num = (x: number | null): number => (x === null ? NaN : x);

/** How long the reference trains before it lets a stop (or the learner's messages) in. */
const REFERENCE_SLICE_MS = 20;

/**
 * The core's reference for the same config: its first steps (parameters, v, s) and every recorded epoch's
 * parameters. Trained in slices, so that a stop lands at once even in a worker thread (where it arrives as a
 * message); a stopped reference is cut short.
 */
async function reference(options: LearnerTrainOptions): Promise<{ steps: ReferenceStep[]; records: Map<number, Record<string, Float64Array>>; result: TrainResult }> {
  const run = new TrainingRun(options.X, options.Y, options.config);
  const steps: ReferenceStep[] = [];
  for (let i = 0; i < COMPARED_STEPS && !run.done; i++) steps.push(referenceStep(run.step('batch'), run));
  const records = new Map<number, Record<string, Float64Array>>();
  const hooks: TrainHooks = {
    onRecord: (record, snapshot) => {
      records.set(record.epoch, Object.fromEntries(Object.entries(snapshot()).map(([k, m]) => [k, m.data])));
    },
    shouldStop: () => options.signal?.aborted === true,
  };
  while (!run.runFor(REFERENCE_SLICE_MS, hooks)) await new Promise((resolve) => setImmediate(resolve));
  return { steps, records, result: run.result() };
}

function referenceStep(snapshot: StepSnapshot, run: TrainingRun): ReferenceStep {
  const parameters = Object.fromEntries(Object.entries(run.result().parameters).map(([k, m]) => [k, m.data]));
  const state: Record<string, Record<string, Float64Array>> = {};
  for (const p of snapshot.parameters) {
    for (const t of p.tensors) {
      if (t.label !== 'v' && t.label !== 's') continue;
      (state[t.label] ??= {})[p.name] = Float64Array.from(t.data);
    }
  }
  return { epoch: snapshot.epoch, miniBatch: snapshot.miniBatch, t: snapshot.t, cost: snapshot.cost, parameters, state };
}

/** What python/optlab_train.py reads from stdin: one JSON line. */
export interface LearnerJob {
  source: string;
  optimizer: LearnerOptimizer;
  config: TrainConfig & { learningRateAt: undefined };
  X: number[];
  xShape: [number, number];
  Y: number[];
  yShape: [number, number];
  /** Mini-batch steps whose parameters and state are sent, for the first-departure search. */
  steps: number;
  /** Whether recorded epochs carry the parameters (the departure search past the first steps); default true. */
  recordParameters?: boolean;
}

/**
 * The job for the learner's run of `options`: by default the first COMPARED_STEPS steps and every recorded
 * epoch's parameters are sent back, for the first-departure search.
 */
export function learnerJob(
  options: Pick<LearnerTrainOptions, 'source' | 'X' | 'Y' | 'config'>,
  sent: Pick<LearnerJob, 'steps' | 'recordParameters'> = { steps: COMPARED_STEPS },
): LearnerJob {
  const { source, X, Y, config } = options;
  return {
    source,
    optimizer: config.optimizer,
    config: { ...config, learningRateAt: undefined },
    X: Array.from(X.data),
    xShape: [X.rows, X.cols],
    Y: Array.from(Y.data),
    yShape: [Y.rows, Y.cols],
    ...sent,
  };
}

/** python/optlab_train.py in its own process group, so that a stop or the limit ends everything the learner's code started too. */
export function spawnLearnerTrainer(pythonPath: string): ChildProcessWithoutNullStreams {
  const trainer = findHarness().replace(/harness\.py$/, 'optlab_train.py');
  return spawn(pythonPath, ['-B', trainer], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
}

/**
 * Runs the learner's loop and the reference; resolves when the learner's process has ended (finished,
 * failed, diverged, stopped or out of time), never rejects for what the learner's code did.
 */
export async function trainWithLearnerFunctions(options: LearnerTrainOptions): Promise<LearnerRunResult> {
  const { config } = options;
  const job = learnerJob(options);
  const child = spawnLearnerTrainer(options.pythonPath);
  const killGroup = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  let stopped = false;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, options.timeLimitMs);
  const onAbort = (): void => {
    stopped = true;
    killGroup();
  };
  options.signal?.addEventListener('abort', onAbort);
  if (options.signal?.aborted) onAbort();

  let init: InitMessage | undefined;
  const steps: StepMessage[] = [];
  const records: RecordMessage[] = [];
  let done: DoneMessage | undefined;
  let failed: FailedMessage | undefined;
  let divergedAt: number | undefined;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 4000) stderr += chunk.toString();
  });
  const spawnError = new Promise<Error>((resolve) => child.on('error', resolve));
  child.stdin.on('error', () => {}); // the process may be gone before it read the job
  child.stdin.end(`${JSON.stringify(job)}\n`);
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    if (!isLearnerTrainMessage(message)) return;
    switch (message.type) {
      case 'init':
        init = message;
        break;
      case 'step':
        steps.push(message);
        break;
      case 'record':
        records.push(message);
        options.onRecord?.(message.epoch, num(message.cost));
        break;
      case 'diverged':
        divergedAt = message.epoch;
        break;
      case 'done':
        done = message;
        break;
      case 'failed':
        failed = message;
        break;
    }
  });
  const exit = new Promise<void>((resolve) => child.on('close', () => resolve()));
  // The reference trains here, in slices, while Python starts and runs the learner's loop.
  let ref: Awaited<ReturnType<typeof reference>>;
  try {
    ref = await reference(options);
  } catch (e) {
    clearTimeout(timer);
    killGroup(); // nothing of the learner's outlives a run that cannot go on
    throw e;
  }
  const shapes = Object.fromEntries(Object.entries(ref.result.parameters).map(([k, m]) => [k, [m.rows, m.cols] as const]));
  const outcome = await Promise.race([exit.then(() => undefined), spawnError]);
  clearTimeout(timer);
  options.signal?.removeEventListener('abort', onAbort);
  killGroup(); // whatever the learner's code left running in its group ends with the run

  const found = findDeparture({ optimizer: config.optimizer, source: options.source, ...(init ? { init } : {}), steps, records, referenceSteps: ref.steps, referenceRecords: ref.records, shapes });
  // Not after a Stop: the learner asked for nothing more.
  const departure = found && !stopped ? await withCheckerMistake(found, options.source, { pythonPath: options.pythonPath }) : found;
  const base = {
    costs: done ? done.costs.map(num) : records.map((r) => num(r.cost)),
    printedCosts: done ? done.printedCosts.map(num) : [],
    recordEpochs: done ? done.recordEpochs : records.map((r) => r.epoch),
    accuracy: done?.accuracy ?? NaN,
    seconds: done?.seconds ?? NaN,
    ...(done ? { parameters: done.parameters } : {}),
    departure,
    reference: ref.result,
  };
  if (outcome instanceof Error) {
    return { ...base, status: 'failed', error: { message: `cannot start ${options.pythonPath}: ${outcome.message}` } };
  }
  if (stopped) return { ...base, status: 'stopped' };
  if (timedOut) return { ...base, status: 'timeout', error: { message: `your training ran past the time limit (${Math.round(options.timeLimitMs / 1000)} s) and was stopped` } };
  if (failed) {
    const { message, function: fn, line, epoch, miniBatch, traceback } = failed;
    return { ...base, status: 'failed', error: { message, function: fn ?? null, line: line ?? null, ...(epoch !== undefined ? { epoch } : {}), ...(miniBatch !== undefined ? { miniBatch } : {}), ...(traceback ? { traceback } : {}) } };
  }
  if (!done) return { ...base, status: 'failed', error: { message: `the training process ended without a result${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' ')}` : ''}` } };
  return { ...base, status: divergedAt !== undefined ? 'diverged' : 'finished', ...(divergedAt !== undefined ? { divergedAt } : {}) };
}
