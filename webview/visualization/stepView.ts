// The step view: where the stepping run is (epoch, mini-batch, seed, t, learning rate, cost) and, for
// each parameter, a small heatmap per tensor of its last update (gradient, v, s, corrected moments,
// the step applied) on a diverging colour scale. Each heatmap is a real <table> with the exact value
// of every cell in its text (visually hidden) and its title, so screen readers and tests read it.
import type { StepView } from '../../src/shared/labControls';
import type { StepParameter } from '../../src/core/trainer/stepSnapshot';
import { optimizerTitle } from '../../src/shared/webviewMessages';
import { formatCount, formatSetting, nonFiniteText } from '../shared/format';
import { numbersOf } from '../shared/readRun';

/** The largest finite |value| of a tensor (the scale's end), 0 when there is none. */
export function maxAbs(data: readonly unknown[]): number {
  let m = 0;
  for (const v of data) if (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) > m) m = Math.abs(v);
  return m;
}

/**
 * A diverging colour for `value` on [-scale, scale]: blue for negative, red for positive, the
 * background's grey at 0; NaN and infinities get a colour of their own (yellow, saturated ends).
 */
export function divergingColor(value: unknown, scale: number): string {
  if (typeof value !== 'number' || Number.isNaN(value)) return 'rgb(200, 170, 0)';
  if (value === Infinity) return 'rgb(120, 0, 0)';
  if (value === -Infinity) return 'rgb(0, 0, 120)';
  const t = scale > 0 ? Math.max(-1, Math.min(1, value / scale)) : 0;
  const grey = [128, 128, 128];
  const end = t >= 0 ? [214, 39, 40] : [31, 119, 180];
  const a = Math.abs(t);
  const rgb = grey.map((g, i) => Math.round(g + (end[i]! - g) * a));
  return `rgb(${rgb.join(', ')})`;
}

/** A value exactly (all the digits a double has), "NaN", "∞" or "—". */
export function exactText(value: unknown): string {
  return nonFiniteText(value) ?? String(value);
}

/** The step's whereabouts as label/value pairs; "—" for anything missing. */
export function stepFacts(step: Partial<StepView>): [string, string][] {
  const miniBatch = typeof step.miniBatch === 'number' ? `${formatCount(step.miniBatch + 1)} of ${formatCount(step.miniBatches)}` : '—';
  return [
    ['Optimizer', typeof step.optimizer === 'string' ? optimizerTitle(step.optimizer) : '—'],
    ['Epoch', formatCount(step.epoch)],
    ['Mini-batch', miniBatch],
    ['Seed', formatCount(step.seed)],
    ['t', formatCount(step.t)],
    ['Learning rate', formatSetting(step.learningRate)],
    ['Cost', exactText(step.cost)],
    ['Examples', Array.isArray(step.examples) ? formatCount(step.examples.length) : '—'],
  ];
}

function heatmap(parameter: StepParameter, label: string, data: number[]): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'heatmap';
  table.setAttribute('aria-label', `${label} of ${parameter.name}`);
  table.dataset['tensor'] = label;
  table.dataset['parameter'] = parameter.name;
  const caption = table.createCaption();
  caption.textContent = label;
  const scale = maxAbs(data);
  const rows = Number.isInteger(parameter.rows) && parameter.rows > 0 ? parameter.rows : 1;
  const cols = Number.isInteger(parameter.cols) && parameter.cols > 0 ? parameter.cols : data.length;
  const body = table.createTBody();
  for (let r = 0; r < rows; r++) {
    const tr = body.insertRow();
    for (let c = 0; c < cols; c++) {
      const v = data[r * cols + c];
      const td = tr.insertCell();
      const text = exactText(v);
      td.title = `${label}[${r}][${c}] = ${text}`;
      td.style.background = divergingColor(v, scale);
      const hidden = document.createElement('span');
      hidden.className = 'visually-hidden';
      hidden.textContent = text;
      td.append(hidden);
    }
  }
  return table;
}

/** The step view's section, or an empty one when there is no step. */
export function renderStepView(container: HTMLElement, step: StepView | null): void {
  container.replaceChildren();
  container.hidden = step === null;
  if (!step) return;
  const facts = document.createElement('dl');
  facts.className = 'step-facts';
  for (const [name, value] of stepFacts(step)) {
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = value;
    dd.dataset['fact'] = name;
    facts.append(dt, dd);
  }
  container.append(facts);
  if (step.finished) {
    const done = document.createElement('p');
    done.className = 'note';
    done.textContent = 'Every epoch is done: Train finishes the run.';
    container.append(done);
  }
  for (const parameter of Array.isArray(step.parameters) ? step.parameters : []) {
    if (!parameter || typeof parameter.name !== 'string') continue;
    const group = document.createElement('div');
    group.className = 'step-parameter';
    const title = document.createElement('h3');
    title.textContent = `${parameter.name} (${formatCount(parameter.rows)} × ${formatCount(parameter.cols)})`;
    const maps = document.createElement('div');
    maps.className = 'heatmaps';
    for (const tensor of Array.isArray(parameter.tensors) ? parameter.tensors : []) {
      if (!tensor || typeof tensor.label !== 'string') continue;
      maps.append(heatmap(parameter, tensor.label, numbersOf(tensor.data)));
    }
    group.append(title, maps);
    container.append(group);
  }
}
