// One worker thread that trains runs one after another, kept warm between runs (starting a worker
// and loading the bundle costs far more than training the notebook's network, ~0.2 s).
import { Worker } from 'node:worker_threads';
import type { Parameters } from '../../core/nn/parameters';
import type { StepSnapshot } from '../../core/trainer/stepSnapshot';
import type { LearnerRunResult } from '../../checker/training/learnerTraining';
import type { CheckScheduleRequest, LearnerTrainJob, StepRequest, TrainJob, WorkerDone, WorkerProgress, WorkerToHost } from './workerMessages';

export interface WorkerRun {
  /** Resolves with the result (also after a stop: `stopped` is then true); rejects if training failed. */
  readonly done: Promise<WorkerDone>;
  /** Asks the loop to stop before its next epoch; the result still arrives. */
  stop(): void;
}

interface PendingRun {
  resolve(done: WorkerDone | LearnerRunResult): void;
  reject(error: Error): void;
  onProgress(progress: WorkerProgress): void;
}

const IDLE_MS = 5 * 60_000;

export class TrainingWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<string, PendingRun>();
  private readonly checks = new Map<string, (error: string | undefined) => void>();
  private readonly steps = new Map<string, { resolve(result: { snapshot: StepSnapshot; parameters: Parameters }): void; reject(error: Error): void }>();
  private nextCheck = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly workerFile: string) {}

  /** Queues a run; runs posted while another trains start when it ends. */
  run(job: Omit<TrainJob, 'type' | 'stopFlag'>, onProgress: (progress: WorkerProgress) => void): WorkerRun {
    const stopFlag = new SharedArrayBuffer(4);
    const flag = new Int32Array(stopFlag);
    const worker = this.ensureWorker();
    const done = new Promise<WorkerDone>((resolve, reject) =>
      this.pending.set(job.runId, { resolve: (d) => resolve(d as WorkerDone), reject, onProgress }),
    );
    const message: TrainJob = { type: 'train', stopFlag, ...job };
    worker.postMessage(message);
    return { done, stop: () => Atomics.store(flag, 0, 1) };
  }

  /** Trains with the learner's own functions (a Python child of the worker); stop kills its process group. */
  runLearner(job: Omit<LearnerTrainJob, 'type' | 'stopFlag'>, onProgress: (progress: WorkerProgress) => void): { done: Promise<LearnerRunResult>; stop(): void } {
    const stopFlag = new SharedArrayBuffer(4);
    const flag = new Int32Array(stopFlag);
    const worker = this.ensureWorker();
    const done = new Promise<LearnerRunResult>((resolve, reject) =>
      this.pending.set(job.runId, { resolve: (d) => resolve(d as LearnerRunResult), reject, onProgress }),
    );
    const message: LearnerTrainJob = { type: 'learnerTrain', stopFlag, ...job };
    worker.postMessage(message);
    return { done, stop: () => Atomics.store(flag, 0, 1) };
  }

  /**
   * Compiles and probes a learning-rate schedule in the worker (where mathjs loads, off the extension
   * host's thread); resolves with the error message, or undefined when the schedule is usable.
   * Waits behind a run that is training.
   */
  checkSchedule(expression: string, lr0: number, epochs: number): Promise<string | undefined> {
    const requestId = `check-${this.nextCheck++}`;
    const worker = this.ensureWorker();
    const answer = new Promise<string | undefined>((resolve) => this.checks.set(requestId, resolve));
    const request: CheckScheduleRequest = { type: 'checkSchedule', requestId, expression, lr0, epochs };
    worker.postMessage(request);
    return answer;
  }

  /** Steps the run `runId` (created from `start` when given); waits behind a run that is training. */
  step(runId: string, unit: 'batch' | 'epoch', start?: StepRequest['start']): Promise<{ snapshot: StepSnapshot; parameters: Parameters }> {
    const requestId = `step-${this.nextCheck++}`;
    const worker = this.ensureWorker();
    const answer = new Promise<{ snapshot: StepSnapshot; parameters: Parameters }>((resolve, reject) => this.steps.set(requestId, { resolve, reject }));
    const request: StepRequest = { type: 'step', requestId, runId, unit, ...(start ? { start } : {}) };
    worker.postMessage(request);
    return answer;
  }

  /** Forgets a stepped run in the worker. */
  dropStep(runId: string): void {
    this.worker?.postMessage({ type: 'dropStep', runId });
  }

  /** Starts the worker ahead of the first run, so that the first click trains at once. */
  warmUp(): void {
    this.ensureWorker();
    // The user may dismiss the data-set pick: a worker that never gets a run must still stop when idle.
    this.scheduleIdleStop();
  }

  dispose(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error('training was cancelled: the extension is shutting down'));
    void worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.worker) return this.worker;
    // Not unref'd: a process waiting on a run must not exit under it. dispose() (or the idle timer) ends it.
    const worker = new Worker(this.workerFile);
    worker.on('message', (message: WorkerToHost) => {
      if (message.type === 'stepped') {
        const pending = this.steps.get(message.requestId);
        this.steps.delete(message.requestId);
        if (message.snapshot && message.parameters) pending?.resolve({ snapshot: message.snapshot, parameters: message.parameters });
        else pending?.reject(new Error(message.error ?? 'the step failed'));
        this.scheduleIdleStop();
        return;
      }
      if (message.type === 'scheduleChecked') {
        this.checks.get(message.requestId)?.(message.error);
        this.checks.delete(message.requestId);
        this.scheduleIdleStop();
        return;
      }
      const run = this.pending.get(message.runId);
      if (!run) return;
      if (message.type === 'progress') {
        run.onProgress(message);
        return;
      }
      this.pending.delete(message.runId);
      if (message.type === 'done') run.resolve(message);
      else if (message.type === 'learnerDone') run.resolve(message.result);
      else run.reject(new Error(message.message));
      this.scheduleIdleStop();
    });
    worker.on('error', (e) => this.lose(worker, e));
    worker.on('exit', (code) => this.lose(worker, new Error(`the training worker stopped unexpectedly (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private lose(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.failAll(error);
  }

  private failAll(error: Error): void {
    const runs = [...this.pending.values()];
    this.pending.clear();
    runs.forEach((r) => r.reject(error));
    const checks = [...this.checks.values()];
    this.checks.clear();
    checks.forEach((answer) => answer(`could not check the schedule: ${error.message}`));
    const steps = [...this.steps.values()];
    this.steps.clear();
    steps.forEach((s) => s.reject(error));
  }

  private scheduleIdleStop(): void {
    if (this.pending.size > 0 || this.checks.size > 0 || this.steps.size > 0) return;
    this.idleTimer = setTimeout(() => {
      const worker = this.worker;
      this.worker = undefined;
      void worker?.terminate();
    }, IDLE_MS);
    this.idleTimer.unref?.();
  }
}
