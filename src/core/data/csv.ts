import type { Matrix } from '../linalg/matrix';
import type { Dataset } from './dataset';
import { DatasetError, type DatasetPlace } from './datasetError';
import { DATASET_LIMITS, formatCount } from './datasetLimits';
import { DelimitedTextError, splitDelimited } from './delimitedRecords';
import { capForMessage } from './capForMessage';
import { validateDataset, type ValueLocator } from './validateDataset';

/** Header names that mark the label column wherever it stands (otherwise the last column is the label). */
const LABEL_COLUMN_NAMES = new Set(['y', 'label', 'labels', 'class', 'target']);

/** numpy's savetxt writes `nan` and `inf`; JavaScript writes `NaN` and `Infinity`. Parsed so the shared check names them. */
const NON_FINITE = /^([+-]?)(nan|inf|infinity)$/i;

interface CsvRow {
  cells: string[];
  line: number;
}

interface CsvRows {
  rows: CsvRow[];
  /** A line of the text by its 1-based number, to find a cell's character when a message points at it. */
  lineText: (line: number) => string;
  /** undefined: values separated by runs of whitespace. */
  delimiter: string | undefined;
}

/**
 * A cell as a number, or `undefined` when it is not one.
 *
 * @example
 * [parseNumberCell('1e-3'), parseNumberCell('-inf'), parseNumberCell('abc')]; // [0.001, -Infinity, undefined]
 */
export function parseNumberCell(cell: string): number | undefined {
  if (isDecimal(cell)) return Number(cell);
  const nonFinite = NON_FINITE.exec(cell);
  if (nonFinite) return nonFinite[2]!.toLowerCase() === 'nan' ? NaN : nonFinite[1] === '-' ? -Infinity : Infinity;
  return undefined;
}

/**
 * Whether a cell is a plain decimal number (`-1.5e3`, `.5`, `7.`). Scanned by hand in one pass:
 * the regular expression it replaces backtracked, quadratic in the digits (a 512,000-digit cell took over 30 s).
 *
 * @example
 * [isDecimal('-1.5e3'), isDecimal('.5'), isDecimal('1e'), isDecimal('.')]; // [true, true, false, false]
 */
export function isDecimal(cell: string): boolean {
  let i = 0;
  const n = cell.length;
  const digits = (): number => {
    const start = i;
    while (i < n && cell.charCodeAt(i) >= 48 && cell.charCodeAt(i) <= 57) i++;
    return i - start;
  };
  if (cell[i] === '+' || cell[i] === '-') i++;
  let mantissa = digits();
  if (cell[i] === '.') {
    i++;
    mantissa += digits();
  }
  if (mantissa === 0) return false;
  if (cell[i] === 'e' || cell[i] === 'E') {
    i++;
    if (cell[i] === '+' || cell[i] === '-') i++;
    if (digits() === 0) return false;
  }
  return i === n;
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
  const { rows, lineText, delimiter } = splitRows(text, fileName);
  if (rows.length === 0) throw new DatasetError(fileName, 'empty file: expected lines like `x1,x2,y` then `0.5,1.2,1`');

  const first = rows[0]!;
  const hasHeader = first.cells.some((c) => parseNumberCell(c) === undefined);
  const width = first.cells.length;
  if (width - 1 > DATASET_LIMITS.maxFeatures) {
    throw new DatasetError(
      fileName,
      `too many columns: ${formatCount(width)}, the limit is ${formatCount(DATASET_LIMITS.maxFeatures + 1)} (${formatCount(DATASET_LIMITS.maxFeatures)} features and the label)`,
      { line: first.line },
    );
  }
  const header = hasHeader ? first.cells : undefined;
  const namedLabel = header ? header.findIndex((h) => LABEL_COLUMN_NAMES.has(h.toLowerCase())) : -1;
  const labelColumn = namedLabel >= 0 ? namedLabel : width - 1;
  const featureColumns = [...Array(width).keys()].filter((c) => c !== labelColumn);
  const columnName = (c: number): string => {
    const named = header?.[c];
    if (named) return capForMessage(named);
    return c === labelColumn ? 'label' : `x${featureColumns.indexOf(c) + 1}`;
  };
  // Where the editor's cursor goes: the cell's first character, found only when a message needs it.
  const place = (row: CsvRow, c: number): DatasetPlace => {
    const character = cellCharacter(lineText(row.line), delimiter, c);
    return character === undefined ? { line: row.line, column: c + 1 } : { line: row.line, column: c + 1, character };
  };

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
      if (cell === '') throw new DatasetError(fileName, `empty value in column ${columnName(c)}`, place(row, c));
      throw new DatasetError(fileName, `"${capForMessage(cell)}" in column ${columnName(c)} is not a number`, place(row, c));
    };
    featureColumns.forEach((c, f) => (X[f * m + e] = value(c)));
    Y[e] = value(labelColumn);
  });

  const locate: ValueLocator = (e, f) => {
    const c = f === undefined ? labelColumn : featureColumns[f]!;
    const name = f === undefined ? (header ? `label ${columnName(c)}` : 'label') : columnName(c);
    return { ...place(data[e]!, c), name };
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

/**
 * The 1-based character where field `field` (0-based) of a line starts, after leading blanks;
 * `delimiter` undefined means runs of whitespace. Quotes are skipped over. Undefined when the line has fewer fields.
 *
 * @example
 * [cellCharacter('1, 2,abc', ',', 2), cellCharacter('  1  2 x', undefined, 2)]; // [6, 8]
 */
export function cellCharacter(line: string, delimiter: string | undefined, field: number): number | undefined {
  let i = 0;
  const blank = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';
  if (delimiter === undefined) {
    for (let f = 0; ; f++) {
      while (i < line.length && /\s/.test(line[i]!)) i++;
      if (i >= line.length) return undefined;
      if (f === field) return i + 1;
      while (i < line.length && !/\s/.test(line[i]!)) i++;
    }
  }
  let quoted = false;
  for (let f = 0; f < field; i++) {
    if (i >= line.length) return undefined;
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) f++;
  }
  while (blank(line[i])) i++;
  return i + 1;
}

/** Non-empty, non-comment records with their 1-based line numbers. */
function splitRows(text: string, fileName: string): CsvRows {
  const body = text.replace(/^\uFEFF/, '');
  const lineText = (line: number): string => {
    let found = '';
    forEachLine(body, (l, n) => (n === line ? ((found = l), false) : true));
    return found;
  };
  let firstLine: string | undefined;
  forEachLine(body, (l) => {
    if (l.trim() === '' || l.trimStart().startsWith('#')) return true;
    firstLine = l;
    return false;
  });
  if (firstLine === undefined) return { rows: [], lineText, delimiter: undefined };
  const delimiter = [',', '\t', ';'].find((d) => firstLine!.includes(d));
  // One record more than the examples allowed, for a header; beyond that the file is refused
  // before its rows fill memory (25 million short lines took over 1 GB as objects).
  const maxRecords = DATASET_LIMITS.maxExamples + 1;
  const tooMany = (): never => {
    throw new DatasetError(
      fileName,
      `too large: more than ${formatCount(DATASET_LIMITS.maxExamples)} examples, the limit; train on a sample`,
    );
  };
  if (delimiter === undefined) {
    // numpy's savetxt default: values separated by spaces. No quoting to worry about.
    const rows: CsvRow[] = [];
    forEachLine(body, (l, line) => {
      const t = l.trim();
      if (t !== '' && !t.startsWith('#')) rows.push({ cells: t.split(/\s+/), line });
      return rows.length <= maxRecords;
    });
    if (rows.length > maxRecords) tooMany();
    return { rows, lineText, delimiter };
  }
  try {
    const rows = splitDelimited(body, delimiter, maxRecords + 1);
    if (rows.length > maxRecords) tooMany();
    return { rows, lineText, delimiter };
  } catch (e) {
    if (e instanceof DelimitedTextError) throw new DatasetError(fileName, e.message, { line: e.line });
    throw e;
  }
}

/** Calls `visit` with each line and its 1-based number (CRLF, LF or CR end a line) until it returns false. */
function forEachLine(text: string, visit: (line: string, number: number) => boolean): void {
  let start = 0;
  for (let n = 1; start <= text.length; n++) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    if (!visit(text.slice(start, end), n)) return;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
}
