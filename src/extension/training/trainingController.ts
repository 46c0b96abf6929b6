// Runs the train commands: settings -> schedule check -> data set -> one worker run per optimizer,
// with a cancellable progress notification, live updates to the run store, and a result the
// command returns (what the integration tests read).
import * as vscode from 'vscode';
import { DatasetError } from '../../core/data/datasetError';
import { CONFIG_PARAMETERS, TrainConfigError, validateTrainConfig, type TrainConfig } from '../../core/trainer/trainConfig';
import type { NumericSetting } from '../../shared/settingDefaults';
import { readTrainingSettings, type TrainingSettings } from '../settings';
import {
  optimizerTitle,
  type DatasetPoints,
  type OptimizerId,
  type PlainParameters,
  type RunConfig,
  type RunStatus,
  type RunView,
} from '../../shared/webviewMessages';
import type { Parameters } from '../../core/nn/parameters';
import type { PlainArray, PlainDict } from '../../checker/training/learnerMessages';
import { validateLabControls, type LabControls, type StepView } from '../../shared/labControls';
import { chooseDataset, loadDatasetChoice, resolveInWorkspace, type LoadedDataset } from './datasetSource';
import type { StepRequest } from './workerMessages';
import { datasetPoints } from './datasetPoints';
import { newRunId, type RunStore } from './runStore';
import { costOscillation, formatAccuracy } from '../../shared/runMetrics';
import type { TrainingWorker } from './trainingWorker';
import { departureSummary } from '../../checker/training/departure';
import type { LearnerRunResult } from '../../checker/training/learnerTraining';

/** Arguments a train command accepts (tests and other commands; the palette passes none). */
export interface TrainCommandArgs {
  /** Data set path (workspace-relative or absolute), or `moons`; overrides the setting and the pick. */
  dataset?: string;
  /** Settings to use instead of the configured ones for this command. */
  overrides?: Partial<TrainingSettings>;
  /** Do not open the visualization panel. */
  background?: boolean;
  /** The lab panel's controls: used instead of the settings and `dataset` (validated first). */
  controls?: LabControls;
  /** A live (scrubbing) run: no notification; it replaces the previous live run. */
  live?: boolean;
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
  diverged?: { epoch: number; cause: string };
  warning?: string;
  /** A learner's run: where it left the reference. */
  departure?: RunView['departure'];
  /** Which epoch kernel trained it ('wasm', 'matrix', 'generic'). */
  kernel?: string;
}

export const UNTRUSTED_MY_FUNCTIONS = 'Train with My Functions runs your code: trust this workspace first (Manage Workspace Trust).';

/** "Train with My Functions": the learner's source and which of the notebook's optimizers to train. */
export interface MyFunctionsArgs {
  source: string;
  /** What messages call the source ("optimizers.py"). */
  fileName: string;
  uri?: vscode.Uri;
  optimizer: 'gd' | 'momentum' | 'adam';
  pythonPath: string;
  timeLimitSeconds: number;
  dataset?: string;
  overrides?: Partial<TrainingSettings>;
  /** The lab panel's controls: used instead of the settings and `dataset` (validated first). */
  controls?: LabControls;
  background?: boolean;
}

/** What a train command resolves to: the runs it made, or why it did not train. */
export interface TrainingOutcome {
  dataset?: string;
  runs: RunOutcome[];
  error?: string;
  cancelled?: boolean;
}

/** Setting names as the user sees them, for messages about the core's config fields. */
const SETTING_OF_FIELD: Readonly<Record<string, string>> = {
  layersDims: 'layers',
  decay: 'learningRateDecay',
  ...Object.fromEntries(CONFIG_PARAMETERS.flatMap((p) => (p.setting === undefined ? [] : [[p.key, p.setting]]))),
};

/**
 * The runs one train command started. Each command stops on its own: cancelling one progress
 * notification must not stop (or un-stop) another command's runs; Stop Training stops them all.
 */
class TrainingSession {
  stopped = false;
  readonly running = new Set<{ stop(): void }>();

  stop(): void {
    this.stopped = true;
    this.running.forEach((r) => r.stop());
  }
}

/** How runOne trains a run beyond its config. */
interface RunOptions {
  /** A stepped run that the worker finishes. */
  continuing?: RunView;
  /** Told the new run's id as it starts (the live run keeps it, to drop it when the next one comes). */
  onStart?: (runId: string) => void;
  /** The run's label, instead of the optimizer's title. */
  label?: string;
  pair?: RunView['pair'];
  /** The worker thread that trains it (the second lane of a comparison). */
  worker?: TrainingWorker;
}

/** The run the lab is stepping: its controls (as a key), the run, its data set. */
interface SteppingSession {
  key: string;
  run: RunView;
  loaded: LoadedDataset;
}

export class TrainingController implements vscode.Disposable {
  private readonly sessions = new Set<TrainingSession>();
  private stepping: SteppingSession | undefined;
  private live: { session: TrainingSession; runId: string } | undefined;

  constructor(
    private readonly store: RunStore,
    private readonly worker: TrainingWorker,
    private readonly showPanel: () => void,
    /** Trains every other run of a comparison beside `worker`, when there is a second core. */
    private readonly compareWorker?: TrainingWorker,
  ) {}

  async train(optimizers: readonly OptimizerId[], args: TrainCommandArgs = {}): Promise<TrainingOutcome> {
    this.worker.warmUp(); // the worker loads while the user picks a data set
    if (args.controls && !args.live && optimizers.length === 1 && this.stepping?.key === controlsKey(args.controls)) {
      return this.continueStepping();
    }
    const prepared = await this.prepare(optimizers, args);
    if ('outcome' in prepared) return prepared.outcome;
    const { loaded, configs } = prepared;
    if (args.live) return this.trainLive(loaded, configs[0]!);

    if (!args.background) this.showPanel();
    const session = new TrainingSession();
    this.sessions.add(session);
    const points = datasetPoints(loaded.id, loaded.name, loaded.dataset);
    const title = optimizers.length > 1 ? `Comparing ${optimizers.map((o) => optimizerTitle(o)).join(', ')}` : `Training with ${optimizerTitle(optimizers[0]!)}`;

    const outcomes = await Promise.resolve(vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${title} on ${loaded.name}`, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => session.stop());
        // A comparison trains in two lanes (two worker threads, one per core): each takes the next optimizer
        // left. The runs are the same whichever lane trained them; the table keeps the order asked for.
        const lanes = configs.length > 1 && this.compareWorker ? [this.worker, this.compareWorker] : [this.worker];
        const results: Array<RunOutcome | undefined> = configs.map(() => undefined);
        let next = 0;
        const lane = async (worker: TrainingWorker): Promise<void> => {
          while (next < configs.length && !session.stopped) {
            const i = next++;
            const config = configs[i]!;
            const prefix = configs.length > 1 ? `${optimizerTitle(config.optimizer)} (${i + 1}/${configs.length}): ` : '';
            results[i] = await this.runOne(session, loaded, config, i === 0 ? points : undefined, (epoch, cost) => {
              progress.report({ message: `${prefix}epoch ${epoch.toLocaleString('en-US')} / ${config.numEpochs.toLocaleString('en-US')}, cost ${formatCost(cost)}` });
            }, { worker });
          }
        };
        await Promise.all(lanes.map(lane));
        return results.filter((r): r is RunOutcome => r !== undefined);
      },
    )).finally(() => this.sessions.delete(session));
    this.announce(outcomes);
    return { dataset: loaded.name, runs: outcomes };
  }

  /**
   * Steps a run of the lab's controls one mini-batch (or to the end of the epoch): the same run
   * while the controls stay the same, a new one (replacing the old) when they changed.
   */
  async step(controls: LabControls, unit: 'batch' | 'epoch'): Promise<StepView | { error: string }> {
    const key = controlsKey(controls);
    let session = this.stepping?.key === key ? this.stepping : undefined;
    let start: StepRequest['start'];
    if (!session) {
      this.dropStepping();
      const prepared = await this.prepare([controls.optimizer], { controls, background: true });
      if ('outcome' in prepared) return { error: prepared.outcome.error ?? 'cancelled' };
      const { loaded, configs } = prepared;
      const config = configs[0]!;
      const run = this.newRun(loaded, config, 'stepping');
      this.store.add(run, this.store.dataset(loaded.id) ?? datasetPoints(loaded.id, loaded.name, loaded.dataset));
      session = { key, run, loaded };
      this.stepping = session;
      start = { X: loaded.dataset.X, Y: loaded.dataset.Y, config };
    }
    try {
      const { snapshot, parameters } = await this.worker.step(session.run.id, unit, start);
      if (snapshot.examples.length > 0) this.store.progress(session.run.id, [], [], [], plainParameters(parameters));
      return { ...snapshot, runId: session.run.id, optimizer: session.run.optimizer };
    } catch (e) {
      this.dropStepping();
      return { error: (e as Error).message };
    }
  }

  /** Forgets the stepping session; its run is kept, marked stopped. */
  dropStepping(): void {
    const session = this.stepping;
    if (!session) return;
    this.stepping = undefined;
    this.worker.dropStep(session.run.id);
    const run = this.store.get(session.run.id);
    if (run && run.status === 'stepping') this.store.finish({ ...run, status: 'stopped' });
  }

  /** Trains the stepped run to its end (Train after Step): the same run, the same numbers as an unstepped one. */
  private async continueStepping(): Promise<TrainingOutcome> {
    const session = this.stepping!;
    this.stepping = undefined;
    const trainingSession = new TrainingSession();
    this.sessions.add(trainingSession);
    const run = this.store.get(session.run.id) ?? session.run;
    this.store.finish({ ...run, status: 'running' });
    const outcome = await this.runOne(trainingSession, session.loaded, run.config, undefined, () => {}, { continuing: run }).finally(() => this.sessions.delete(trainingSession));
    this.announce([outcome]);
    return { dataset: session.loaded.name, runs: [outcome] };
  }

  /**
   * A live run (the lab's scrubbing): no notification, replaces the previous live run, which is
   * stopped and forgotten rather than left to finish (a stale result is dropped, never queued).
   */
  private async trainLive(loaded: LoadedDataset, config: RunConfig): Promise<TrainingOutcome> {
    this.live?.session.stop();
    if (this.live) this.store.remove([this.live.runId], true);
    const session = new TrainingSession();
    this.sessions.add(session);
    const live = { session, runId: '' };
    this.live = live;
    const outcome = await this.runOne(session, loaded, config, undefined, () => {}, { onStart: (runId) => (live.runId = runId) }).finally(() =>
      this.sessions.delete(session),
    );
    return { dataset: loaded.name, runs: [outcome] };
  }

  /** Settings (or the lab's controls) -> a checked schedule, a loaded data set and one valid config per optimizer. */
  private async prepare(
    optimizers: readonly OptimizerId[],
    args: TrainCommandArgs,
  ): Promise<{ outcome: TrainingOutcome } | { loaded: LoadedDataset; configs: RunConfig[] }> {
    const { controls } = args;
    if (controls) {
      const errors = Object.entries(validateLabControls(controls));
      if (errors.length > 0) return { outcome: this.fail(`Optimization Lab: ${errors.map(([field, why]) => `${field} ${why}`).join('; ')}`) };
    }
    const settings: TrainingSettings = { ...readTrainingSettings(), ...args.overrides };
    const schedule = controls ? controls.learningRateSchedule : settings.learningRateSchedule;
    const decay = controls ? controls.decay : settings.learningRateDecay;
    if (schedule && decay !== 'none') {
      return {
        outcome: this.fail(
          `Optimization Lab settings: learningRateSchedule and learningRateDecay (${decay}) both change the learning rate; clear one of them`,
          'optimizationLab.learningRateDecay',
        ),
      };
    }
    if (schedule) {
      const problem = await this.worker.checkSchedule(schedule, controls?.numbers.learningRate ?? settings.learningRate, controls?.numbers.numEpochs ?? settings.epochs);
      if (problem) return { outcome: this.fail(problem, 'optimizationLab.learningRateSchedule') };
    }

    let loaded: LoadedDataset | undefined;
    try {
      loaded = controls ? await loadDatasetChoice(controls.dataset) : await chooseDataset(args.dataset ?? settings.dataset);
    } catch (e) {
      if (e instanceof DatasetError) return { outcome: this.fail(e.message, undefined, e) };
      return { outcome: this.fail(`Cannot load the data set: ${(e as Error).message}`) };
    }
    if (!loaded) return { outcome: { runs: [], cancelled: true } };
    const features = loaded.dataset.X.rows;
    const configs = optimizers.map((optimizer) => (controls ? configFromControls(optimizer, controls, features) : runConfig(optimizer, settings, features)));
    for (const config of configs) {
      try {
        validateTrainConfig(coreConfig(config), features, loaded.dataset.Y.rows);
      } catch (e) {
        if (!(e instanceof TrainConfigError)) throw e;
        const field = /^\w+/.exec(e.field)?.[0] ?? e.field;
        const setting = SETTING_OF_FIELD[field];
        const message = setting === undefined ? e.message : e.renamed(`${setting}${e.field.slice(field.length)}`);
        return { outcome: this.fail(`Optimization Lab settings: ${message}`, setting === undefined ? 'optimizationLab' : `optimizationLab.${setting}`) };
      }
    }
    return { loaded, configs };
  }

  private announce(outcomes: readonly RunOutcome[]): void {
    const failed = outcomes.find((o) => o.error);
    const diverged = outcomes.find((o) => o.status === 'diverged');
    if (failed) void vscode.window.showErrorMessage(`${failed.label} failed: ${failed.error}`);
    else if (diverged) void vscode.window.showWarningMessage(`${diverged.label} diverged at epoch ${diverged.diverged?.epoch}: ${diverged.diverged?.cause}`);
    else if (outcomes.length > 0) {
      const line = outcomes.map((o) => `${o.label} ${o.accuracyText ?? ''}${o.status === 'stopped' ? ' (stopped)' : ''}`).join(', ');
      vscode.window.setStatusBarMessage(`Optimization Lab: ${line}`, 10_000);
    }
  }

  /**
   * "Train with My Functions": the notebook's model() loop with the learner's own functions from
   * `source` (a Python child of the worker), beside the reference the core trains with the same
   * settings; the learner's run says where it leaves the reference. Only in a trusted workspace.
   */
  async trainWithMyFunctions(args: MyFunctionsArgs): Promise<TrainingOutcome> {
    // Also checked by the command before it reads the file; here again because this runs the learner's code.
    if (!vscode.workspace.isTrusted) return this.fail(UNTRUSTED_MY_FUNCTIONS);
    this.worker.warmUp();
    const prepared = await this.prepare([args.optimizer], {
      ...(args.dataset !== undefined ? { dataset: args.dataset } : {}),
      ...(args.overrides ? { overrides: args.overrides } : {}),
      ...(args.controls ? { controls: args.controls } : {}),
    });
    if ('outcome' in prepared) return prepared.outcome;
    const { loaded, configs } = prepared;
    const config = configs[0]!;
    if (config.learningRateSchedule) return this.fail('Train with My Functions follows the notebook\'s model(): clear optimizationLab.learningRateSchedule (learningRateDecay works).', 'optimizationLab.learningRateSchedule');
    if (!args.background) this.showPanel();
    const session = new TrainingSession();
    this.sessions.add(session);
    const title = optimizerTitle(config.optimizer);
    const points = datasetPoints(loaded.id, loaded.name, loaded.dataset);
    const outcomes = await Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Training ${title} with your functions from ${args.fileName} on ${loaded.name}`, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => session.stop());
          const reference = await this.runOne(session, loaded, config, points, () => {}, { label: `${title} (reference)`, pair: 'reference' });
          if (session.stopped) return [reference];
          const yours = await this.runLearner(session, loaded, config, args, (epoch, cost) => {
            progress.report({ message: `epoch ${epoch.toLocaleString('en-US')} / ${config.numEpochs.toLocaleString('en-US')}, cost ${formatCost(cost)}` });
          });
          return [yours, reference];
        },
      ),
    ).finally(() => this.sessions.delete(session));
    const yours = outcomes.length > 1 ? outcomes[0]! : undefined;
    if (yours?.departure) {
      const d = yours.departure;
      void vscode.window.showWarningMessage(`${d.title.charAt(0).toUpperCase()}${d.title.slice(1)} — in ${d.function}. ${d.hint}`, ...(d.line && args.uri ? ['Go to Line'] : [])).then((action) => {
        if (action === 'Go to Line' && args.uri && d.line) void revealLine(args.uri, d.line);
      });
    } else if (yours?.error) {
      void vscode.window.showErrorMessage(`${yours.label}: ${yours.error}`);
    } else if (yours?.status === 'finished') {
      vscode.window.setStatusBarMessage(`Optimization Lab: your ${title} matches the reference (${yours.accuracyText})`, 10_000);
    }
    return { dataset: loaded.name, runs: outcomes };
  }

  private async runLearner(session: TrainingSession, loaded: LoadedDataset, config: RunConfig, args: MyFunctionsArgs, report: (epoch: number, cost: number) => void): Promise<RunOutcome> {
    const run: RunView = { ...this.newRun(loaded, config, 'running'), label: this.store.nextLabel(`${optimizerTitle(config.optimizer)} (yours)`, `${config.optimizer}:yours`), pair: 'yours' };
    this.store.add(run, this.store.dataset(loaded.id));
    const handle = this.worker.runLearner(
      { runId: run.id, X: loaded.dataset.X, Y: loaded.dataset.Y, config, source: args.source, pythonPath: args.pythonPath, timeLimitMs: args.timeLimitSeconds * 1000 },
      (p) => {
        this.store.progress(run.id, p.epochs, p.costs, p.learningRates);
        const last = p.epochs.length - 1;
        if (last >= 0) report(p.epochs[last]!, p.costs[last]!);
      },
    );
    return this.settle(session, run, handle, (r) => {
      // The learner's final parameters: the panel draws the run's decision boundary from them.
      const parameters = learnerParameters(r.parameters);
      const where = r.error ? [r.error.function ? `in ${r.error.function}` : '', r.error.epoch !== undefined ? `epoch ${r.error.epoch}` : '', r.error.miniBatch !== undefined ? `mini-batch ${r.error.miniBatch}` : '', r.error.line ? `line ${r.error.line}` : ''].filter(Boolean).join(', ') : '';
      return {
        ...(this.store.get(run.id) ?? run),
        status: r.status === 'finished' ? 'finished' : r.status === 'diverged' ? 'diverged' : r.status === 'stopped' ? 'stopped' : 'failed',
        epochs: r.recordEpochs,
        costs: r.costs,
        learningRates: r.recordEpochs.map(() => config.learningRate),
        printedCosts: r.printedCosts,
        ...(parameters ? { parameters } : {}),
        ...(r.status === 'finished' || r.status === 'diverged'
          ? { summary: { accuracy: r.accuracy, finalCost: r.costs[r.costs.length - 1] ?? NaN, oscillation: costOscillation(r.costs), seconds: r.seconds, epochsRun: config.numEpochs } }
          : {}),
        ...(r.error ? { error: `${r.error.message}${where ? ` (${where})` : ''}` } : {}),
        ...(r.status === 'diverged' ? { diverged: { epoch: r.divergedAt ?? NaN, cause: learnerDivergenceCause(r) } } : {}),
        ...(r.departure ? { warning: departureSummary(r.departure), departure: r.departure } : {}),
      };
    });
  }

  /**
   * Waits for a run the worker is doing, keeping it stoppable by its session; the store gets the
   * finished run (`toView` of the result) or the failure. Never rejects.
   */
  private async settle<T>(session: TrainingSession, run: RunView, handle: { done: Promise<T>; stop(): void }, toView: (done: T) => RunView): Promise<RunOutcome> {
    session.running.add(handle);
    try {
      const finished = toView(await handle.done);
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
    this.dropStepping();
  }

  private newRun(loaded: LoadedDataset, config: RunConfig, status: RunStatus, live = false): RunView {
    return {
      id: newRunId(),
      label: live ? 'Live' : this.store.nextLabel(optimizerTitle(config.optimizer), config.optimizer),
      optimizer: config.optimizer,
      datasetId: loaded.id,
      datasetName: loaded.name,
      config,
      status,
      startedAt: Date.now(),
      epochs: [],
      costs: [],
      learningRates: [],
      ...(live ? { live } : {}),
    };
  }

  /**
   * Trains one run in a worker thread (see RunOptions), streaming its progress to the store.
   */
  private async runOne(
    session: TrainingSession,
    loaded: LoadedDataset,
    config: RunConfig,
    points: DatasetPoints | undefined,
    report: (epoch: number, cost: number) => void,
    { continuing, onStart, label, pair, worker = this.worker }: RunOptions = {},
  ): Promise<RunOutcome> {
    // Only the lab's live run is told its id as it starts (to drop it when the next one comes).
    const live = onStart !== undefined;
    const fresh = (): RunView => {
      const made = this.newRun(loaded, config, 'running', live);
      const labelled = label ? { ...made, label: this.store.nextLabel(label, `${config.optimizer}:${label}`) } : made;
      return pair ? { ...labelled, pair } : labelled;
    };
    const run: RunView = continuing ?? fresh();
    if (!continuing) this.store.add(run, points ?? this.store.dataset(loaded.id) ?? datasetPoints(loaded.id, loaded.name, loaded.dataset));
    onStart?.(run.id);
    const handle = worker.run(
      {
        runId: run.id,
        X: loaded.dataset.X,
        Y: loaded.dataset.Y,
        config,
        // A live (scrubbing) run is replaced within a fraction of a second: only its result is drawn, so it
        // streams no progress or parameter snapshots, which would delay that result.
        liveSnapshots: !live,
        progressIntervalMs: live ? Number.MAX_SAFE_INTEGER : 50,
        ...(continuing ? { continueStepping: true } : {}),
      },
      (p) => {
        this.store.progress(run.id, p.epochs, p.costs, p.learningRates, p.parameters && plainParameters(p.parameters));
        const last = p.epochs.length - 1;
        if (last >= 0) report(p.epochs[last]!, p.costs[last]!);
      },
    );
    return this.settle(session, run, handle, (done) => ({
      ...run,
      kernel: done.kernel,
      status: done.diverged ? 'diverged' : done.stopped ? 'stopped' : 'finished',
      ...(done.diverged ? { diverged: { epoch: done.diverged.epoch, cause: done.diverged.cause } } : {}),
      ...(done.warning ? { warning: done.warning } : {}),
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
    }));
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
  // Each numeric field from its setting, or its default where no setting sets it (initSeed, printEvery).
  const numeric = Object.fromEntries(CONFIG_PARAMETERS.map((p) => [p.key, p.setting === undefined ? p.default : s[p.setting as NumericSetting]]));
  return {
    ...(numeric as Omit<RunConfig, 'optimizer' | 'layersDims' | 'decay' | 'learningRateSchedule'>),
    optimizer,
    layersDims: [features, ...s.layers],
    decay: s.learningRateDecay,
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

/** The learner's parameters as optlab_train.py sends them ({W1: {shape, data}}), or undefined when one is not an array. */
function learnerParameters(dict: PlainDict | undefined): PlainParameters | undefined {
  if (!dict || '__type__' in dict) return undefined;
  const out: PlainParameters = {};
  for (const [key, array] of Object.entries(dict as Record<string, PlainArray>)) {
    if ('__type__' in array || array.shape.length === 0 || array.shape.length > 2) return undefined;
    const [rows, cols = 1] = array.shape as [number, number?];
    if (rows * cols !== array.data.length) return undefined;
    out[key] = { rows, cols, data: array.data.map((x) => (x === null ? NaN : x)) };
  }
  return Object.keys(out).length > 0 ? out : undefined;
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
    ...(run.diverged ? { diverged: run.diverged } : {}),
    ...(run.warning ? { warning: run.warning } : {}),
    ...(run.departure ? { departure: run.departure } : {}),
    ...(run.kernel ? { kernel: run.kernel } : {}),
  };
}

async function revealLine(uri: vscode.Uri, line: number): Promise<void> {
  const position = new vscode.Position(line - 1, 0);
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position) });
}

/** Controls that train the same run: the stepping session continues while they stay equal. */
function controlsKey(c: LabControls): string {
  return JSON.stringify(c);
}

/** A run's config from the lab's controls (every numeric field is a control). */
function configFromControls(optimizer: OptimizerId, c: LabControls, features: number): RunConfig {
  return { ...c.numbers, optimizer, layersDims: [features, ...c.layers], decay: c.decay, learningRateSchedule: c.learningRateSchedule };
}

/** Why the learner's run diverged, as far as the reference run beside it tells. */
function learnerDivergenceCause(r: LearnerRunResult): string {
  // After a departure, the departure (said next) is the likely cause; when the reference diverged too, its cause.
  if (r.departure) return "your run's cost became NaN or infinite after it left the reference:";
  if (r.reference.diverged) return r.reference.diverged.cause;
  return "your run's cost became NaN or infinite (the reference's did not)";
}

/** "0.693147", or "NaN" / "Infinity" for a diverging run's cost (never a throw). */
function formatCost(cost: number): string {
  return Number.isFinite(cost) ? cost.toFixed(6) : String(cost);
}
