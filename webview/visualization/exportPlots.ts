// One PNG with everything the panel shows: the cost chart, the boundary pictures and the table as text.
import { themeColor } from '../shared/theme';

export function exportPlots(chartCanvas: HTMLCanvasElement, boundaryCards: HTMLElement[], table: HTMLTableElement | null): string {
  const pad = 16;
  const cell = 264;
  const background = themeColor('editor-background', '#1e1e1e');
  const foreground = themeColor('foreground', '#cccccc');
  const font = themeColor('font-family', 'sans-serif');
  const chartW = chartCanvas.clientWidth || chartCanvas.width;
  const chartH = chartCanvas.clientHeight || chartCanvas.height;
  const perRow = Math.max(1, Math.floor((Math.max(chartW, 3 * (cell + pad)) + pad) / (cell + pad)));
  const boundaryRows = Math.ceil(boundaryCards.length / perRow);
  const rows = table ? Array.from(table.rows).map((r) => Array.from(r.cells).map((c) => c.textContent ?? '').slice(0, -1)) : [];
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = `12px ${font}`;
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, j) => Math.max(...rows.map((r) => measure.measureText(r[j] ?? '').width)) + 16);
  const tableW = widths.reduce((a, b) => a + b, 0);
  const width = Math.max(chartW, perRow * (cell + pad) - pad, tableW) + 2 * pad;
  const height = pad + chartH + pad + boundaryRows * (cell + 40) + rows.length * 20 + 2 * pad;

  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(chartCanvas, pad, pad, chartW, chartH);
  let y = pad + chartH + pad;
  ctx.fillStyle = foreground;
  ctx.font = `13px ${font}`;
  boundaryCards.forEach((card, i) => {
    const x = pad + (i % perRow) * (cell + pad);
    const top = y + Math.floor(i / perRow) * (cell + 40);
    const name = card.querySelector('header strong')?.textContent ?? '';
    const caption = card.querySelector('header .caption')?.textContent ?? '';
    ctx.fillText(`${name}: ${caption}`, x, top + 14);
    const canvas = card.querySelector('canvas');
    if (canvas) ctx.drawImage(canvas, x, top + 22, cell, cell);
  });
  y += boundaryRows * (cell + 40) + pad;
  ctx.font = `12px ${font}`;
  rows.forEach((r, i) => {
    let x = pad;
    r.forEach((text, j) => {
      ctx.fillText(text, x, y + i * 20);
      x += widths[j]!;
    });
  });
  return out.toDataURL('image/png');
}
