// Paints a decision boundary: each cell shaded towards the colour of the predicted class (stronger
// the surer the model), the 0.5 contour, the data points on top, coloured by label, the examples of
// the last stepped mini-batch ringed, and x1/x2 axes with round ticks.
import type { DatasetPoints } from '../../src/shared/webviewMessages';
import { parseColor } from '../shared/theme';
import { niceTicks, type BoundaryGrid } from './boundaryGrid';

export interface BoundaryColors {
  background: string;
  class0: string;
  class1: string;
  contour: string;
  pointStroke: string;
  /** Axis lines and tick labels. */
  axis: string;
  /** Ring around a highlighted example. */
  highlight: string;
}

export interface BoundaryOptions {
  /** Indices of examples to ring (the stepped mini-batch). */
  highlight?: readonly number[];
  /** CSS font family of the tick labels. */
  font?: string;
}

const cellCanvas = document.createElement('canvas');

/** Pixels kept for the axes, in canvas pixels per CSS pixel `scale`. */
export function axisMargins(scale: number): { left: number; bottom: number; top: number; right: number } {
  return { left: Math.round(26 * scale), bottom: Math.round(20 * scale), top: Math.round(4 * scale), right: Math.round(6 * scale) };
}

export function drawBoundary(
  canvas: HTMLCanvasElement,
  grid: BoundaryGrid,
  probabilities: Float64Array,
  points: DatasetPoints,
  colors: BoundaryColors,
  options: BoundaryOptions = {},
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { size } = grid;
  const bg = parseColor(colors.background);
  const c0 = parseColor(colors.class0);
  const c1 = parseColor(colors.class1);
  const line = parseColor(colors.contour);
  cellCanvas.width = size;
  cellCanvas.height = size;
  const cellCtx = cellCanvas.getContext('2d')!;
  const image = cellCtx.createImageData(size, size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const k = r * size + c;
      const p = probabilities[k]!;
      const side = p > 0.5;
      const right = c + 1 < size && probabilities[k + 1]! > 0.5 !== side;
      const below = r + 1 < size && probabilities[k + size]! > 0.5 !== side;
      const target = side ? c1 : c0;
      // A NaN output (a diverged model) is drawn as background, not as a class.
      const strength = Number.isFinite(p) ? 0.25 + 0.4 * Math.abs(2 * p - 1) : 0;
      const rgb = right || below ? line : target.map((t, i) => bg[i]! + (t - bg[i]!) * strength);
      image.data.set([rgb[0]!, rgb[1]!, rgb[2]!, 255], k * 4);
    }
  }
  cellCtx.putImageData(image, 0, 0);

  const scale = canvas.width / 220;
  const m = axisMargins(scale);
  const w = canvas.width - m.left - m.right;
  const h = canvas.height - m.top - m.bottom;
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(cellCanvas, m.left, m.top, w, h);
  const sx = (x: number): number => m.left + ((x - grid.xMin) / (grid.xMax - grid.xMin)) * w;
  const sy = (y: number): number => m.top + ((grid.yMax - y) / (grid.yMax - grid.yMin)) * h;
  const radius = Math.max(2, w / 110);
  ctx.lineWidth = Math.max(1, w / 400);
  ctx.strokeStyle = colors.pointStroke;
  for (let i = 0; i < points.labels.length; i++) {
    const x = points.x1[i]!;
    const y = points.x2[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    ctx.beginPath();
    ctx.arc(sx(x), sy(y), radius, 0, 2 * Math.PI);
    ctx.fillStyle = points.labels[i] === 1 ? colors.class1 : colors.class0;
    ctx.fill();
    ctx.stroke();
  }
  if (options.highlight && options.highlight.length > 0) {
    ctx.strokeStyle = colors.highlight;
    ctx.lineWidth = Math.max(1.5, w / 150);
    for (const i of options.highlight) {
      const x = points.x1[i];
      const y = points.x2[i];
      if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) continue;
      ctx.beginPath();
      ctx.arc(sx(x), sy(y), radius * 2, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }

  // Axes: x1 along the bottom, x2 along the left, ticks at round values.
  ctx.strokeStyle = colors.axis;
  ctx.fillStyle = colors.axis;
  ctx.lineWidth = Math.max(1, scale);
  ctx.font = `${Math.round(9 * scale)}px ${options.font ?? 'sans-serif'}`;
  ctx.beginPath();
  ctx.moveTo(m.left, m.top);
  ctx.lineTo(m.left, m.top + h);
  ctx.lineTo(m.left + w, m.top + h);
  ctx.stroke();
  const tick = 3 * scale;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const v of niceTicks(grid.xMin, grid.xMax, 4)) {
    const x = sx(v);
    ctx.beginPath();
    ctx.moveTo(x, m.top + h);
    ctx.lineTo(x, m.top + h + tick);
    ctx.stroke();
    ctx.fillText(String(v), x, m.top + h + tick + scale);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of niceTicks(grid.yMin, grid.yMax, 4)) {
    const y = sy(v);
    ctx.beginPath();
    ctx.moveTo(m.left - tick, y);
    ctx.lineTo(m.left, y);
    ctx.stroke();
    ctx.fillText(String(v), m.left - tick - scale, y);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillText('x1', canvas.width - m.right, canvas.height);
  ctx.save();
  ctx.translate(0, m.top);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'top';
  ctx.fillText('x2', 0, 0);
  ctx.restore();
}
