// The training worker: runs the core's synchronous loop off the extension host's thread, streams
// the recorded costs (batched in time) and optional parameter snapshots, and stops when the shared
// flag is set. The host keeps it warm and sends runs one after another (trainingWorker.ts); it also
// checks learning-rate schedules, so that mathjs loads here and not on the extension host.
import { parentPort } from 'node:worker_threads';
import type { Parameters } from '../../core/nn/parameters';
import type { TrainConfig } from '../../core/trainer/trainer';
import { TrainingRun } from '../../core/trainer/trainingRun';
import type { RunConfig } from '../../shared/webviewMessages';
import { checkSchedule, compileSchedule } from './learningRateSchedule';
import { trainWithLearnerFunctions, type LearnerTrainOptions } from '../../checker/training/learnerTraining';
import type { HostToWorker, LearnerTrainJob, StepRequest, TrainJob, WorkerProgress, WorkerToHost } from './workerMessages';

/** Runs being stepped a mini-batch at a time, by run id; a train job with continueStepping finishes one. */
const stepped = new Map<string, TrainingRun>();

function coreConfig(config: RunConfig): TrainConfig {
  const { learningRateSchedule, ...fields } = config;
  return { ...fields, ...(learningRateSchedule ? { learningRateAt: compileSchedule(learningRateSchedule) } : {}) };
}

function step(request: StepRequest): void {
  try {
    if (request.start) {
      stepped.clear(); // one stepped run at a time: a new start replaces the old one
      stepped.set(request.runId, new TrainingRun(request.start.X, request.start.Y, coreConfig(request.start.config)));
    }
    const run = stepped.get(request.runId);
    if (!run) throw new Error('this run is no longer being stepped: press Step to start again');
    const snapshot = run.step(request.unit);
    post({ type: 'stepped', requestId: request.requestId, snapshot, parameters: run.result().parameters });
  } catch (e) {
    post({ type: 'stepped', requestId: request.requestId, error: e instanceof Error ? e.message : String(e) });
  }
}

function post(message: WorkerToHost): void {
  parentPort?.postMessage(message);
}

function runJob(job: TrainJob): void {
  const run = job.continueStepping ? stepped.get(job.runId) : new TrainingRun(job.X, job.Y, coreConfig(job.config));
  if (!run) throw new Error('this run is no longer being stepped: press Step to start again');
  stepped.delete(job.runId);
  const stop = new Int32Array(job.stopFlag);
  const learningRates: number[] = [];
  let pending: WorkerProgress = emptyProgress(job.runId);
  let lastPost = performance.now();
  let latest: (() => Parameters) | undefined;
  const flush = (): void => {
    if (pending.epochs.length === 0) return;
    if (job.liveSnapshots && latest) pending.parameters = latest();
    post(pending);
    pending = emptyProgress(job.runId);
    lastPost = performance.now();
  };

  const result = run.run({
    onRecord(record, snapshot) {
      learningRates.push(record.learningRate);
      pending.epochs.push(record.epoch);
      pending.costs.push(record.cost);
      pending.learningRates.push(record.learningRate);
      latest = snapshot;
      if (performance.now() - lastPost >= job.progressIntervalMs) flush();
    },
    shouldStop: () => Atomics.load(stop, 0) !== 0,
  });
  flush();
  post({
    type: 'done',
    runId: job.runId,
    costs: result.costs,
    printedCosts: result.printedCosts,
    recordEpochs: result.recordEpochs,
    learningRates,
    parameters: result.parameters,
    accuracy: result.accuracy,
    seconds: result.seconds,
    epochsRun: result.epochsRun,
    stopped: result.stopped,
    kernel: result.kernel,
    ...(result.diverged ? { diverged: result.diverged } : {}),
    ...(result.warning ? { warning: result.warning } : {}),
  });
}

function emptyProgress(runId: string): WorkerProgress {
  return { type: 'progress', runId, epochs: [], costs: [], learningRates: [] };
}

/** The learner's run is a child process: this thread stays free, and polls the stop flag meanwhile. */
async function learnerJob(job: LearnerTrainJob): Promise<void> {
  const stop = new Int32Array(job.stopFlag);
  const controller = new AbortController();
  const poll = setInterval(() => {
    if (Atomics.load(stop, 0) !== 0) controller.abort();
  }, 50);
  try {
    const { learningRateSchedule, ...fields } = job.config;
    void learningRateSchedule; // refused for learner runs by the host: the learner's loop has no schedule expression
    const result = await trainWithLearnerFunctions({
      pythonPath: job.pythonPath,
      source: job.source,
      X: job.X,
      Y: job.Y,
      config: fields as LearnerTrainOptions['config'],
      timeLimitMs: job.timeLimitMs,
      signal: controller.signal,
      onRecord: (epoch, cost) => post({ type: 'progress', runId: job.runId, epochs: [epoch], costs: [cost], learningRates: [] }),
    });
    post({ type: 'learnerDone', runId: job.runId, result });
  } catch (e) {
    post({ type: 'failed', runId: job.runId, message: e instanceof Error ? e.message : String(e) });
  } finally {
    clearInterval(poll);
  }
}

parentPort?.on('message', (message: HostToWorker) => {
  if (message.type === 'learnerTrain') return void learnerJob(message);
  if (message.type === 'step') return step(message);
  if (message.type === 'dropStep') {
    stepped.delete(message.runId);
    return;
  }
  if (message.type === 'checkSchedule') {
    try {
      checkSchedule(message.expression, message.lr0, message.epochs);
      post({ type: 'scheduleChecked', requestId: message.requestId });
    } catch (e) {
      post({ type: 'scheduleChecked', requestId: message.requestId, error: e instanceof Error ? e.message : String(e) });
    }
    return;
  }
  try {
    runJob(message);
  } catch (e) {
    post({ type: 'failed', runId: message.runId, message: e instanceof Error ? e.message : String(e) });
  }
});
