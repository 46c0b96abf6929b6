// The notebook's section 5.4 table, generated from the runs: a real <table> (readable by screen
// readers and by the end-to-end tests), one row per run.
import { optimizerTitle, type RunView } from '../../src/shared/webviewMessages';
import { formatAccuracy } from '../../src/shared/runMetrics';
import { optimizerColor } from '../shared/theme';

const COLUMNS: { title: string; numeric?: boolean; tip?: string }[] = [
  { title: 'Optimization method' },
  { title: 'Run' },
  { title: 'Data set' },
  { title: 'Accuracy', numeric: true, tip: 'Training-set accuracy, as the notebook prints it' },
  { title: 'Final cost', numeric: true, tip: 'Last recorded cost (of the epoch\'s last mini-batch, as the notebook records it)' },
  { title: 'Oscillation', numeric: true, tip: '1 - |net change| / total variation of the recorded costs: 0 only decreases, near 1 mostly goes up and down' },
  { title: 'Time', numeric: true, tip: 'Wall time of the training loop' },
  { title: 'Epochs', numeric: true },
  { title: '' },
];

export function comparisonTable(runs: RunView[], onRemove: (runId: string) => void): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'comparison';
  table.id = 'comparison-table';
  const head = table.createTHead().insertRow();
  for (const c of COLUMNS) {
    const th = document.createElement('th');
    th.textContent = c.title;
    if (c.numeric) th.className = 'number';
    if (c.tip) th.title = c.tip;
    head.append(th);
  }
  const body = table.createTBody();
  for (const run of runs) {
    const row = body.insertRow();
    row.dataset['runId'] = run.id;
    row.dataset['optimizer'] = run.optimizer;
    const s = run.summary;
    const cell = (text: string, numeric = false): HTMLTableCellElement => {
      const td = row.insertCell();
      td.textContent = text;
      if (numeric) td.className = 'number';
      return td;
    };
    const method = cell(optimizerTitle(run.optimizer));
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = optimizerColor(run.optimizer);
    method.prepend(swatch);
    cell(run.label);
    cell(run.datasetName);
    if (s) {
      cell(formatAccuracy(s.accuracy), true).classList.add('accuracy');
      cell(s.finalCost.toFixed(4), true);
      cell(s.oscillation.toFixed(2), true);
      cell(`${s.seconds.toFixed(2)} s`, true);
      cell(`${s.epochsRun.toLocaleString('en-US')}${run.status === 'stopped' ? ' (stopped)' : ''}`, true);
    } else {
      const status = cell(run.status === 'running' ? 'training…' : run.error ?? run.status);
      status.colSpan = 5;
      status.className = `status-${run.status}`;
    }
    const remove = document.createElement('button');
    remove.className = 'icon';
    remove.textContent = '×';
    remove.title = `Remove ${run.label}`;
    remove.disabled = run.status === 'running';
    remove.addEventListener('click', () => onRemove(run.id));
    row.insertCell().append(remove);
  }
  return table;
}
