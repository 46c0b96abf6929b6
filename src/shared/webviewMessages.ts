// Messages between the extension and its webviews (the visualization panel and the side-panel view),
// and the run data both render. Declared once, imported on both sides (GitLens-style typed IPC).
// The webview posts `ready` first; the extension answers with the full `state`, then streams updates.

import type { Departure } from '../checker/training/departure';
import { isOptimizerId, OPTIMIZERS, trainCommandId, type OptimizerId } from '../core/optimizers/registry';
import type { LabControls, StepView } from './labControls';
import type { TrainConfig } from '../core/trainer/trainConfig';

export type { OptimizerId } from '../core/optimizers/registry';

/** "Adam" for 'adam'; an id this version does not know (a run file from a newer one) is shown as itself. */
export function optimizerTitle(id: string): string {
  return OPTIMIZERS.find((o) => o.id === id)?.title ?? id;
}

/** A matrix as JSON carries it (row-major). */
export interface PlainMatrix {
  rows: number;
  cols: number;
  data: number[];
}

/** The notebook's parameters dictionary (W1, b1, ...) as plain data. */
export type PlainParameters = Record<string, PlainMatrix>;

/** The points of a two-feature data set, for the decision-boundary plot. */
export interface DatasetPoints {
  id: string;
  /** File name or "Built-in moons". */
  name: string;
  features: number;
  examples: number;
  /** First and second feature of each example (empty unless `features` is 2). */
  x1: number[];
  x2: number[];
  labels: number[];
}

/** The hyperparameters a run used, with the schedule as the text the user wrote (a function cannot cross to a webview). */
export type RunConfig = Omit<TrainConfig, 'learningRateAt'> & { learningRateSchedule: string };

export type RunStatus = 'running' | 'stepping' | 'finished' | 'stopped' | 'diverged' | 'failed';

/** One row of the notebook's section 5.4 table, generated from a run. */
export interface RunSummary {
  /** Training-set accuracy in [0, 1]. */
  accuracy: number;
  /** Last recorded cost. */
  finalCost: number;
  /** 0 for a cost that only goes down, towards 1 for one that mostly goes up and down (see runMetrics). */
  oscillation: number;
  seconds: number;
  epochsRun: number;
}

export interface RunView {
  id: string;
  /** "Adam #3", unique among the runs shown. */
  label: string;
  optimizer: OptimizerId;
  datasetId: string;
  datasetName: string;
  config: RunConfig;
  status: RunStatus;
  startedAt: number;
  /** The recorded cost curve: epoch, cost and the learning rate of that epoch. */
  epochs: number[];
  costs: number[];
  learningRates: number[];
  /** Costs printed every `printEvery` epochs, once finished. */
  printedCosts?: number[];
  /** Latest parameters: a live snapshot while running, the final ones after. */
  parameters?: PlainParameters;
  summary?: RunSummary;
  error?: string;
  /** Set when the cost became NaN or infinite: the epoch, and the likely cause in one sentence. */
  diverged?: { epoch: number; cause: string };
  /** A finished run that learned nothing useful, e.g. "predicts one class for every example (the majority-class rate)". */
  warning?: string;
  /** A live (scrubbing) run: replaced by the next one instead of kept. */
  live?: boolean;
  /** Which epoch kernel trained it: 'wasm' (unrolled), 'matrix' or 'generic' (no WebAssembly). */
  kernel?: string;
  /** Train with My Functions: the learner's own run, or the reference trained beside it (drawn dashed). */
  pair?: 'yours' | 'reference';
  /** A run of the learner's own functions: where it left the reference trained beside it. */
  departure?: Departure;
}

export type ExtensionToWebview =
  | { type: 'state'; runs: RunView[]; datasets: DatasetPoints[] }
  | { type: 'runAdded'; run: RunView; dataset?: DatasetPoints }
  | {
      type: 'runProgress';
      runId: string;
      epochs: number[];
      costs: number[];
      learningRates: number[];
      parameters?: PlainParameters;
    }
  | { type: 'runFinished'; run: RunView }
  | { type: 'runsRemoved'; runIds: string[] }
  | { type: 'exportPlots' }
  /** The lab's controls (from the settings, or what a config file or Reset set) and the workspace's data-set files. */
  /** `keepEdits`: the settings' values (on opening, on a settings change), which must not overwrite what the learner typed. */
  /** `learnerFiles`: the workspace's .py and .ipynb files, whose functions Train can use instead of the built-in ones. */
  | { type: 'controls'; controls: LabControls; datasetFiles: string[]; learnerFiles?: string[]; keepEdits?: boolean }
  /** The stepping session's latest update; null when there is none (Reset, or the run went on training). */
  | { type: 'step'; step: StepView | null }
  /** Why the lab could not do what was asked (a data set that does not load...), for the message line. */
  | { type: 'labError'; message: string };

export type RunProgressMessage = Extract<ExtensionToWebview, { type: 'runProgress' }>;

/** Appends a progress message's records to a run: the run store and each webview keep their own copy. */
export function appendProgress(run: RunView, message: RunProgressMessage): void {
  run.epochs.push(...message.epochs);
  run.costs.push(...message.costs);
  run.learningRates.push(...message.learningRates);
  if (message.parameters) run.parameters = message.parameters;
}

/** Commands the webviews may ask for (the side panel's buttons): a train command per optimizer, and the rest. */
export const WEBVIEW_COMMANDS = [
  ...OPTIMIZERS.map((o) => trainCommandId(o.id)),
  'optimizationLab.compareOptimizers',
  'optimizationLab.chooseOptimizersToCompare',
  'optimizationLab.stopTraining',
  'optimizationLab.openVisualization',
  'optimizationLab.createMoonsDataset',
  'optimizationLab.saveRun',
  'optimizationLab.openRun',
  'optimizationLab.clearRuns',
] as const;
export type WebviewCommand = (typeof WEBVIEW_COMMANDS)[number];

/** What the lab panel's buttons ask for. */
export type LabAction = 'train' | 'compare' | 'step' | 'stepEpoch' | 'saveDefaults' | 'saveConfig';
export const LAB_ACTIONS: readonly LabAction[] = ['train', 'compare', 'step', 'stepEpoch', 'saveDefaults', 'saveConfig'];

export type WebviewToExtension =
  | { type: 'ready' }
  /**
   * A lab button with the controls' values. `live`: a scrub of a control (the previous live run is
   * dropped, never queued). `optimizers`: what Compare trains.
   */
  | { type: 'lab'; action: LabAction; controls: LabControls; live?: boolean; optimizers?: OptimizerId[] }
  /** Reset: back to the settings' values, the stepping session dropped. */
  | { type: 'labReset' }
  | { type: 'command'; command: WebviewCommand; runId?: string }
  | { type: 'removeRun'; runId: string }
  | { type: 'exportPng'; fileName: string; dataUrl: string }
  | { type: 'webviewError'; message: string }
  /** After each repaint: what the panel shows (tests wait on it before a screenshot). */
  | { type: 'rendered'; runs: number; finished: number; boundaries: number };

/** Narrows a message that arrived from a webview; anything malformed is dropped by the caller. */
export function isWebviewToExtension(value: unknown): value is WebviewToExtension {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m['type']) {
    case 'ready':
      return true;
    case 'command':
      return typeof m['command'] === 'string' && (WEBVIEW_COMMANDS as readonly string[]).includes(m['command']);
    case 'removeRun':
      return typeof m['runId'] === 'string';
    case 'lab':
      // The controls' values are checked by validateLabControls where they are used.
      return (
        typeof m['action'] === 'string' &&
        (LAB_ACTIONS as readonly string[]).includes(m['action']) &&
        typeof m['controls'] === 'object' &&
        m['controls'] !== null &&
        (m['optimizers'] === undefined || (Array.isArray(m['optimizers']) && m['optimizers'].every(isOptimizerId)))
      );
    case 'labReset':
      return true;
    case 'exportPng':
      return typeof m['fileName'] === 'string' && typeof m['dataUrl'] === 'string' && m['dataUrl'].startsWith('data:image/png;base64,');
    case 'webviewError':
      return typeof m['message'] === 'string';
    case 'rendered':
      return typeof m['runs'] === 'number' && typeof m['finished'] === 'number' && typeof m['boundaries'] === 'number';
    default:
      return false;
  }
}
