import { OPTIMIZERS } from '../../src/core/optimizers/registry';

/** A colour of the current VS Code theme, from the CSS variables VS Code sets on the webview's body. */
export function themeColor(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(`--vscode-${name}`).trim();
  return v || fallback;
}

/** Each optimizer keeps one hue (its registry colour) across the chart, the table and the side panel. */
export function optimizerColor(optimizer: string): string {
  const known = OPTIMIZERS.find((o) => o.id === optimizer);
  return known ? themeColor(known.color.themeColor, known.color.hex) : themeColor('descriptionForeground', '#888888');
}

/** Label colours of the decision-boundary plot (the notebook's Spectral map: red for 0, blue for 1). */
export function classColors(): [string, string] {
  return [themeColor('charts-red', '#f14c4c'), themeColor('charts-blue', '#3794ff')];
}

/** `#rgb`, `#rrggbb`, `#rrggbbaa` or `rgb(a)(...)` as [r, g, b] in 0..255. */
export function parseColor(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(color.trim());
  if (hex) {
    const h = hex[1]!;
    const full = h.length <= 4 ? [...h.slice(0, 3)].map((c) => c + c).join('') : h.slice(0, 6);
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
  }
  const rgb = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/i.exec(color);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return [128, 128, 128];
}
