import type { Matrix } from '../linalg/matrix';
import type { Dataset } from './dataset';
import { DatasetError, type DatasetPlace } from './datasetError';
import { DATASET_LIMITS, formatCount } from './datasetLimits';
import { DelimitedTextError, forEachDelimitedRecord } from './delimitedRecords';
import { capForMessage } from './capForMessage';
import { validateDataset, type ValueLocator } from './validateDataset';

/** Header names that mark the label column wherever it stands (otherwise the last column is the label). */
const LABEL_COLUMN_NAMES = new Set(['y', 'label', 'labels', 'class', 'target']);

/** numpy's savetxt writes `nan` and `inf`; JavaScript writes `NaN` and `Infinity`. Parsed so the shared check names them. */
const NON_FINITE = /^([+-]?)(nan|inf|infinity)$/i;

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
  const n = cell.length;
  let i = cell[0] === '+' || cell[0] === '-' ? 1 : 0;
  let end = skipDigits(cell, i);
  let mantissa = end - i;
  i = end;
  if (cell[i] === '.') {
    end = skipDigits(cell, i + 1);
    mantissa += end - i - 1;
    i = end;
  }
  if (mantissa === 0) return false;
  if (cell[i] === 'e' || cell[i] === 'E') {
    i++;
    if (cell[i] === '+' || cell[i] === '-') i++;
    end = skipDigits(cell, i);
    if (end === i) return false;
    i = end;
  }
  return i === n;
}

/** The index after the run of ASCII digits that starts at `i`. */
function skipDigits(s: string, i: number): number {
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  return i;
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
  const body = text.replace(/^\uFEFF/, '');
  let header: string[] | undefined;
  let width = 0;
  let labelColumn = 0;
  let featureColumns: number[] = [];
  // The examples' values, row by row (features in file order, then the label), as they are read:
  // cells become numbers at once, so a 48 MB file is never held as 16 million strings.
  let values = new Float64Array(1024);
  let lineOf = new Int32Array(64);
  let m = 0;
  const columnName = (c: number): string => {
    const named = header?.[c];
    if (named) return capForMessage(named);
    return c === labelColumn ? 'label' : `x${featureColumns.indexOf(c) + 1}`;
  };
  const delimiter = chooseDelimiter(body);
  forEachRecord(body, delimiter, fileName, (cells, line) => {
    if (width === 0) {
      width = cells.length;
      if (width - 1 > DATASET_LIMITS.maxFeatures) {
        throw new DatasetError(
          fileName,
          `too many columns: ${formatCount(width)}, the limit is ${formatCount(DATASET_LIMITS.maxFeatures + 1)} (${formatCount(DATASET_LIMITS.maxFeatures)} features and the label)`,
          { line },
        );
      }
      if (cells.some((c) => parseNumberCell(c) === undefined)) header = cells;
      const namedLabel = header ? header.findIndex((h) => LABEL_COLUMN_NAMES.has(h.toLowerCase())) : -1;
      labelColumn = namedLabel >= 0 ? namedLabel : width - 1;
      featureColumns = [...Array(width).keys()].filter((c) => c !== labelColumn);
      if (header) return;
    }
    if (m >= DATASET_LIMITS.maxExamples) {
      throw new DatasetError(fileName, `too large: more than ${formatCount(DATASET_LIMITS.maxExamples)} examples, the limit; train on a sample`);
    }
    if (cells.length !== width) throw new DatasetError(fileName, `expected ${width} values, found ${cells.length}`, { line });
    if ((m + 1) * width > values.length) values = grown(values, (m + 1) * width);
    if (m + 1 > lineOf.length) lineOf = grown(lineOf, m + 1);
    const row = m * width;
    for (let f = 0; f < featureColumns.length; f++) values[row + f] = cellValue(cells, featureColumns[f]!, line);
    values[row + width - 1] = cellValue(cells, labelColumn, line);
    lineOf[m] = line;
    m++;
  });
  // Declared once, not per row: a closure made for every row cost more than the parsing.
  function cellValue(cells: readonly string[], c: number, line: number): number {
    const cell = cells[c]!;
    const v = parseNumberCell(cell);
    if (v !== undefined) return v;
    const at = place(line, c);
    if (cell === '') throw new DatasetError(fileName, `empty value in column ${columnName(c)}`, at);
    throw new DatasetError(fileName, `"${capForMessage(cell)}" in column ${columnName(c)} is not a number`, at);
  }
  // Where the editor's cursor goes: the cell's first character, found only when a message needs it.
  function place(line: number, c: number): DatasetPlace {
    const character = cellCharacter(lineText(body, line), delimiter, c);
    return character === undefined ? { line, column: c + 1 } : { line, column: c + 1, character };
  }
  if (width === 0) throw new DatasetError(fileName, 'empty file: expected lines like `x1,x2,y` then `0.5,1.2,1`');

  const n = featureColumns.length;
  const X = new Float64Array(n * m);
  const Y = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    for (let f = 0; f < n; f++) X[f * m + e] = values[e * width + f]!;
    Y[e] = values[e * width + width - 1]!;
  }
  const locate: ValueLocator = (e, f) => {
    const c = f === undefined ? labelColumn : featureColumns[f]!;
    const name = f === undefined ? (header ? `label ${columnName(c)}` : 'label') : columnName(c);
    return { ...place(lineOf[e]!, c), name };
  };
  return validateDataset({ X: { rows: n, cols: m, data: X }, Y: { rows: 1, cols: m, data: Y } }, fileName, locate);
}

/** A copy of `a` with room for at least `need` items, growing by half so that appends stay linear. */
function grown<T extends Float64Array | Int32Array>(a: T, need: number): T {
  const bigger = new (a.constructor as new (length: number) => T)(Math.max(need, Math.ceil(a.length * 1.5)));
  bigger.set(a);
  return bigger;
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

/** The delimiter of the first line that is neither blank nor a comment; undefined: runs of whitespace (numpy's savetxt). */
function chooseDelimiter(body: string): string | undefined {
  let firstLine = '';
  forEachLine(body, (l) => {
    if (l.trim() === '' || l.trimStart().startsWith('#')) return true;
    firstLine = l;
    return false;
  });
  return [',', '\t', ';'].find((d) => firstLine.includes(d));
}

/** Calls `visit` with each non-empty, non-comment record and its 1-based line. */
function forEachRecord(body: string, delimiter: string | undefined, fileName: string, visit: (cells: string[], line: number) => void): void {
  if (delimiter === undefined) {
    forEachLine(body, (l, line) => {
      const t = l.trim();
      if (t !== '' && !t.startsWith('#')) visit(t.split(/\s+/), line);
      return true;
    });
    return;
  }
  try {
    forEachDelimitedRecord(body, delimiter, (r) => visit(r.cells, r.line));
  } catch (e) {
    if (e instanceof DelimitedTextError) throw new DatasetError(fileName, e.message, { line: e.line });
    throw e;
  }
}

/** The text of a line by its 1-based number, found again only when a message needs a cell's character. */
function lineText(body: string, line: number): string {
  let found = '';
  forEachLine(body, (l, n) => (n === line ? ((found = l), false) : true));
  return found;
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
