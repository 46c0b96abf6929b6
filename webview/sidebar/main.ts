// The side-panel "Runs" view: buttons for the train commands and the runs with a small cost curve each.
import { OPTIMIZERS, trainCommandId } from '../../src/core/optimizers/registry';
import { appendProgress, optimizerTitle, type ExtensionToWebview, type RunView, type WebviewCommand } from '../../src/shared/webviewMessages';
import { formatAccuracy } from '../../src/shared/runMetrics';
import { coalesceToFrame } from '../shared/coalesceToFrame';
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
app.append(actions, empty, list);

connect((message: ExtensionToWebview) => {
  switch (message.type) {
    case 'state':
      runs.clear();
      message.runs.forEach((r) => runs.set(r.id, r));
      break;
    case 'runAdded':
    case 'runFinished':
      runs.set(message.run.id, message.run);
      break;
    case 'runProgress': {
      const run = runs.get(message.runId);
      if (!run) return;
      appendProgress(run, message);
      break;
    }
    case 'runsRemoved':
      message.runIds.forEach((id) => runs.delete(id));
      break;
    case 'exportPlots':
      return;
  }
  requestRender();
});

function render(): void {
  const sorted = [...runs.values()].sort((a, b) => b.startedAt - a.startedAt);
  empty.hidden = sorted.length > 0;
  list.replaceChildren(...sorted.map(runItem));
  vscode.postMessage({ type: 'rendered', runs: sorted.length, finished: sorted.filter((r) => r.status !== 'running').length, boundaries: 0 });
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
  if (run.status !== 'running') {
    const save = iconButton('Save', `Save ${run.label} as JSON`, () => vscode.postMessage({ type: 'command', command: 'optimizationLab.saveRun', runId: run.id }));
    const remove = iconButton('×', `Remove ${run.label}`, () => vscode.postMessage({ type: 'removeRun', runId: run.id }));
    buttons.append(save, remove);
  }
  title.append(name, buttons);
  const meta = document.createElement('div');
  meta.className = 'meta';
  const s = run.summary;
  meta.textContent = s
    ? `${formatAccuracy(s.accuracy)}, cost ${s.finalCost.toFixed(4)}, ${s.seconds.toFixed(2)} s${run.status === 'stopped' ? ', stopped' : ''}`
    : run.status === 'running'
      ? `training… epoch ${run.epochs[run.epochs.length - 1] ?? 0}`
      : run.error ?? run.status;
  meta.title = `${optimizerTitle(run.optimizer)} on ${run.datasetName}`;
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
  const costs = run.costs;
  if (costs.length < 2) return svg;
  const lo = Math.min(...costs);
  const hi = Math.max(...costs);
  const points = costs.map((c, i) => `${((i / (costs.length - 1)) * 100).toFixed(2)},${(28 - ((c - lo) / (hi - lo || 1)) * 26).toFixed(2)}`);
  const line = document.createElementNS(ns, 'polyline');
  line.setAttribute('points', points.join(' '));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', optimizerColor(run.optimizer));
  line.setAttribute('stroke-width', '1.2');
  line.setAttribute('vector-effect', 'non-scaling-stroke');
  svg.append(line);
  return svg;
}
