import type { NumericArray } from './dataset';
import { DatasetError } from './datasetError';
import { formatShape } from './datasetFromArrays';
import { DATASET_LIMITS, formatCount } from './datasetLimits';
import { capForMessage } from './capForMessage';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** numpy refuses longer headers itself (np.load's max_header_size); ours are ~100 bytes. */
const MAX_HEADER_BYTES = 10_000;
/** Item sizes the reader knows per dtype kind: `<i3` or `<f2` would read past the data. */
const SUPPORTED_SIZES: Readonly<Record<string, readonly number[]>> = { f: [4, 8], i: [1, 2, 4, 8], u: [1, 2, 4, 8], b: [1] };
/** Longest dimension text read; longer is not a number any file could hold. */
const MAX_DIMENSION_DIGITS = 15;

/** The three keys of an .npy header; `descr` undefined for a structured dtype (a list). */
export interface NpyHeader {
  descr: string | undefined;
  fortranOrder: boolean;
  shape: number[];
}

/**
 * Reads one NumPy `.npy` array (format versions 1-3) of bool, integer or float dtype, either
 * byte order, C or Fortran order. A small reader rather than npyjs: npyjs ignores
 * `fortran_order`, and the format is a Python-dict header followed by raw values.
 * `key` names the array in messages (its name inside an .npz).
 *
 * @example
 * parseNpy(bytes, 'train_X.npy'); // { shape: [2, 300], data } after np.save('train_X.npy', X)
 */
export function parseNpy(bytes: Uint8Array, fileName: string, key?: string): NumericArray {
  const where = key === undefined ? '' : `${key}: `;
  const fail = (detail: string): never => {
    throw new DatasetError(fileName, where + detail, key === undefined ? {} : { key });
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) fail('not a NumPy .npy file (it does not start with \\x93NUMPY)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6]!;
  if (major < 1 || major > 3) fail(`unsupported .npy format version ${major}`);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) fail(`truncated header: it claims ${formatCount(headerLength)} bytes, ${formatCount(bytes.length - headerStart)} remain`);
  if (headerLength > MAX_HEADER_BYTES) {
    fail(`header of ${formatCount(headerLength)} bytes, longer than numpy's own limit of ${formatCount(MAX_HEADER_BYTES)}`);
  }
  const header = new TextDecoder('latin1').decode(bytes.subarray(headerStart, dataStart));
  const parsed = parseNpyHeader(header);
  if (typeof parsed === 'string') fail(`header: ${parsed}`);
  const { descr, fortranOrder, shape } = parsed as NpyHeader;
  if (descr === undefined) fail('structured (record) arrays are not supported: save a plain numeric array');
  if (/O/.test(descr!)) fail('holds Python objects (pickled): save a numeric array, e.g. np.save(f, X.astype(float))');
  const dtype = /^([<>|=])([fiub])(\d)$/.exec(descr!);
  if (!dtype || !SUPPORTED_SIZES[dtype[2]!]!.includes(Number(dtype[3]))) {
    fail(`dtype ${capForMessage(descr!)} is not supported: use float64, float32, an integer type or bool`);
  }
  const littleEndian = dtype![1] !== '>';
  const kind = dtype![2]!;
  const itemSize = Number(dtype![3]);
  // Each dimension is at most the byte count, so the product cannot overflow before this check.
  let count = 1;
  for (const d of shape) {
    count *= d;
    if (count > DATASET_LIMITS.maxValues) {
      fail(`too large: shape ${formatShape(shape)} holds more than ${formatCount(DATASET_LIMITS.maxValues)} values, the limit; train on a sample`);
    }
  }
  const available = bytes.length - dataStart;
  if (count * itemSize > available) fail(`truncated: shape (${shape.join(', ')}) needs ${count * itemSize} bytes of data, found ${available}`);

  const read = reader(kind, itemSize, view, littleEndian);
  const raw = new Float64Array(count);
  for (let i = 0; i < count; i++) raw[i] = read(dataStart + i * itemSize);
  return { shape, data: fortranOrder && shape.length === 2 ? columnMajorToRowMajor(raw, shape[0]!, shape[1]!) : raw };
}

/**
 * Parses an .npy header, the Python dict literal `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }`,
 * in one pass and strictly: each of the three keys exactly once, the shape as non-negative decimal
 * integers. Returns the reason as a string when the header is malformed (regular expressions
 * picked the first `descr` of two and read a hex or negative shape as a number).
 *
 * @example
 * parseNpyHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"); // { descr: '<f8', fortranOrder: false, shape: [2, 3] }
 */
export function parseNpyHeader(header: string): NpyHeader | string {
  let i = 0;
  const ws = (): void => {
    while (i < header.length && ' \t\r\n'.includes(header[i]!)) i++;
  };
  const found = (): string => (i >= header.length ? 'the end of the header' : `'${capForMessage(header.slice(i, i + 12), 12)}'`);
  const quoted = (): string | undefined => {
    const q = header[i];
    if (q !== "'" && q !== '"') return undefined;
    const close = header.indexOf(q, i + 1);
    if (close < 0) return undefined;
    const text = header.slice(i + 1, close);
    i = close + 1;
    return text;
  };
  const seen = new Map<string, string | boolean | number[] | undefined>();
  ws();
  if (header[i] !== '{') return `expected a dict starting with '{', found ${found()}`;
  i++;
  for (;;) {
    ws();
    if (header[i] === '}') break;
    const key = quoted();
    if (key === undefined) return `expected a quoted key or '}', found ${found()}`;
    if (key !== 'descr' && key !== 'fortran_order' && key !== 'shape') return `unexpected key '${capForMessage(key)}'`;
    if (seen.has(key)) return `'${key}' appears twice`;
    ws();
    if (header[i] !== ':') return `expected ':' after '${key}', found ${found()}`;
    i++;
    ws();
    if (key === 'descr') {
      if (header[i] === '[') {
        seen.set(key, undefined); // a structured dtype; refused by the caller with its own message
        const close = header.indexOf(']', i);
        if (close < 0) return `'descr' list is never closed`;
        i = close + 1;
      } else {
        const descr = quoted();
        if (descr === undefined) return `'descr' must be a quoted dtype like '<f8', found ${found()}`;
        seen.set(key, descr);
      }
    } else if (key === 'fortran_order') {
      const word = header.startsWith('True', i) ? 'True' : header.startsWith('False', i) ? 'False' : undefined;
      if (word === undefined) return `'fortran_order' must be True or False, found ${found()}`;
      seen.set(key, word === 'True');
      i += word.length;
    } else {
      if (header[i] !== '(') return `'shape' must be a tuple like (2, 300), found ${found()}`;
      i++;
      const shape: number[] = [];
      for (;;) {
        ws();
        if (header[i] === ')') break;
        const start = i;
        while (i < header.length && header[i]! >= '0' && header[i]! <= '9') i++;
        const digits = header.slice(start, i);
        if (header[i] === 'L') i++; // Python 2 wrote longs as 300L
        if (digits === '' || digits.length > MAX_DIMENSION_DIGITS || /[\w.+-]/.test(header[i] ?? '')) {
          let end = start;
          while (end < header.length && !',)'.includes(header[end]!)) end++;
          return `'shape' must hold non-negative whole numbers, found '${capForMessage(header.slice(start, end).trim(), 20)}'`;
        }
        shape.push(Number(digits));
        ws();
        if (header[i] === ',') i++;
        else if (header[i] !== ')') return `expected ',' or ')' in 'shape', found ${found()}`;
      }
      i++;
      seen.set(key, shape);
    }
    ws();
    if (header[i] === ',') i++;
    else if (header[i] !== '}') return `expected ',' or '}' after '${key}', found ${found()}`;
  }
  i++;
  ws();
  if (i < header.length) return `unexpected text after the dict: ${found()}`;
  for (const key of ['descr', 'shape']) if (!seen.has(key)) return `no '${key}'`;
  return { descr: seen.get('descr') as string | undefined, fortranOrder: seen.get('fortran_order') === true, shape: seen.get('shape') as number[] };
}

/**
 * A row-major copy of a rows x cols matrix stored column by column (Fortran and MATLAB order).
 *
 * @example
 * columnMajorToRowMajor(Float64Array.of(1, 3, 2, 4), 2, 2); // Float64Array [1, 2, 3, 4]
 */
export function columnMajorToRowMajor(raw: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) out[i * cols + j] = raw[j * rows + i]!;
  return out;
}

function reader(kind: string, size: number, v: DataView, le: boolean): (offset: number) => number {
  if (kind === 'f') return size === 8 ? (o) => v.getFloat64(o, le) : (o) => v.getFloat32(o, le);
  if (kind === 'b') return (o) => (v.getUint8(o) === 0 ? 0 : 1);
  const signed = kind === 'i';
  switch (size) {
    case 1:
      return signed ? (o) => v.getInt8(o) : (o) => v.getUint8(o);
    case 2:
      return signed ? (o) => v.getInt16(o, le) : (o) => v.getUint16(o, le);
    case 4:
      return signed ? (o) => v.getInt32(o, le) : (o) => v.getUint32(o, le);
    default:
      return signed ? (o) => Number(v.getBigInt64(o, le)) : (o) => Number(v.getBigUint64(o, le));
  }
}

/**
 * The names under which the other half of an `.npy` pair may lie: `train_X.npy` -> `train_Y.npy`
 * and `train_y.npy`, `moons_y.npy` -> `moons_X.npy`... (the last `X`/`Y` word of the name is swapped).
 * Empty when the name has no such word.
 *
 * @example
 * npyCompanionNames('data/train_X.npy'); // ['data/train_Y.npy', 'data/train_y.npy']
 */
export function npyCompanionNames(fileName: string): string[] {
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  const dir = fileName.slice(0, slash + 1);
  const base = fileName.slice(slash + 1);
  const m = /^(.*(?:^|[_\-. ]))([XxYy])((?:[_\-. ][^/\\]*)?\.npy)$/i.exec(base);
  if (!m) return [];
  const swapped = /[Xx]/.test(m[2]!) ? ['Y', 'y'] : ['X', 'x'];
  return swapped.map((s) => `${dir}${m[1]}${s}${m[3]}`);
}

/**
 * Whether an .npy file name holds the labels of a pair (`train_Y.npy`), rather than the features.
 *
 * @example
 * [isNpyLabelFile('train_Y.npy'), isNpyLabelFile('train_X.npy')]; // [true, false]
 */
export function isNpyLabelFile(fileName: string): boolean {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  return /^(?:.*[_\-. ])?[Yy](?:[_\-. ][^/\\]*)?\.npy$/i.test(base);
}
