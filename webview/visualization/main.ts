// The visualization panel: cost curves of every run (streamed live), a decision boundary per run
// (recomputed here from parameter snapshots with the core's forward pass), and the notebook's
// section 5.4 comparison table. Receives typed messages only after posting `ready`.
import { appendProgress, optimizerTitle, type DatasetPoints, type ExtensionToWebview, type RunView } from '../../src/shared/webviewMessages';
import { formatAccuracy } from '../../src/shared/runMetrics';
import { coalesceToFrame } from '../shared/coalesceToFrame';
import { connect, vscode } from '../shared/vscodeApi';
import { classColors, optimizerColor, themeColor } from '../shared/theme';
import { boundaryGrid, boundaryProbabilities, type BoundaryGrid } from './boundaryGrid';
import { drawBoundary } from './drawBoundary';
import { comparisonTable } from './comparisonTable';
import { exportPlots } from './exportPlots';

import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Title,
  Tooltip,
  type ChartDataset,
} from 'chart.js';

type LineDataset = ChartDataset<'line', { x: number; y: number }[]>;
type LineChart = Chart<'line', { x: number; y: number }[]>;

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip, Title);

/** Cells per side of the boundary heatmap: 110² forward passes take a few ms (measured in bench). */
const GRID_SIZE = 110;
/** Boundary pictures shown (the most recent runs). */
const MAX_BOUNDARIES = 6;

const runs = new Map<string, RunView>();
const datasets = new Map<string, DatasetPoints>();
const grids = new Map<string, BoundaryGrid>();
const dirtyBoundaries = new Set<string>();
let chart: LineChart | undefined;
let structureDirty = true;
/** Export after the next paint: a panel that has just opened has drawn nothing yet. */
let exportRequested = false;
const requestRender = coalesceToFrame(render);

const app = document.getElementById('app')!;
app.innerHTML = `
  <header class="toolbar">
    <h1>Optimization Lab</h1>
    <button id="compare" class="secondary" title="Train gradient descent, momentum and Adam on the same data">Compare Optimizers</button>
    <button id="stop" class="secondary">Stop</button>
    <button id="export" class="secondary" title="Save the cost curves, boundaries and table as one PNG">Export PNG</button>
    <button id="clear" class="secondary">Clear Runs</button>
  </header>
  <p id="empty" class="empty">No runs yet: run <b>Train with Adam</b> or <b>Compare Optimizers</b> from the command palette, or click Compare Optimizers above.</p>
  <section id="cost-section">
    <h2>Cost</h2>
    <div class="chart-box"><canvas id="cost-chart" role="img" aria-label="Cost per epoch of each run"></canvas></div>
  </section>
  <section id="boundary-section">
    <h2>Decision boundaries</h2>
    <div id="boundaries" class="boundaries"></div>
  </section>
  <section id="comparison-section">
    <h2>Comparison</h2>
    <div id="comparison"></div>
  </section>`;

const button = (id: string, onClick: () => void): void => document.getElementById(id)!.addEventListener('click', onClick);
button('compare', () => vscode.postMessage({ type: 'command', command: 'optimizationLab.compareOptimizers' }));
button('stop', () => vscode.postMessage({ type: 'command', command: 'optimizationLab.stopTraining' }));
button('clear', () => vscode.postMessage({ type: 'command', command: 'optimizationLab.clearRuns' }));
button('export', () => doExport());

connect((message: ExtensionToWebview) => {
  switch (message.type) {
    case 'state':
      runs.clear();
      datasets.clear();
      message.datasets.forEach((d) => datasets.set(d.id, d));
      message.runs.forEach((r) => runs.set(r.id, r));
      runs.forEach((r) => dirtyBoundaries.add(r.id));
      structureDirty = true;
      break;
    case 'runAdded':
      if (message.dataset) datasets.set(message.dataset.id, message.dataset);
      runs.set(message.run.id, message.run);
      dirtyBoundaries.add(message.run.id);
      structureDirty = true;
      break;
    case 'runProgress': {
      const run = runs.get(message.runId);
      if (!run) return;
      appendProgress(run, message);
      if (message.parameters) dirtyBoundaries.add(run.id);
      break;
    }
    case 'runFinished':
      runs.set(message.run.id, message.run);
      dirtyBoundaries.add(message.run.id);
      structureDirty = true;
      break;
    case 'runsRemoved':
      message.runIds.forEach((id) => runs.delete(id));
      structureDirty = true;
      break;
    case 'exportPlots':
      exportRequested = true;
      break;
  }
  requestRender();
});

function render(): void {
  const list = [...runs.values()].sort((a, b) => a.startedAt - b.startedAt);
  document.getElementById('empty')!.hidden = list.length > 0;
  for (const id of ['cost-section', 'boundary-section', 'comparison-section']) document.getElementById(id)!.hidden = list.length === 0;
  renderChart(list);
  if (structureDirty) {
    renderBoundaryCards(list);
    document.getElementById('comparison')!.replaceChildren(comparisonTable(list, (id) => vscode.postMessage({ type: 'removeRun', runId: id })));
    structureDirty = false;
  }
  for (const id of dirtyBoundaries) paintBoundary(id);
  dirtyBoundaries.clear();
  vscode.postMessage({
    type: 'rendered',
    runs: list.length,
    finished: list.filter((r) => r.status !== 'running').length,
    boundaries: document.querySelectorAll('.boundary canvas[data-painted]').length,
  });
  if (exportRequested) {
    exportRequested = false;
    doExport();
  }
}

function renderChart(list: RunView[]): void {
  const foreground = themeColor('foreground', '#cccccc');
  const gridColor = themeColor('charts-lines', 'rgba(128,128,128,0.25)');
  const seen = new Map<string, number>();
  const data: LineDataset[] = list.map((run) => {
    const n = seen.get(run.optimizer) ?? 0;
    seen.set(run.optimizer, n + 1);
    return {
      label: run.label,
      data: run.epochs.map((x, i) => ({ x, y: run.costs[i]! })),
      borderColor: optimizerColor(run.optimizer),
      backgroundColor: optimizerColor(run.optimizer),
      // Momentum's curve lies almost on gradient descent's in the notebook's setting: dashes keep both visible.
      borderDash: [[], [6, 3], [2, 2], [10, 4]][(n + (run.optimizer === 'momentum' ? 1 : 0)) % 4]!,
      borderWidth: 1.6,
      pointRadius: 0,
      tension: 0,
    };
  });
  if (!chart) {
    const canvas = document.getElementById('cost-chart') as HTMLCanvasElement;
    chart = new Chart<'line', { x: number; y: number }[]>(canvas, {
      type: 'line',
      data: { datasets: data },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', intersect: false },
        scales: {
          x: { type: 'linear', title: { display: true, text: 'epoch', color: foreground }, ticks: { color: foreground }, grid: { color: gridColor } },
          y: { type: 'linear', title: { display: true, text: 'cost', color: foreground }, ticks: { color: foreground }, grid: { color: gridColor } },
        },
        plugins: { legend: { labels: { color: foreground } } },
      },
    });
  } else {
    chart.data.datasets = data;
    chart.update('none');
  }
}

function renderBoundaryCards(list: RunView[]): void {
  const container = document.getElementById('boundaries')!;
  const shown = list.slice(-MAX_BOUNDARIES);
  const keep = new Set(shown.map((r) => r.id));
  for (const card of Array.from(container.children) as HTMLElement[]) if (!keep.has(card.dataset['runId'] ?? '')) card.remove();
  for (const run of shown) {
    let card = container.querySelector<HTMLElement>(`[data-run-id="${run.id}"]`);
    if (!card) {
      card = boundaryCard(run);
      container.append(card);
      dirtyBoundaries.add(run.id);
    }
    // Only the caption changes afterwards: the canvas keeps its picture between repaints.
    card.querySelector('header .caption')!.textContent = run.summary
      ? formatAccuracy(run.summary.accuracy)
      : run.status === 'running'
        ? 'training…'
        : run.status;
  }
}

function boundaryCard(run: RunView): HTMLElement {
  const card = document.createElement('figure');
  card.className = 'boundary';
  card.dataset['runId'] = run.id;
  const header = document.createElement('header');
  const title = document.createElement('strong');
  title.textContent = run.label;
  title.style.color = optimizerColor(run.optimizer);
  const caption = document.createElement('span');
  caption.className = 'caption';
  header.append(title, caption);
  card.append(header);
  const points = datasets.get(run.datasetId);
  if (points && points.features === 2 && points.x1.length > 0) {
    const canvas = document.createElement('canvas');
    canvas.width = 220 * Math.min(2, window.devicePixelRatio || 1);
    canvas.height = canvas.width;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `Decision boundary of ${run.label} on ${run.datasetName}`);
    card.append(canvas);
  } else {
    const note = document.createElement('p');
    note.className = 'note';
    note.textContent = points
      ? `The boundary is drawn for data sets with 2 features; ${points.name} has ${points.features}.`
      : 'The data points of this run are not available.';
    card.append(note);
  }
  const foot = document.createElement('figcaption');
  foot.className = 'caption';
  foot.textContent = `${optimizerTitle(run.optimizer)} on ${run.datasetName}`;
  card.append(foot);
  return card;
}

/** Repaints one run's boundary; true when a model output was drawn. */
function paintBoundary(runId: string): boolean {
  const run = runs.get(runId);
  const canvas = document.querySelector<HTMLCanvasElement>(`[data-run-id="${runId}"] canvas`);
  const points = run && datasets.get(run.datasetId);
  if (!run || !canvas || !points) return false;
  let grid = grids.get(points.id);
  if (!grid) {
    grid = boundaryGrid(points, GRID_SIZE);
    grids.set(points.id, grid);
  }
  const background = themeColor('editor-background', '#1e1e1e');
  if (!run.parameters) {
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    return false;
  }
  const [class0, class1] = classColors();
  drawBoundary(canvas, grid, boundaryProbabilities(grid, run.parameters), points, {
    background,
    class0,
    class1,
    contour: themeColor('foreground', '#cccccc'),
    pointStroke: background,
  });
  canvas.dataset['painted'] = String(run.epochs[run.epochs.length - 1] ?? 0);
  return true;
}

function doExport(): void {
  if (runs.size === 0) return;
  const dataUrl = exportPlots(
    document.getElementById('cost-chart') as HTMLCanvasElement,
    Array.from(document.querySelectorAll<HTMLElement>('.boundary')),
    document.querySelector('table.comparison'),
  );
  vscode.postMessage({ type: 'exportPng', fileName: 'optimization-lab-plots.png', dataUrl });
}
