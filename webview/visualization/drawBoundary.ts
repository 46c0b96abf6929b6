// Paints a decision boundary: each cell shaded towards the colour of the predicted class (stronger
// the surer the model), the 0.5 contour, then the data points on top, coloured by label.
import type { DatasetPoints } from '../../src/shared/webviewMessages';
import { parseColor } from '../shared/theme';
import type { BoundaryGrid } from './boundaryGrid';

export interface BoundaryColors {
  background: string;
  class0: string;
  class1: string;
  contour: string;
  pointStroke: string;
}

const cellCanvas = document.createElement('canvas');

export function drawBoundary(
  canvas: HTMLCanvasElement,
  grid: BoundaryGrid,
  probabilities: Float64Array,
  points: DatasetPoints,
  colors: BoundaryColors,
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
      const strength = 0.25 + 0.4 * Math.abs(2 * p - 1);
      const rgb = right || below ? line : target.map((t, i) => bg[i]! + (t - bg[i]!) * strength);
      image.data.set([rgb[0]!, rgb[1]!, rgb[2]!, 255], k * 4);
    }
  }
  cellCtx.putImageData(image, 0, 0);

  const w = canvas.width;
  const h = canvas.height;
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(cellCanvas, 0, 0, w, h);
  const sx = (x: number): number => ((x - grid.xMin) / (grid.xMax - grid.xMin)) * w;
  const sy = (y: number): number => ((grid.yMax - y) / (grid.yMax - grid.yMin)) * h;
  const radius = Math.max(2, w / 110);
  ctx.lineWidth = Math.max(1, w / 400);
  ctx.strokeStyle = colors.pointStroke;
  for (let i = 0; i < points.labels.length; i++) {
    ctx.beginPath();
    ctx.arc(sx(points.x1[i]!), sy(points.x2[i]!), radius, 0, 2 * Math.PI);
    ctx.fillStyle = points.labels[i] === 1 ? colors.class1 : colors.class0;
    ctx.fill();
    ctx.stroke();
  }
}
