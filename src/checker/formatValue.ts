import type { PyValue } from './pyValue';

const MAX_ROWS = 6;
const MAX_COLS = 6;

/** One number as numpy prints it with precision 8: fixed for ordinary magnitudes, else scientific. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.' : '0.';
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e8) {
    return x.toFixed(8).replace(/0+$/, ''); // numpy prints 1.0 as "1."
  }
  const [mantissa = '', exponent = '0'] = x.toExponential(8).split('e');
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${mantissa.replace(/0+$/, '')}e${sign}${exponent.replace(/^[-+]/, '').padStart(2, '0')}`;
}

function formatArray(shape: number[], data: Float64Array, isBool: boolean): string {
  const cell = (i: number): string => (isBool ? (data[i] !== 0 ? 'True' : 'False') : formatNumber(data[i]!));
  if (shape.length === 0) return cell(0);
  if (shape.length === 1) return formatRows([[...indices(shape[0]!, MAX_COLS * 2)].map((j) => (j < 0 ? '...' : cell(j)))], 1);
  if (shape.length !== 2) return `array of shape (${shape.join(', ')})`;
  const [rows, cols] = shape as [number, number];
  const table = [...indices(rows, MAX_ROWS)].map((i) =>
    i < 0 ? ['...'] : [...indices(cols, MAX_COLS)].map((j) => (j < 0 ? '...' : cell(i * cols + j))),
  );
  return formatRows(table, 2);
}

/** 0..n-1, or the first and last `keep / 2` with -1 standing for the elided middle. */
function* indices(n: number, keep: number): Generator<number> {
  if (n <= keep) {
    for (let i = 0; i < n; i++) yield i;
    return;
  }
  const half = Math.floor(keep / 2);
  for (let i = 0; i < half; i++) yield i;
  yield -1;
  for (let i = n - half; i < n; i++) yield i;
}

function formatRows(table: string[][], depth: 1 | 2): string {
  const width = Math.max(1, ...table.flat().map((s) => s.length));
  const line = (row: string[]): string => '[' + row.map((s) => s.padStart(width)).join(' ') + ']';
  if (depth === 1) return line(table[0] ?? []);
  return '[' + table.map((row, i) => (i === 0 ? '' : ' ') + (row.length === 1 && row[0] === '...' ? '...' : line(row))).join('\n') + ']';
}

/** A whole value, numpy-style, for the diff view and the CLI; big arrays are shortened with '...'. */
export function formatValue(v: PyValue, indent = ''): string {
  switch (v.kind) {
    case 'array':
      return formatArray(v.shape, v.data, v.dtype === '|b1');
    case 'float':
      return formatNumber(v.value);
    case 'int':
      return String(v.value);
    case 'bool':
      return v.value ? 'True' : 'False';
    case 'str':
      return JSON.stringify(v.value);
    case 'none':
      return 'None';
    case 'other':
      return v.repr;
    case 'list':
    case 'tuple': {
      const [open, close] = v.kind === 'list' ? ['[', ']'] : ['(', ')'];
      if (v.items.length === 0) return open + close;
      const inner = indent + '  ';
      return open + '\n' + v.items.map((x) => inner + formatValue(x, inner).split('\n').join('\n' + inner)).join(',\n') + '\n' + indent + close;
    }
    case 'dict': {
      if (v.entries.length === 0) return '{}';
      const inner = indent + '  ';
      return (
        '{\n' +
        v.entries
          .map(([k, x]) => {
            const value = formatValue(x, inner);
            const head = `${inner}${formatValue(k)}: `;
            return head + value.split('\n').join('\n' + ' '.repeat(head.length));
          })
          .join(',\n') +
        '\n' +
        indent +
        '}'
      );
    }
  }
}

/** numpy's way of printing a shape: (2, 3), (3,), (). */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}
