// The runs shown in the webviews: kept in memory, saved to the workspace state so that the panel
// shows them again after a window reload, and broadcast to every open webview as typed messages.
import * as vscode from 'vscode';
import {
  appendProgress,
  type DatasetPoints,
  type ExtensionToWebview,
  type PlainParameters,
  type RunProgressMessage,
  type RunView,
} from '../../shared/webviewMessages';
import { readStoredRun } from './storedRun';

const STATE_KEY = 'optimizationLab.runs';
/** Enough for a few comparisons; the oldest finished runs go first. */
const MAX_RUNS = 12;

interface StoredRuns {
  runs: RunView[];
  datasets: DatasetPoints[];
}

export class RunStore implements vscode.Disposable {
  private runs: RunView[] = [];
  private readonly datasets = new Map<string, DatasetPoints>();
  private readonly emitter = new vscode.EventEmitter<ExtensionToWebview>();
  private readonly counters = new Map<string, number>();
  /** Every change, as the message the webviews need to apply it. */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly memento: vscode.Memento) {
    const stored = memento.get<unknown>(STATE_KEY) as Partial<Record<keyof StoredRuns, unknown>> | undefined;
    if (stored && Array.isArray(stored.runs)) {
      // Each run is read defensively (NaN was saved as null; older versions lack fields); one that cannot be shown is skipped.
      this.runs = stored.runs.map(readStoredRun).filter((r): r is RunView => r !== undefined);
      if (Array.isArray(stored.datasets)) (stored.datasets as DatasetPoints[]).filter((d) => typeof d?.id === 'string').forEach((d) => this.datasets.set(d.id, d));
      for (const r of this.runs) this.counters.set(r.optimizer, Math.max(this.counters.get(r.optimizer) ?? 0, labelNumber(r.label)));
    }
  }

  state(): Extract<ExtensionToWebview, { type: 'state' }> {
    return { type: 'state', runs: this.runs, datasets: this.referencedDatasets() };
  }

  list(): readonly RunView[] {
    return this.runs;
  }

  get(runId: string): RunView | undefined {
    return this.runs.find((r) => r.id === runId);
  }

  dataset(id: string): DatasetPoints | undefined {
    return this.datasets.get(id);
  }

  /** "Adam #2": numbered per optimizer, never reused within a workspace's stored runs. */
  nextLabel(title: string, optimizer: string): string {
    const n = (this.counters.get(optimizer) ?? 0) + 1;
    this.counters.set(optimizer, n);
    return `${title} #${n}`;
  }

  add(run: RunView, dataset?: DatasetPoints): void {
    if (dataset) this.datasets.set(dataset.id, dataset);
    this.runs.push(run);
    const dropped = this.trim();
    this.emitter.fire({ type: 'runAdded', run, ...(dataset ? { dataset } : {}) });
    if (dropped.length) this.emitter.fire({ type: 'runsRemoved', runIds: dropped });
    if (run.status !== 'running') this.save();
  }

  progress(runId: string, epochs: number[], costs: number[], learningRates: number[], parameters?: PlainParameters): void {
    const run = this.get(runId);
    if (!run) return;
    const message: RunProgressMessage = { type: 'runProgress', runId, epochs, costs, learningRates, ...(parameters ? { parameters } : {}) };
    appendProgress(run, message);
    this.emitter.fire(message);
  }

  finish(run: RunView): void {
    const i = this.runs.findIndex((r) => r.id === run.id);
    if (i < 0) return;
    this.runs[i] = run;
    this.emitter.fire({ type: 'runFinished', run });
    this.save();
  }

  /** Forgets finished runs; `evenRunning` also a running one (the lab's stale live run, stopped by its caller). */
  remove(runIds: readonly string[], evenRunning = false): void {
    const ids = new Set(runIds.filter((id) => evenRunning || this.get(id)?.status !== 'running'));
    if (ids.size === 0) return;
    this.runs = this.runs.filter((r) => !ids.has(r.id));
    this.emitter.fire({ type: 'runsRemoved', runIds: [...ids] });
    this.save();
  }

  clear(): void {
    this.remove(this.runs.map((r) => r.id));
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private trim(): string[] {
    const dropped: string[] = [];
    while (this.runs.length > MAX_RUNS) {
      const i = this.runs.findIndex((r) => r.status !== 'running');
      if (i < 0) break;
      dropped.push(this.runs[i]!.id);
      this.runs.splice(i, 1);
    }
    return dropped;
  }

  private referencedDatasets(): DatasetPoints[] {
    const ids = new Set(this.runs.map((r) => r.datasetId));
    return [...this.datasets.values()].filter((d) => ids.has(d.id));
  }

  private save(): void {
    const stored: StoredRuns = { runs: this.runs.filter((r) => r.status !== 'running' && !r.live), datasets: this.referencedDatasets() };
    // Keeping runs across reloads is a convenience: if the workspace state cannot be written, say so
    // in the log rather than leave the rejection unhandled in the extension host.
    this.memento.update(STATE_KEY, stored).then(undefined, (e: unknown) => {
      console.error(`Optimization Lab: could not keep the runs for the next session: ${e instanceof Error ? e.message : String(e)}`);
    });
  }
}

/** A run's id: unique within a window, and across reloads since it starts with the time. */
export function newRunId(): string {
  return `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function labelNumber(label: string): number {
  const m = /#(\d+)$/.exec(label);
  return m ? Number(m[1]) : 0;
}
