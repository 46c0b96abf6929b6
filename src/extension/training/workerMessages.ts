// Messages between the extension host and the training worker (dist/trainWorker.js).
import type { Parameters } from '../../core/nn/parameters';
import type { StepSnapshot } from '../../core/trainer/stepSnapshot';
import type { LearnerRunResult } from '../../checker/training/learnerTraining';
import type { RunConfig } from '../../shared/webviewMessages';

/** A matrix as structured clone carries it across threads (the Float64Array is copied). */
export interface TransferMatrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export interface TrainJob {
  type: 'train';
  runId: string;
  X: TransferMatrix;
  Y: TransferMatrix;
  /** The schedule stays a string: the worker compiles it (a function cannot be posted). */
  config: RunConfig;
  /** Int32 flag set to 1 by the host to stop; read by the synchronous loop before every epoch. */
  stopFlag: SharedArrayBuffer;
  /** Post parameter snapshots with the progress, for the live decision boundary. */
  liveSnapshots: boolean;
  /** Batch progress so that at most one message leaves the worker per this many milliseconds. */
  progressIntervalMs: number;
  /** Train the stepped run of this runId to its end (X, Y and config are those it was stepped with). */
  continueStepping?: boolean;
}

/**
 * One mini-batch ('batch') or the rest of the epoch ('epoch') of the stepped run `runId`; `start`
 * creates it (a run stepped before is replaced). Answered by `stepped`.
 */
export interface StepRequest {
  type: 'step';
  requestId: string;
  runId: string;
  unit: 'batch' | 'epoch';
  start?: { X: TransferMatrix; Y: TransferMatrix; config: RunConfig };
}

/** Forgets the stepped run (Reset, or other controls). */
export interface DropStepRequest {
  type: 'dropStep';
  runId: string;
}

/** Compile and probe a learning-rate schedule (mathjs loads in the worker, never on the extension host). */
export interface CheckScheduleRequest {
  type: 'checkSchedule';
  requestId: string;
  expression: string;
  lr0: number;
  epochs: number;
}

/** Train the notebook's network with the learner's own functions (python/optlab_train.py) beside the reference. */
export interface LearnerTrainJob {
  type: 'learnerTrain';
  runId: string;
  X: TransferMatrix;
  Y: TransferMatrix;
  config: RunConfig;
  source: string;
  pythonPath: string;
  timeLimitMs: number;
  /** Int32 flag set to 1 by the host to stop (the learner's process group is killed). */
  stopFlag: SharedArrayBuffer;
}

export type HostToWorker = TrainJob | CheckScheduleRequest | StepRequest | DropStepRequest | LearnerTrainJob;

export interface LearnerDone {
  type: 'learnerDone';
  runId: string;
  result: LearnerRunResult;
}

export interface Stepped {
  type: 'stepped';
  requestId: string;
  snapshot?: StepSnapshot;
  /** The parameters after the step, for the boundary plot. */
  parameters?: Parameters;
  error?: string;
}

export interface ScheduleChecked {
  type: 'scheduleChecked';
  requestId: string;
  /** The ScheduleError's message; absent when the schedule is fine. */
  error?: string;
}

export interface WorkerProgress {
  type: 'progress';
  runId: string;
  epochs: number[];
  costs: number[];
  learningRates: number[];
  parameters?: Parameters;
}

export interface WorkerDone {
  type: 'done';
  runId: string;
  costs: number[];
  printedCosts: number[];
  recordEpochs: number[];
  learningRates: number[];
  parameters: Parameters;
  accuracy: number;
  seconds: number;
  epochsRun: number;
  stopped: boolean;
  /** Which epoch kernel trained it (the tests check that the editor's worker gets WebAssembly). */
  kernel: string;
  diverged?: { epoch: number; cost: number; cause: string };
  warning?: string;
}

export interface WorkerFailed {
  type: 'failed';
  runId: string;
  message: string;
}

export type WorkerToHost = WorkerProgress | WorkerDone | WorkerFailed | ScheduleChecked | Stepped | LearnerDone;
