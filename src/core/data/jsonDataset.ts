import type { Dataset, NumericArray } from './dataset';
import { DatasetError } from './datasetError';
import { datasetFromArrays } from './datasetFromArrays';
import { pickDatasetKeys } from './datasetKeys';
import { capForMessage } from './capForMessage';


/**
 * Parses `{"X": [[...], ...], "Y": [[...]]}`: X in the notebook's shape (features x m) or with
 * examples as rows (m x features, transposed here); Y as `[[0, 1, ...]]`, `[0, 1, ...]` or a column.
 * Labels may also be `true`/`false`.
 *
 * @example
 * parseJsonDataset('{"X": [[0.5, -0.3], [1.2, 0.8]], "Y": [[1, 0]]}', 'data.json'); // X 2x2, Y 1x2
 */
export function parseJsonDataset(text: string, fileName: string): Dataset {
  assertShallow(text, fileName);
  let root: unknown;
  try {
    root = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw jsonSyntaxError(text, fileName, e instanceof Error ? e.message : String(e));
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new DatasetError(fileName, 'expected an object like {"X": [[...], [...]], "Y": [[...]]}');
  }
  const obj = root as Record<string, unknown>;
  const { x: xKey, y: yKey } = pickDatasetKeys(Object.keys(obj), fileName);
  const x = nestedToArray(obj[xKey], xKey, fileName, false);
  const y = nestedToArray(obj[yKey], yKey, fileName, true);
  return datasetFromArrays(x, y, fileName, { x: xKey, y: yKey });
}

/** `{"X": [[...]]}` is three levels; a little room for files that wrap it once more. */
const MAX_JSON_DEPTH = 6;

/**
 * Refuses nesting deeper than a data set needs, in one pass before JSON.parse: parsing 45 MB of
 * `[` took 2.6 GB whatever the heap limit. Strings are skipped (brackets inside them do not count).
 */
function assertShallow(text: string, fileName: string): void {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string, honouring backslash escapes.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new DatasetError(
          fileName,
          `nested more than ${MAX_JSON_DEPTH} levels deep: a data set is {"X": [[...], [...]], "Y": [[...]]}, three levels`,
          { line, column: i - lineStart + 1, character: i - lineStart + 1 },
        );
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
}

/** A 1-D or 2-D rectangular array of numbers; anything else is reported with its index path. */
function nestedToArray(value: unknown, key: string, fileName: string, labels: boolean): NumericArray {
  if (!Array.isArray(value)) {
    throw new DatasetError(fileName, `"${key}" must be an array of arrays of numbers, found ${describe(value)}`, { key });
  }
  const cell = (v: unknown, path: string): number => {
    if (typeof v === 'number') return v;
    if (labels && typeof v === 'boolean') return v ? 1 : 0;
    throw new DatasetError(fileName, `${path} is ${describe(v)}, not a number`, { key });
  };
  if (value.length === 0 || !Array.isArray(value[0])) {
    return { shape: [value.length], data: Float64Array.from(value, (v, i) => cell(v, `${key}[${i}]`)) };
  }
  const width = (value[0] as unknown[]).length;
  const data = new Float64Array(value.length * width);
  value.forEach((row, i) => {
    if (!Array.isArray(row)) throw new DatasetError(fileName, `${key}[${i}] is ${describe(row)}, expected an array`, { key });
    if (row.length !== width) {
      throw new DatasetError(fileName, `${key}[${i}] has ${row.length} values, expected ${width} like ${key}[0]`, { key });
    }
    row.forEach((v, j) => (data[i * width + j] = cell(v, `${key}[${i}][${j}]`)));
  });
  return { shape: [value.length, width], data };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 24 ? `${v.slice(0, 21)}...` : v);
  return typeof v === 'object' ? 'an object' : String(v);
}

/** JSON.parse's message carries a character position: turn it into line:column, and name NaN/Infinity, which JSON lacks. */
function jsonSyntaxError(text: string, fileName: string, message: string): DatasetError {
  if (text.trim() === '') return new DatasetError(fileName, 'empty file: expected {"X": [[...], [...]], "Y": [[...]]}');
  const reason = capForMessage(message.replace(/ in JSON at position \d+.*$/, '').replace(/, *".*" is not valid JSON$/s, ''), 120);
  const nonNumber = /[[,:]\s*(-?Infinity|NaN)\b/.exec(text);
  const position = /position (\d+)/.exec(message);
  const offset = nonNumber && /Unexpected token '[-NI]'/.test(message) ? nonNumber.index + nonNumber[0].indexOf(nonNumber[1]!) : position ? Number(position[1]) : undefined;
  if (offset === undefined) return new DatasetError(fileName, `not valid JSON: ${reason}`);
  const before = text.slice(0, offset);
  const column = offset - before.lastIndexOf('\n');
  const place = { line: before.split('\n').length, column, character: column };
  if (nonNumber && /^(-?Infinity|NaN)/.test(text.slice(offset))) {
    return new DatasetError(fileName, `${nonNumber[1]} is not a number JSON can hold (Python's json writes it anyway): remove or fix this example`, place);
  }
  return new DatasetError(fileName, `not valid JSON: ${reason}`, place);
}
