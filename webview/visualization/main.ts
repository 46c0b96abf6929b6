// The visualization panel: the lab's controls, the step view, cost curves of every run (streamed
// live), a decision boundary per run (recomputed here from parameter snapshots with the core's
// forward pass), and the notebook's section 5.4 comparison table with every run's configuration.
// Receives typed messages only after posting `ready`; everything it is sent is read defensively
// (readRun), and a message that still fails to render is reported, never allowed to stop the panel.
import type { StepView } from '../../src/shared/labControls';
import { appendProgress, optimizerTitle, type DatasetPoints, type ExtensionToWebview, type RunView, type WebviewToExtension } from '../../src/shared/webviewMessages';
import { coalesceToFrame } from '../shared/frameScheduling';
import { isActive, runCaption, runNotes } from '../shared/format';
import { createLabForm } from '../shared/labForm';
import { finiteParameters, readDatasetPoints, readProgress, readRun, readRuns } from '../shared/readRun';
import { connect, vscode } from '../shared/vscodeApi';
import { classColors, optimizerColor, themeColor } from '../shared/theme';
import { boundaryGrid, boundaryProbabilities, type BoundaryGrid } from './boundaryGrid';
import { chartDatasets, chartSeries } from './chartData';
import { drawBoundary } from './drawBoundary';
import { comparisonTable } from './comparisonTable';
import { exportPlots } from './exportPlots';
import { renderStepView } from './stepView';

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
const DASHES: number[][] = [[], [6, 3], [2, 2], [10, 4]];

const runs = new Map<string, RunView>();
const datasets = new Map<string, DatasetPoints>();
const grids = new Map<string, BoundaryGrid>();
const dirtyBoundaries = new Set<string>();
let chart: LineChart | undefined;
let chartLog = false;
let structureDirty = true;
let step: StepView | null = null;
/** Export after the next paint: a panel that has just opened has drawn nothing yet. */
let exportRequested = false;
/** The last live request (a scrub): when and with which values, to time its repaint. */
let liveRequest: { at: number; numbers: Record<string, number>; added?: number; finished?: number } | undefined;
const requestRender = coalesceToFrame(render);

const app = document.getElementById('app')!;
app.innerHTML = `
  <header class="toolbar">
    <h1>Optimization Lab</h1>
    <button id="export" class="secondary" title="Save the cost curves, boundaries and table as one PNG">Export PNG</button>
    <button id="clear" class="secondary" title="Remove every run">Clear Runs</button>
  </header>
  <section id="lab-section" aria-labelledby="lab-heading">
    <h2 id="lab-heading">Controls</h2>
  </section>
  <section id="step-section" aria-labelledby="step-heading" hidden>
    <h2 id="step-heading">Step</h2>
    <div id="step"></div>
  </section>
  <p id="empty" class="empty">No runs yet: set the controls above and press <b>Train</b>, <b>Compare</b> or <b>Step</b>, or run <b>Train with Adam</b> from the command palette.</p>
  <section id="cost-section">
    <h2>Cost</h2>
    <div class="chart-options">
      <label for="chart-dataset">Chart data set</label>
      <select id="chart-dataset"></select>
      <label class="check" for="chart-log"><input type="checkbox" id="chart-log"> Log scale</label>
    </div>
    <div class="chart-box"><canvas id="cost-chart" role="img" aria-label="Cost per epoch of each run"></canvas></div>
  </section>
  <section id="boundary-section">
    <h2>Decision boundaries</h2>
    <div id="boundaries" class="boundaries"></div>
  </section>
  <section id="comparison-section">
    <h2>Comparison</h2>
    <label class="check" for="hide-equal"><input type="checkbox" id="hide-equal"> Hide equal columns</label>
    <div id="comparison" class="table-box"></div>
  </section>`;

/** When the first change since the last live request happened: the scrub's latency counts from there. */
let firstChangeAt: number | undefined;

function post(message: WebviewToExtension): void {
  if (message.type === 'lab' && message.live) {
    liveRequest = { at: firstChangeAt ?? performance.now(), numbers: { ...message.controls.numbers } };
    firstChangeAt = undefined;
  }
  vscode.postMessage(message);
}

const form = createLabForm(post, { onLiveChange: () => (firstChangeAt ??= performance.now()) });
document.getElementById('lab-section')!.append(form.element);
const chartDatasetSelect = document.getElementById('chart-dataset') as HTMLSelectElement;
const chartLogBox = document.getElementById('chart-log') as HTMLInputElement;
const hideEqualBox = document.getElementById('hide-equal') as HTMLInputElement;
chartDatasetSelect.addEventListener('change', () => requestRender());
chartLogBox.addEventListener('change', () => requestRender());
hideEqualBox.addEventListener('change', () => {
  structureDirty = true;
  requestRender();
});

const button = (id: string, onClick: () => void): void => document.getElementById(id)!.addEventListener('click', onClick);
button('clear', () => vscode.postMessage({ type: 'command', command: 'optimizationLab.clearRuns' }));
button('export', () => doExport());

function reportError(where: string, error: unknown): void {
  vscode.postMessage({ type: 'webviewError', message: `${where}: ${error instanceof Error ? error.message : String(error)}` });
}

connect((message: ExtensionToWebview) => {
  try {
    handle(message);
  } catch (error) {
    reportError(`could not show a '${String((message as { type?: unknown })?.type)}' message`, error);
  }
  requestRender();
});

/** Whether `run` is the live run the last scrub asked for (same learning rate, batch size and epochs). */
function isRequestedLiveRun(run: RunView): boolean {
  const request = liveRequest;
  return request !== undefined && run.live === true && LIVE_KEYS.every((k) => (run.config as unknown as Record<string, number>)[k] === request.numbers[k]);
}
const LIVE_KEYS = ['learningRate', 'miniBatchSize', 'numEpochs'];

function addRun(raw: unknown): void {
  const run = readRun(raw);
  if (!run) return;
  // When the scrub's run arrived and when it finished, to tell the extension's share of the latency from the repaint's.
  if (liveRequest && isRequestedLiveRun(run)) {
    if (isActive(run)) liveRequest.added ??= performance.now();
    else liveRequest.finished ??= performance.now();
  }
  runs.set(run.id, run);
  dirtyBoundaries.add(run.id);
  structureDirty = true;
}

function handle(message: ExtensionToWebview): void {
  switch (message.type) {
    case 'state':
      runs.clear();
      datasets.clear();
      for (const raw of Array.isArray(message.datasets) ? message.datasets : []) {
        const d = readDatasetPoints(raw);
        if (d) datasets.set(d.id, d);
      }
      readRuns(message.runs).forEach((r) => runs.set(r.id, r));
      runs.forEach((r) => dirtyBoundaries.add(r.id));
      structureDirty = true;
      break;
    case 'runAdded': {
      const d = message.dataset && readDatasetPoints(message.dataset);
      if (d) datasets.set(d.id, d);
      addRun(message.run);
      break;
    }
    case 'runProgress': {
      const run = runs.get(message.runId);
      if (!run) return;
      const progress = readProgress(message);
      appendProgress(run, progress);
      if (progress.parameters) dirtyBoundaries.add(run.id);
      break;
    }
    case 'runFinished':
      addRun(message.run);
      break;
    case 'runsRemoved':
      (Array.isArray(message.runIds) ? message.runIds : []).forEach((id) => runs.delete(id));
      structureDirty = true;
      break;
    case 'exportPlots':
      exportRequested = true;
      break;
    case 'controls':
      form.setControls(message.controls, message.datasetFiles, message.keepEdits === true, message.learnerFiles);
      break;
    case 'step': {
      const previous = step?.runId;
      step = message.step && typeof message.step === 'object' ? message.step : null;
      if (previous) dirtyBoundaries.add(previous);
      if (step) dirtyBoundaries.add(step.runId);
      renderStep();
      break;
    }
    case 'labError':
      form.showMessage(typeof message.message === 'string' ? message.message : 'The lab could not do that.');
      break;
  }
}

function renderStep(): void {
  const section = document.getElementById('step-section')!;
  section.hidden = step === null;
  try {
    renderStepView(document.getElementById('step')!, step);
  } catch (error) {
    reportError('could not show the step', error);
  }
}

function render(): void {
  const list = [...runs.values()].sort((a, b) => a.startedAt - b.startedAt);
  document.getElementById('empty')!.hidden = list.length > 0;
  for (const id of ['cost-section', 'boundary-section', 'comparison-section']) document.getElementById(id)!.hidden = list.length === 0;
  const parts: [string, () => void][] = [
    ['the cost chart', () => renderChart(list)],
    [
      'the boundaries and the table',
      () => {
        if (!structureDirty) return;
        structureDirty = false;
        renderChartDatasets(list);
        renderBoundaryCards(list);
        document
          .getElementById('comparison')!
          .replaceChildren(comparisonTable(list, (id) => vscode.postMessage({ type: 'removeRun', runId: id }), { hideEqual: hideEqualBox.checked }));
      },
    ],
    [
      'a decision boundary',
      () => {
        for (const id of dirtyBoundaries) paintBoundary(id);
        dirtyBoundaries.clear();
      },
    ],
  ];
  for (const [what, draw] of parts) {
    try {
      draw();
    } catch (error) {
      reportError(`could not draw ${what}`, error);
    }
  }
  timeLiveRun(list);
  vscode.postMessage({
    type: 'rendered',
    runs: list.length,
    finished: list.filter((r) => !isActive(r)).length,
    boundaries: document.querySelectorAll('.boundary canvas[data-painted]').length,
  });
  if (exportRequested) {
    exportRequested = false;
    doExport();
  }
}

/**
 * When the run of the last live request has finished and been drawn, the time from the control's change
 * to this repaint goes on the form (`data-live-latency-ms`): what the e2e suite reports as scrubbing latency.
 */
function timeLiveRun(list: RunView[]): void {
  if (!liveRequest) return;
  const request = liveRequest;
  const done = list.find(
    (r) => isRequestedLiveRun(r) && !isActive(r) && document.querySelector(`[data-run-id="${CSS.escape(r.id)}"] canvas[data-painted]`) !== null,
  );
  if (!done) return;
  liveRequest = undefined;
  const since = (t: number | undefined): string => (t === undefined ? '' : (t - request.at).toFixed(1));
  Object.assign(form.element.dataset, {
    liveLatencyMs: since(performance.now()),
    liveAddedMs: since(request.added),
    liveFinishedMs: since(request.finished),
    liveRun: done.id,
  });
}

function renderChartDatasets(list: RunView[]): void {
  const choices = chartDatasets(list);
  const current = chartDatasetSelect.value;
  const options = [new Option('All data sets', ''), ...choices.map((c) => new Option(c.name, c.id))];
  chartDatasetSelect.replaceChildren(...options);
  chartDatasetSelect.value = choices.some((c) => c.id === current) ? current : '';
  chartDatasetSelect.disabled = choices.length < 2;
}

function renderChart(list: RunView[]): void {
  const foreground = themeColor('foreground', '#cccccc');
  const gridColor = themeColor('charts-lines', 'rgba(128,128,128,0.25)');
  const logScale = chartLogBox.checked;
  const data: LineDataset[] = chartSeries(list, { datasetId: chartDatasetSelect.value, logScale }).map((s) => ({
    label: s.label,
    data: s.points,
    borderColor: optimizerColor(s.optimizer),
    backgroundColor: optimizerColor(s.optimizer),
    // Momentum's curve lies almost on gradient descent's in the notebook's setting: dashes keep both visible.
    borderDash: DASHES[s.dash]!,
    borderWidth: s.newest ? 3 : 1.4,
    pointRadius: 0,
    tension: 0,
  }));
  const yAxis = (): object => ({
    type: logScale ? 'logarithmic' : 'linear',
    title: { display: true, text: logScale ? 'cost (log scale)' : 'cost', color: foreground },
    ticks: { color: foreground },
    grid: { color: gridColor },
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
          y: yAxis(),
        },
        plugins: { legend: { labels: { color: foreground } } },
      },
    });
    chartLog = logScale;
  } else {
    chart.data.datasets = data;
    if (chartLog !== logScale) {
      chart.options.scales = { ...chart.options.scales, y: yAxis() };
      chartLog = logScale;
    }
    chart.update('none');
  }
}

function renderBoundaryCards(list: RunView[]): void {
  const container = document.getElementById('boundaries')!;
  const shown = list.slice(-MAX_BOUNDARIES);
  const keep = new Set(shown.map((r) => r.id));
  for (const card of Array.from(container.children) as HTMLElement[]) if (!keep.has(card.dataset['runId'] ?? '')) card.remove();
  for (const run of shown) {
    let card = container.querySelector<HTMLElement>(`[data-run-id="${CSS.escape(run.id)}"]`);
    if (!card) {
      card = boundaryCard(run);
      container.append(card);
      dirtyBoundaries.add(run.id);
    }
    // Only the caption and the notes change afterwards: the canvas keeps its picture between repaints.
    card.querySelector('header .caption')!.textContent = runCaption(run);
    const notes = card.querySelector<HTMLElement>('.notes')!;
    notes.textContent = runNotes(run).join(' ');
    notes.hidden = notes.textContent === '';
    card.classList.toggle('diverged', run.status === 'diverged');
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
    canvas.setAttribute('aria-label', `Decision boundary of ${run.label} on ${run.datasetName}, axes x1 and x2`);
    card.append(canvas);
  } else {
    const note = document.createElement('p');
    note.className = 'note';
    note.textContent = points
      ? `The boundary is drawn for data sets with 2 features; ${points.name} has ${points.features}.`
      : 'The data points of this run are not available.';
    card.append(note);
  }
  const notes = document.createElement('p');
  notes.className = 'notes';
  notes.hidden = true;
  const foot = document.createElement('figcaption');
  foot.className = 'caption';
  foot.textContent = `${optimizerTitle(run.optimizer)} on ${run.datasetName}`;
  card.append(notes, foot);
  return card;
}

/** Repaints one run's boundary; true when a model output was drawn. */
function paintBoundary(runId: string): boolean {
  const run = runs.get(runId);
  const canvas = document.querySelector<HTMLCanvasElement>(`[data-run-id="${CSS.escape(runId)}"] canvas`);
  const points = run && datasets.get(run.datasetId);
  if (!run || !canvas || !points) return false;
  let grid = grids.get(points.id);
  if (!grid) {
    grid = boundaryGrid(points, GRID_SIZE);
    grids.set(points.id, grid);
  }
  const background = themeColor('editor-background', '#1e1e1e');
  if (!run.parameters || !finiteParameters(run.parameters)) {
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    if (run.parameters) {
      // A diverged model: its weights are NaN, there is no boundary to draw.
      ctx.fillStyle = themeColor('descriptionForeground', '#999999');
      ctx.font = `${Math.round(canvas.width / 18)}px ${themeColor('font-family', 'sans-serif')}`;
      ctx.textAlign = 'center';
      ctx.fillText('no boundary: weights not finite', canvas.width / 2, canvas.height / 2);
    }
    delete canvas.dataset['painted'];
    return false;
  }
  const [class0, class1] = classColors();
  // The step's examples index the whole data set; the plot thins sets past 3000 points, where they cannot be found.
  const highlighted = step && step.runId === runId && Array.isArray(step.examples) && points.x1.length === points.examples ? step.examples : [];
  drawBoundary(
    canvas,
    grid,
    boundaryProbabilities(grid, run.parameters),
    points,
    {
      background,
      class0,
      class1,
      contour: themeColor('foreground', '#cccccc'),
      pointStroke: background,
      axis: themeColor('descriptionForeground', '#999999'),
      highlight: themeColor('charts-yellow', '#cca700'),
    },
    { highlight: highlighted, font: themeColor('font-family', 'sans-serif') },
  );
  canvas.dataset['painted'] = String(run.epochs[run.epochs.length - 1] ?? 0);
  if (step && step.runId === runId) canvas.dataset['highlighted'] = String(highlighted.length);
  else delete canvas.dataset['highlighted'];
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
