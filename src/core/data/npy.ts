import type { NumericArray } from './dataset';
import { DatasetError } from './datasetError';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

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
  if (dataStart > bytes.length) fail('truncated header');
  const header = new TextDecoder('latin1').decode(bytes.subarray(headerStart, dataStart));

  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  if (descr === undefined) fail('structured (record) arrays are not supported: save a plain numeric array');
  if (/O/.test(descr!)) fail('holds Python objects (pickled): save a numeric array, e.g. np.save(f, X.astype(float))');
  const dtype = /^([<>|=])([fiub])(\d)$/.exec(descr!);
  if (!dtype || (dtype[2] === 'f' && dtype[3] !== '4' && dtype[3] !== '8')) {
    fail(`dtype ${descr} is not supported: use float64, float32, an integer type or bool`);
  }
  const littleEndian = dtype![1] !== '>';
  const kind = dtype![2]!;
  const itemSize = Number(dtype![3]);
  const fortranOrder = /'fortran_order'\s*:\s*True/.test(header);
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (shapeText === undefined) fail('the header has no shape');
  const shape = shapeText!
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const available = bytes.length - dataStart;
  if (count * itemSize > available) fail(`truncated: shape (${shape.join(', ')}) needs ${count * itemSize} bytes of data, found ${available}`);

  const read = reader(kind, itemSize, view, littleEndian);
  const raw = new Float64Array(count);
  for (let i = 0; i < count; i++) raw[i] = read(dataStart + i * itemSize);
  return { shape, data: fortranOrder && shape.length === 2 ? columnMajorToRowMajor(raw, shape[0]!, shape[1]!) : raw };
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
