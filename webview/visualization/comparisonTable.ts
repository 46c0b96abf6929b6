// The notebook's section 5.4 table, generated from the runs: a real <table> (readable by screen
// readers and by the end-to-end tests), one row per run, with the run's whole configuration in
// columns derived from the parameter tables (CONFIG_PARAMETERS) and in the row's tooltip.
// comparisonModel is pure (unit-tested with NaN, null and missing fields); comparisonTable draws it.
import { isOptimizerId, optimizer } from '../../src/core/optimizers/registry';
import { HYPERPARAMETERS } from '../../src/core/optimizers/hyperparameters';
import { CONFIG_PARAMETERS } from '../../src/core/trainer/trainConfig';
import { optimizerTitle, type RunView } from '../../src/shared/webviewMessages';
import { formatCount, formatFixed, formatPercent, formatSetting, isActive, runNotes, runStatusText } from '../shared/format';
import { optimizerColor } from '../shared/theme';

export interface Column {
  key: string;
  title: string;
  numeric?: boolean;
  tip?: string;
  /** A column of the run's configuration (the ones "Hide equal columns" may hide). */
  config?: boolean;
}

export interface Cell {
  text: string;
  title?: string;
  className?: string;
}

export interface Row {
  runId: string;
  optimizer: string;
  label: string;
  removable: boolean;
  /** Every setting of the run, one "Name: value" per line (the row's tooltip). */
  tooltip: string;
  cells: Cell[];
}

const HYPERPARAMETER_KEYS = new Set<string>(HYPERPARAMETERS.map((h) => h.key));
/** Settings shown in the Decay column instead of their own, and the plotting period, which changes no number. */
const FOLDED = new Set<string>(['decayRate', 'decayInterval', 'recordEvery']);
/** The configuration's columns: every parameter with a setting, in the tables' order. */
const CONFIG_SPECS = CONFIG_PARAMETERS.filter((p) => p.setting !== undefined && !FOLDED.has(p.key));

const RESULT_COLUMNS: Column[] = [
  { key: 'method', title: 'Optimization method' },
  { key: 'run', title: 'Run' },
  { key: 'dataset', title: 'Data set' },
  { key: 'status', title: 'Status' },
  { key: 'accuracy', title: 'Accuracy', numeric: true, tip: 'Training-set accuracy, as the notebook prints it' },
  { key: 'finalCost', title: 'Final cost', numeric: true, tip: "Last recorded cost (of the epoch's last mini-batch, as the notebook records it)" },
  { key: 'oscillation', title: 'Oscillation', numeric: true, tip: '1 - |net change| / total variation of the recorded costs: 0 only decreases, near 1 mostly goes up and down' },
  { key: 'time', title: 'Time', numeric: true, tip: 'Wall time of the training loop' },
  { key: 'epochsRun', title: 'Epochs run', numeric: true },
];

export const COLUMNS: Column[] = [
  ...RESULT_COLUMNS,
  ...CONFIG_SPECS.map((p) => ({ key: p.key, title: p.title, numeric: true, tip: p.help, config: true })),
  { key: 'layers', title: 'Layers', tip: 'Layer sizes, input first', config: true },
  { key: 'decay', title: 'Decay', tip: "Learning-rate decay: the course's update_lr or schedule_lr_decay (rate, interval), or a schedule expression", config: true },
];

type Config = Partial<Record<string, unknown>>;

/** "none", "update_lr (rate 1)", "schedule_lr_decay (rate 1, every 1000)" or "lr = <expression>". */
export function decayText(config: Config): string {
  const schedule = config['learningRateSchedule'];
  if (typeof schedule === 'string' && schedule.trim() !== '') return `lr = ${schedule.trim()}`;
  switch (config['decay']) {
    case 'update_lr':
      return `update_lr (rate ${formatSetting(config['decayRate'])})`;
    case 'schedule_lr_decay':
      return `schedule_lr_decay (rate ${formatSetting(config['decayRate'])}, every ${formatSetting(config['decayInterval'])})`;
    case 'none':
    case undefined:
      return 'none';
    default:
      return String(config['decay']);
  }
}

/** "2, 5, 2, 1", or "—" for a run file without layers. */
export function layersText(config: Config): string {
  const dims = config['layersDims'];
  return Array.isArray(dims) && dims.length > 0 ? dims.map(formatSetting).join(', ') : '—';
}

/** Whether the run's optimizer reads hyperparameter `key` (unknown optimizers: show everything). */
function reads(run: RunView, key: string): boolean {
  if (!HYPERPARAMETER_KEYS.has(key) || !isOptimizerId(run.optimizer)) return true;
  return (optimizer(run.optimizer).hyperparameters as readonly string[]).includes(key);
}

/** Every setting of a run, one per line, for the row's tooltip. */
export function configTooltip(run: RunView): string {
  const config = (run.config ?? {}) as Config;
  const lines = [`Optimizer: ${optimizerTitle(run.optimizer)}`, `Data set: ${run.datasetName}`];
  for (const p of CONFIG_PARAMETERS) if (reads(run, p.key)) lines.push(`${p.title}: ${formatSetting(config[p.key])}`);
  lines.push(`Layers: ${layersText(config)}`, `Decay: ${decayText(config)}`);
  return lines.join('\n');
}

function row(run: RunView): Row {
  const config = (run.config ?? {}) as Config;
  const s = run.summary;
  const notes = runNotes(run);
  const status: Cell = { text: runStatusText(run), className: `status-${run.status}` };
  if (notes.length > 0) status.title = notes.join('\n');
  const cells: Cell[] = [
    { text: optimizerTitle(run.optimizer) },
    { text: run.label },
    { text: run.datasetName },
    status,
    { text: s ? formatPercent(s.accuracy) : '—', className: 'accuracy' },
    { text: s ? formatFixed(s.finalCost, 4) : '—' },
    { text: s ? formatFixed(s.oscillation, 2) : '—' },
    { text: s ? `${formatFixed(s.seconds, 2)} s` : '—' },
    { text: s ? formatCount(s.epochsRun) : '—' },
    ...CONFIG_SPECS.map((p) => ({ text: reads(run, p.key) ? formatSetting(config[p.key]) : '—' })),
    { text: layersText(config) },
    { text: decayText(config) },
  ];
  return { runId: run.id, optimizer: run.optimizer, label: run.label, removable: !isActive(run), tooltip: configTooltip(run), cells };
}

/**
 * The table's columns and rows. With `hideEqual` and at least two runs, a configuration column whose
 * every row reads the same is left out (what tells the runs apart stays).
 */
export function comparisonModel(runs: RunView[], options: { hideEqual?: boolean } = {}): { columns: Column[]; rows: Row[] } {
  const rows = runs.map(row);
  const keep = COLUMNS.map((c, j) => !(options.hideEqual && c.config && rows.length >= 2 && rows.every((r) => r.cells[j]!.text === rows[0]!.cells[j]!.text)));
  return {
    columns: COLUMNS.filter((_, j) => keep[j]),
    rows: rows.map((r) => ({ ...r, cells: r.cells.filter((_, j) => keep[j]) })),
  };
}

export function comparisonTable(runs: RunView[], onRemove: (runId: string) => void, options: { hideEqual?: boolean } = {}): HTMLTableElement {
  const { columns, rows } = comparisonModel(runs, options);
  const table = document.createElement('table');
  table.className = 'comparison';
  table.id = 'comparison-table';
  const head = table.createTHead().insertRow();
  for (const c of [...columns, { key: 'remove', title: '' }]) {
    const th = document.createElement('th');
    th.textContent = c.title;
    th.dataset['column'] = c.key;
    if ('numeric' in c && c.numeric) th.className = 'number';
    if ('tip' in c && c.tip) th.title = c.tip;
    head.append(th);
  }
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    tr.dataset['runId'] = r.runId;
    tr.dataset['optimizer'] = r.optimizer;
    tr.title = r.tooltip;
    r.cells.forEach((cell, j) => {
      const td = tr.insertCell();
      td.textContent = cell.text;
      td.dataset['column'] = columns[j]!.key;
      const classes = [columns[j]!.numeric ? 'number' : '', cell.className ?? ''].filter(Boolean);
      if (classes.length > 0) td.className = classes.join(' ');
      if (cell.title) td.title = cell.title;
    });
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = optimizerColor(r.optimizer);
    tr.cells[0]?.prepend(swatch);
    const remove = document.createElement('button');
    remove.className = 'icon';
    remove.textContent = '×';
    remove.title = `Remove ${r.label}`;
    remove.setAttribute('aria-label', `Remove ${r.label}`);
    remove.disabled = !r.removable;
    remove.addEventListener('click', () => onRemove(r.runId));
    tr.insertCell().append(remove);
  }
  return table;
}
