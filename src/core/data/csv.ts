import { parse as parseCsvRecords, CsvError } from 'csv-parse/sync';
import type { Matrix } from '../linalg/matrix';
import type { Dataset } from './dataset';
import { DatasetError } from './datasetError';
import { validateDataset, type ValueLocator } from './validateDataset';

/** Header names that mark the label column wherever it stands (otherwise the last column is the label). */
const LABEL_COLUMN_NAMES = new Set(['y', 'label', 'labels', 'class', 'target']);

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** numpy's savetxt writes `nan` and `inf`; JavaScript writes `NaN` and `Infinity`. Parsed so the shared check names them. */
const NON_FINITE = /^([+-]?)(nan|inf|infinity)$/i;

interface CsvRow {
  cells: string[];
  line: number;
}

/**
 * A cell as a number, or `undefined` when it is not one.
 *
 * @example
 * [parseNumberCell('1e-3'), parseNumberCell('-inf'), parseNumberCell('abc')]; // [0.001, -Infinity, undefined]
 */
export function parseNumberCell(cell: string): number | undefined {
  if (DECIMAL.test(cell)) return Number(cell);
  const nonFinite = NON_FINITE.exec(cell);
  if (nonFinite) return nonFinite[2]!.toLowerCase() === 'nan' ? NaN : nonFinite[1] === '-' ? -Infinity : Infinity;
  return undefined;
}

/**
 * Parses a CSV data set: one example per line, the label in the last column or in a column
 * named y/label/class/target. The header is optional (a first line with a non-number is one).
 * Commas, tabs, semicolons or runs of spaces (numpy's `savetxt`) separate values; `#` starts a comment.
 * Returns the notebook's shapes (X features x m, Y 1 x m) after the checks every format shares.
 *
 * @example
 * parseCsv('x1,x2,y\n0.5,1.2,1\n-0.3,0.8,0\n', 'data.csv'); // X 2x2, Y 1x2
 */
export function parseCsv(text: string, fileName: string): Dataset {
  const rows = splitRows(text, fileName);
  if (rows.length === 0) throw new DatasetError(fileName, 'empty file: expected lines like `x1,x2,y` then `0.5,1.2,1`');

  const first = rows[0]!;
  const hasHeader = first.cells.some((c) => parseNumberCell(c) === undefined);
  const width = first.cells.length;
  const header = hasHeader ? first.cells : undefined;
  const namedLabel = header ? header.findIndex((h) => LABEL_COLUMN_NAMES.has(h.toLowerCase())) : -1;
  const labelColumn = namedLabel >= 0 ? namedLabel : width - 1;
  const featureColumns = [...Array(width).keys()].filter((c) => c !== labelColumn);
  const columnName = (c: number): string =>
    header?.[c] || (c === labelColumn ? 'label' : `x${featureColumns.indexOf(c) + 1}`);

  const data = hasHeader ? rows.slice(1) : rows;
  const m = data.length;
  const n = featureColumns.length;
  const X = new Float64Array(n * m);
  const Y = new Float64Array(m);
  data.forEach((row, e) => {
    if (row.cells.length !== width) {
      throw new DatasetError(fileName, `expected ${width} values, found ${row.cells.length}`, { line: row.line });
    }
    const value = (c: number): number => {
      const cell = row.cells[c]!;
      const v = parseNumberCell(cell);
      if (v !== undefined) return v;
      const place = { line: row.line, column: c + 1 };
      if (cell === '') throw new DatasetError(fileName, `empty value in column ${columnName(c)}`, place);
      throw new DatasetError(fileName, `"${truncate(cell)}" in column ${columnName(c)} is not a number`, place);
    };
    featureColumns.forEach((c, f) => (X[f * m + e] = value(c)));
    Y[e] = value(labelColumn);
  });

  const locate: ValueLocator = (e, f) => {
    const c = f === undefined ? labelColumn : featureColumns[f]!;
    return { line: data[e]!.line, column: c + 1, name: f === undefined ? `label ${columnName(c)}` : columnName(c) };
  };
  return validateDataset({ X: { rows: n, cols: m, data: X }, Y: { rows: 1, cols: m, data: Y } }, fileName, locate);
}

/**
 * CSV text of a data set, one example per line under the header `x1,...,xn,y`; numbers round-trip exactly.
 *
 * @example
 * formatCsv(fromNested([[0.5, -0.3], [1.2, 0.8]]), fromNested([[1, 0]])); // 'x1,x2,y\n0.5,1.2,1\n-0.3,0.8,0\n'
 */
export function formatCsv(X: Matrix, Y: Matrix): string {
  if (Y.rows !== 1 || Y.cols !== X.cols) {
    throw new RangeError(`Y must be 1 x ${X.cols} to match X (${X.rows} x ${X.cols}), got ${Y.rows} x ${Y.cols}`);
  }
  const header = [...Array(X.rows).keys()].map((f) => `x${f + 1}`).concat('y').join(',');
  const lines = [header];
  for (let e = 0; e < X.cols; e++) {
    const cells: string[] = [];
    for (let f = 0; f < X.rows; f++) cells.push(String(X.data[f * X.cols + e]));
    cells.push(String(Y.data[e]));
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

function truncate(s: string): string {
  return s.length > 24 ? `${s.slice(0, 21)}...` : s;
}

/** The line where the quote that is still open at the end of the text was opened. */
function unclosedQuoteLine(lines: readonly string[]): number {
  let open = false;
  let openedAt = 1;
  lines.forEach((l, i) => {
    for (const ch of l) {
      if (ch !== '"') continue;
      open = !open;
      if (open) openedAt = i + 1;
    }
  });
  return openedAt;
}

/** Non-empty, non-comment records with their 1-based line numbers. */
function splitRows(text: string, fileName: string): CsvRow[] {
  const body = text.replace(/^\uFEFF/, '');
  const lines = body.split(/\r\n|\n|\r/);
  const firstLine = lines.find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  if (firstLine === undefined) return [];
  const delimiter = [',', '\t', ';'].find((d) => firstLine.includes(d));
  if (delimiter === undefined) {
    // numpy's savetxt default: values separated by spaces. No quoting to worry about.
    const rows: CsvRow[] = [];
    lines.forEach((l, i) => {
      const t = l.trim();
      if (t !== '' && !t.startsWith('#')) rows.push({ cells: t.split(/\s+/), line: i + 1 });
    });
    return rows;
  }
  try {
    const records = parseCsvRecords(body, {
      delimiter,
      comment: '#',
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map((r) => ({ cells: r.record, line: r.info.lines }));
  } catch (e) {
    if (e instanceof CsvError) {
      if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
        throw new DatasetError(fileName, 'this double quote (") is never closed', { line: unclosedQuoteLine(lines) });
      }
      const line = typeof e['lines'] === 'number' ? (e['lines'] as number) : undefined;
      throw new DatasetError(fileName, e.message.replace(/^Invalid [^:]*: /, ''), line === undefined ? {} : { line });
    }
    throw e;
  }
}
