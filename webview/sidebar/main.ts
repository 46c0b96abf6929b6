// The side-panel "Runs" view: a compact lab form (optimizer, learning rate, epochs, Train), buttons for
// the train commands and the runs with a small cost curve each. Like the panel, it reads what it is
// sent defensively: a run with NaN costs or missing fields is shown, a malformed one skipped.
import { OPTIMIZERS, trainCommandId } from '../../src/core/optimizers/registry';
import { appendProgress, optimizerTitle, type ExtensionToWebview, type RunView, type WebviewCommand } from '../../src/shared/webviewMessages';
import { coalesceToFrame } from '../shared/frameScheduling';
import { isActive, runLine, runNotes } from '../shared/format';
import { createLabForm } from '../shared/labForm';
import { readProgress, readRun, readRuns } from '../shared/readRun';
import { optimizerColor } from '../shared/theme';
import { connect, vscode } from '../shared/vscodeApi';

document.body.classList.add('sidebar');
const runs = new Map<string, RunView>();
const requestRender = coalesceToFrame(render);

const ACTIONS: { command: WebviewCommand; title: string; wide?: boolean; secondary?: boolean }[] = [
  { command: 'optimizationLab.compareOptimizers', title: 'Compare Optimizers', wide: true },
  ...OPTIMIZERS.map((o) => ({ command: trainCommandId(o.id), title: o.title, secondary: true })),
  { command: 'optimizationLab.stopTraining', title: 'Stop', secondary: true },
  { command: 'optimizationLab.openVisualization', title: 'Open Visualization', wide: true, secondary: true },
  { command: 'optimizationLab.createMoonsDataset', title: 'Create Moons…', secondary: true },
  { command: 'optimizationLab.openRun', title: 'Open Run…', secondary: true },
];

const app = document.getElementById('app')!;
const actions = document.createElement('div');
actions.className = 'actions';
for (const a of ACTIONS) {
  const b = document.createElement('button');
  b.textContent = a.title;
  b.className = [a.wide ? 'wide' : '', a.secondary ? 'secondary' : ''].join(' ').trim();
  b.addEventListener('click', () => vscode.postMessage({ type: 'command', command: a.command }));
  actions.append(b);
}
const list = document.createElement('ul');
list.className = 'runs';
const empty = document.createElement('p');
empty.className = 'empty';
empty.textContent = 'No runs yet.';
const form = createLabForm((m) => vscode.postMessage(m), { compact: true });
app.append(form.element, actions, empty, list);

connect((message: ExtensionToWebview) => {
  try {
    handle(message);
  } catch (error) {
    vscode.postMessage({ type: 'webviewError', message: `could not show a message: ${error instanceof Error ? error.message : String(error)}` });
  }
  requestRender();
});

function handle(message: ExtensionToWebview): void {
  switch (message.type) {
    case 'state':
      runs.clear();
      readRuns(message.runs).forEach((r) => runs.set(r.id, r));
      break;
    case 'runAdded':
    case 'runFinished': {
      const run = readRun(message.run);
      if (run) runs.set(run.id, run);
      break;
    }
    case 'runProgress': {
      const run = runs.get(message.runId);
      if (run) appendProgress(run, readProgress(message));
      break;
    }
    case 'runsRemoved':
      (Array.isArray(message.runIds) ? message.runIds : []).forEach((id) => runs.delete(id));
      break;
    case 'controls':
      form.setControls(message.controls, message.datasetFiles, message.keepEdits === true, message.learnerFiles);
      break;
    case 'labError':
      form.showMessage(typeof message.message === 'string' ? message.message : 'The lab could not do that.');
      break;
    default:
      break;
  }
}

function render(): void {
  const sorted = [...runs.values()].sort((a, b) => b.startedAt - a.startedAt);
  empty.hidden = sorted.length > 0;
  const items: HTMLLIElement[] = [];
  for (const run of sorted) {
    try {
      items.push(runItem(run));
    } catch (error) {
      vscode.postMessage({ type: 'webviewError', message: `could not show ${run.label}: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  list.replaceChildren(...items);
  vscode.postMessage({ type: 'rendered', runs: sorted.length, finished: sorted.filter((r) => !isActive(r)).length, boundaries: 0 });
}


function runItem(run: RunView): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'run';
  const title = document.createElement('div');
  title.className = 'title';
  const name = document.createElement('strong');
  name.textContent = run.label;
  name.style.color = optimizerColor(run.optimizer);
  const buttons = document.createElement('span');
  if (!isActive(run)) {
    const save = iconButton('Save', `Save ${run.label} as JSON`, () => vscode.postMessage({ type: 'command', command: 'optimizationLab.saveRun', runId: run.id }));
    const remove = iconButton('×', `Remove ${run.label}`, () => vscode.postMessage({ type: 'removeRun', runId: run.id }));
    buttons.append(save, remove);
  }
  title.append(name, buttons);
  const meta = document.createElement('div');
  meta.className = 'meta';
  meta.textContent = runLine(run);
  meta.title = [`${optimizerTitle(run.optimizer)} on ${run.datasetName}`, ...runNotes(run)].join('\n');
  if (run.status === 'diverged' || run.status === 'failed') meta.classList.add(`status-${run.status}`);
  li.append(title, meta, sparkline(run));
  return li;
}

function iconButton(text: string, tip: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.className = 'icon';
  b.textContent = text;
  b.title = tip;
  b.addEventListener('click', onClick);
  return b;
}

/** The cost curve as an SVG polyline, scaled to the run's own range. */
function sparkline(run: RunView): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 100 30');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Cost curve of ${run.label}`);
  // A diverged run's NaN and infinite costs are left out; the curve stops where they begin.
  const all = run.costs;
  const indexed = all.map((c, i) => [i, c] as const).filter(([, c]) => Number.isFinite(c));
  if (indexed.length < 2) return svg;
  const costs = indexed.map(([, c]) => c);
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of costs) {
    lo = Math.min(lo, c);
    hi = Math.max(hi, c);
  }
  const last = Math.max(1, all.length - 1);
  const points = indexed.map(([i, c]) => `${((i / last) * 100).toFixed(2)},${(28 - ((c - lo) / (hi - lo || 1)) * 26).toFixed(2)}`);
  const line = document.createElementNS(ns, 'polyline');
  line.setAttribute('points', points.join(' '));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', optimizerColor(run.optimizer));
  line.setAttribute('stroke-width', '1.2');
  line.setAttribute('vector-effect', 'non-scaling-stroke');
  svg.append(line);
  return svg;
}
