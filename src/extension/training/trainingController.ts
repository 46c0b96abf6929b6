// Runs the train commands: settings -> schedule check -> data set -> one worker run per optimizer,
// with a cancellable progress notification, live updates to the run store, and a result the
// command returns (what the integration tests read).
import * as vscode from 'vscode';
import { DatasetError } from '../../core/data/datasetError';
import { validateTrainConfig, type TrainConfig } from '../../core/training/trainConfig';
import { readTrainingSettings, type TrainingSettings } from '../settings';
import {
  OPTIMIZER_TITLES,
  type DatasetPoints,
  type OptimizerId,
  type PlainParameters,
  type RunConfig,
  type RunStatus,
  type RunView,
} from '../../shared/webviewMessages';
import type { Parameters } from '../../core/nn/parameters';
import { chooseDataset, resolveInWorkspace, type LoadedDataset } from './datasetSource';
import { datasetPoints } from './datasetPoints';
import { newRunId, type RunStore } from './runStore';
import { costOscillation, formatAccuracy } from '../../shared/runMetrics';
import type { TrainingWorker, WorkerRun } from './trainingWorker';

/** Arguments a train command accepts (tests and other commands; the palette passes none). */
export interface TrainCommandArgs {
  /** Data set path (workspace-relative or absolute), or `moons`; overrides the setting and the pick. */
  dataset?: string;
  /** Settings to use instead of the configured ones for this command. */
  overrides?: Partial<TrainingSettings>;
  /** Do not open the visualization panel. */
  background?: boolean;
}

export interface RunOutcome {
  runId: string;
  label: string;
  optimizer: OptimizerId;
  status: RunStatus;
  accuracy?: number;
  /** "94.0%", as the comparison table shows it. */
  accuracyText?: string;
  finalCost?: number;
  oscillation?: number;
  seconds?: number;
  epochsRun?: number;
  costs: number[];
  printedCosts: number[];
  error?: string;
}

/** What a train command resolves to: the runs it made, or why it did not train. */
export interface TrainingOutcome {
  dataset?: string;
  runs: RunOutcome[];
  error?: string;
  cancelled?: boolean;
}

/** Setting names as the user sees them, for messages about the core's config fields. */
const SETTING_OF_FIELD: Record<string, string> = {
  layersDims: 'layers',
  numEpochs: 'epochs',
  recordEvery: 'plotEvery',
};

/**
 * The runs one train command started. Each command stops on its own: cancelling one progress
 * notification must not stop (or un-stop) another command's runs; Stop Training stops them all.
 */
class TrainingSession {
  stopped = false;
  readonly running = new Set<WorkerRun>();

  stop(): void {
    this.stopped = true;
    this.running.forEach((r) => r.stop());
  }
}

export class TrainingController implements vscode.Disposable {
  private readonly sessions = new Set<TrainingSession>();

  constructor(
    private readonly store: RunStore,
    private readonly worker: TrainingWorker,
    private readonly showPanel: () => void,
  ) {}

  async train(optimizers: readonly OptimizerId[], args: TrainCommandArgs = {}): Promise<TrainingOutcome> {
    this.worker.warmUp(); // the worker loads while the user picks a data set
    const settings: TrainingSettings = { ...readTrainingSettings(), ...args.overrides };

    if (settings.learningRateSchedule) {
      const problem = await this.worker.checkSchedule(settings.learningRateSchedule, settings.learningRate, settings.epochs);
      if (problem) return this.fail(problem, 'optimizationLab.learningRateSchedule');
    }

    let loaded: LoadedDataset | undefined;
    try {
      loaded = await chooseDataset(args.dataset ?? settings.dataset);
    } catch (e) {
      if (e instanceof DatasetError) return this.fail(e.message, undefined, e);
      return this.fail(`Cannot load the data set: ${(e as Error).message}`);
    }
    if (!loaded) return { runs: [], cancelled: true };

    const configs = optimizers.map((optimizer) => runConfig(optimizer, settings, loaded.dataset.X.rows));
    for (const config of configs) {
      try {
        validateTrainConfig(coreConfig(config), loaded.dataset.X.rows, loaded.dataset.Y.rows);
      } catch (e) {
        const message = (e as Error).message.replace(/^(\w+)/, (field) => SETTING_OF_FIELD[field] ?? field);
        return this.fail(`Optimization Lab settings: ${message}`, 'optimizationLab');
      }
    }

    if (!args.background) this.showPanel();
    const session = new TrainingSession();
    this.sessions.add(session);
    const points = datasetPoints(loaded.id, loaded.name, loaded.dataset);
    const title = optimizers.length > 1 ? `Comparing ${optimizers.map((o) => OPTIMIZER_TITLES[o]).join(', ')}` : `Training with ${OPTIMIZER_TITLES[optimizers[0]!]}`;

    const outcomes = await Promise.resolve(vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${title} on ${loaded.name}`, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => session.stop());
        const results: RunOutcome[] = [];
        for (const [i, config] of configs.entries()) {
          if (session.stopped) break;
          const prefix = configs.length > 1 ? `${OPTIMIZER_TITLES[config.optimizer]} (${i + 1}/${configs.length}): ` : '';
          results.push(await this.runOne(session, loaded, config, i === 0 ? points : undefined, (epoch, cost) => {
            progress.report({ message: `${prefix}epoch ${epoch.toLocaleString('en-US')} / ${config.numEpochs.toLocaleString('en-US')}, cost ${cost.toFixed(6)}` });
          }));
        }
        return results;
      },
    )).finally(() => this.sessions.delete(session));
    const failed = outcomes.find((o) => o.error);
    if (failed) void vscode.window.showErrorMessage(`${failed.label} failed: ${failed.error}`);
    else if (outcomes.length > 0) {
      const line = outcomes.map((o) => `${o.label} ${o.accuracyText ?? ''}${o.status === 'stopped' ? ' (stopped)' : ''}`).join(', ');
      vscode.window.setStatusBarMessage(`Optimization Lab: ${line}`, 10_000);
    }
    return { dataset: loaded.name, runs: outcomes };
  }

  /** Stops every running and queued run; returns how many were running. */
  stopAll(): number {
    let running = 0;
    this.sessions.forEach((session) => {
      running += session.running.size;
      session.stop();
    });
    return running;
  }

  dispose(): void {
    this.stopAll();
  }

  private async runOne(
    session: TrainingSession,
    loaded: LoadedDataset,
    config: RunConfig,
    points: DatasetPoints | undefined,
    report: (epoch: number, cost: number) => void,
  ): Promise<RunOutcome> {
    const run: RunView = {
      id: newRunId(),
      label: this.store.nextLabel(OPTIMIZER_TITLES[config.optimizer], config.optimizer),
      optimizer: config.optimizer,
      datasetId: loaded.id,
      datasetName: loaded.name,
      config,
      status: 'running',
      startedAt: Date.now(),
      epochs: [],
      costs: [],
      learningRates: [],
    };
    this.store.add(run, points ?? this.store.dataset(loaded.id) ?? datasetPoints(loaded.id, loaded.name, loaded.dataset));
    const handle = this.worker.run(
      { runId: run.id, X: loaded.dataset.X, Y: loaded.dataset.Y, config, liveSnapshots: true, progressIntervalMs: 50 },
      (p) => {
        this.store.progress(run.id, p.epochs, p.costs, p.learningRates, p.parameters && plainParameters(p.parameters));
        const last = p.epochs.length - 1;
        if (last >= 0) report(p.epochs[last]!, p.costs[last]!);
      },
    );
    session.running.add(handle);
    try {
      const done = await handle.done;
      const finished: RunView = {
        ...run,
        status: done.stopped ? 'stopped' : 'finished',
        epochs: done.recordEpochs,
        costs: done.costs,
        learningRates: done.learningRates,
        printedCosts: done.printedCosts,
        parameters: plainParameters(done.parameters),
        summary: {
          accuracy: done.accuracy,
          finalCost: done.costs[done.costs.length - 1] ?? NaN,
          oscillation: costOscillation(done.costs),
          seconds: done.seconds,
          epochsRun: done.epochsRun,
        },
      };
      this.store.finish(finished);
      return outcomeOf(finished);
    } catch (e) {
      const failed: RunView = { ...(this.store.get(run.id) ?? run), status: 'failed', error: (e as Error).message };
      this.store.finish(failed);
      return outcomeOf(failed);
    } finally {
      session.running.delete(handle);
    }
  }

  private fail(message: string, setting?: string, datasetError?: DatasetError): TrainingOutcome {
    const actions = [setting ? 'Open Settings' : undefined, datasetError?.line !== undefined ? 'Go to Line' : undefined].filter(
      (a): a is string => a !== undefined,
    );
    void vscode.window
      .showErrorMessage(message, ...actions)
      .then(async (action) => {
        if (action === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', setting);
        if (action === 'Go to Line' && datasetError) await revealDatasetError(datasetError);
      })
      // The file may have gone since: say so rather than leave the rejection unhandled.
      .then(undefined, (e: unknown) => vscode.window.showErrorMessage(`Optimization Lab: ${e instanceof Error ? e.message : String(e)}`));
    return { runs: [], error: message };
  }
}

async function revealDatasetError(e: DatasetError): Promise<void> {
  // e.file is what asRelativePath gave: relative inside the workspace, absolute outside it.
  const doc = await vscode.workspace.openTextDocument(resolveInWorkspace(e.file));
  const position = new vscode.Position(Math.max(0, (e.line ?? 1) - 1), Math.max(0, (e.character ?? 1) - 1));
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(position, position) });
}

function runConfig(optimizer: OptimizerId, s: TrainingSettings, features: number): RunConfig {
  return {
    optimizer,
    layersDims: [features, ...s.layers],
    learningRate: s.learningRate,
    miniBatchSize: s.miniBatchSize,
    beta: s.beta,
    beta1: s.beta1,
    beta2: s.beta2,
    epsilon: s.epsilon,
    numEpochs: s.epochs,
    seed: s.seed,
    initSeed: 3,
    recordEvery: s.plotEvery,
    printEvery: 1000,
    learningRateSchedule: s.learningRateSchedule,
  };
}

function coreConfig(c: RunConfig): TrainConfig {
  const { learningRateSchedule, ...rest } = c;
  void learningRateSchedule; // the worker compiles it into learningRateAt
  return rest;
}

function plainParameters(p: Parameters): PlainParameters {
  const out: PlainParameters = {};
  for (const [k, m] of Object.entries(p)) out[k] = { rows: m.rows, cols: m.cols, data: Array.from(m.data) };
  return out;
}

function outcomeOf(run: RunView): RunOutcome {
  const s = run.summary;
  return {
    runId: run.id,
    label: run.label,
    optimizer: run.optimizer,
    status: run.status,
    costs: run.costs,
    printedCosts: run.printedCosts ?? [],
    ...(s
      ? { accuracy: s.accuracy, accuracyText: formatAccuracy(s.accuracy), finalCost: s.finalCost, oscillation: s.oscillation, seconds: s.seconds, epochsRun: s.epochsRun }
      : {}),
    ...(run.error ? { error: run.error } : {}),
  };
}
