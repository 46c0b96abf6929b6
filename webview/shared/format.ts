// Text for numbers and run states that never throws: a run persisted as JSON turns NaN and ±Infinity
// into null, an older run file lacks fields, and a diverged run is full of NaN. Everything a webview
// prints about a run goes through here.
import type { RunView } from '../../src/shared/webviewMessages';

/** "—" for a missing value (null, undefined, not a number), "NaN", "∞" and "−∞" for the non-finite ones. */
export function nonFiniteText(value: unknown): string | undefined {
  if (typeof value !== 'number') return '—';
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  return undefined;
}

/** `value.toFixed(digits)`, or what nonFiniteText says for anything that is not a finite number. */
export function formatFixed(value: unknown, digits: number): string {
  return nonFiniteText(value) ?? (value as number).toFixed(digits);
}

/** "94.0%" from 0.94, as the comparison table shows an accuracy. */
export function formatPercent(value: unknown): string {
  const bad = nonFiniteText(value);
  return bad ?? `${((value as number) * 100).toFixed(1)}%`;
}

/** A setting's value as short as it is exact enough: 0.0007, 1e-8, 64, 10000. */
export function formatSetting(value: unknown): string {
  const bad = nonFiniteText(value);
  if (bad !== undefined) return bad;
  const v = value as number;
  if (v !== 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e6)) return v.toExponential().replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(Number(v.toPrecision(6)));
}

/** "10,000", or "—"/"NaN"/"∞". */
export function formatCount(value: unknown): string {
  return nonFiniteText(value) ?? (value as number).toLocaleString('en-US');
}

/** The words for where a run is: "training…", "stepping…", "diverged at epoch 12", "stopped", the error. */
export function runStatusText(run: Pick<RunView, 'status' | 'error' | 'diverged'>): string {
  switch (run.status) {
    case 'running':
      return 'training…';
    case 'stepping':
      return 'stepping…';
    case 'diverged':
      return `diverged at epoch ${formatCount(run.diverged?.epoch)}`;
    case 'failed':
      return run.error ? `failed: ${run.error}` : 'failed';
    default:
      return typeof run.status === 'string' ? run.status : 'unknown';
  }
}

/** Whether the run still changes (no remove button, not counted as finished). */
export function isActive(run: Pick<RunView, 'status'>): boolean {
  return run.status === 'running' || run.status === 'stepping';
}

/**
 * The caption of a run's boundary picture: its accuracy once it has one (with "diverged at epoch N"
 * before it when it diverged), else its state.
 */
export function runCaption(run: Pick<RunView, 'status' | 'error' | 'diverged' | 'summary'>): string {
  const status = runStatusText(run);
  if (run.summary && !isActive(run)) {
    const accuracy = formatPercent(run.summary.accuracy);
    return run.status === 'diverged' ? `${status}, ${accuracy}` : run.status === 'stopped' ? `${accuracy} (stopped)` : accuracy;
  }
  return status;
}

/** The sentences that explain a run that went wrong: the divergence's cause, a warning, an error. */
export function runNotes(run: Pick<RunView, 'diverged' | 'warning'>): string[] {
  const notes: string[] = [];
  if (run.diverged && typeof run.diverged.cause === 'string' && run.diverged.cause !== '') notes.push(run.diverged.cause);
  if (typeof run.warning === 'string' && run.warning !== '') notes.push(run.warning);
  return notes;
}

/** The run's one line: accuracy, cost and time once it has them, else where it is (training…, diverged at epoch N). */
export function runLine(run: Pick<RunView, 'status' | 'error' | 'diverged' | 'summary' | 'epochs'>): string {
  const s = run.summary;
  const lastEpoch = run.epochs[run.epochs.length - 1];
  if (isActive(run)) return `${runStatusText(run)} epoch ${typeof lastEpoch === 'number' && Number.isFinite(lastEpoch) ? lastEpoch : 0}`;
  const status = run.status === 'finished' ? '' : run.status === 'stopped' ? ', stopped' : `, ${runStatusText(run)}`;
  if (s) return `${formatPercent(s.accuracy)}, cost ${formatFixed(s.finalCost, 4)}, ${formatFixed(s.seconds, 2)} s${status}`;
  return runStatusText(run);
}
