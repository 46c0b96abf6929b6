import type { NumericArray } from './dataset';
import { DatasetError } from './datasetError';
import { DATASET_LIMITS, formatCount, formatMegabytes } from './datasetLimits';
import { inflateWithin } from './inflateWithin';
import { capForMessage } from './capForMessage';
import { columnMajorToRowMajor } from './npy';

/** A variable of a MAT-file: a numeric array, or the reason it cannot be one. */
export type MatVariable = { shape: readonly number[]; read(): NumericArray } | { unsupported: string };

// Data types of the v5 format (MAT-File Format, table 1-1) and the array classes we read.
const MI_INT8 = 1, MI_UINT8 = 2, MI_INT16 = 3, MI_UINT16 = 4, MI_INT32 = 5, MI_UINT32 = 6;
const MI_SINGLE = 7, MI_DOUBLE = 9, MI_INT64 = 12, MI_UINT64 = 13, MI_MATRIX = 14, MI_COMPRESSED = 15;
const CLASS_NAMES: Record<number, string> = {
  1: 'a cell array', 2: 'a struct', 3: 'an object', 4: 'text (char)', 5: 'a sparse matrix',
};
const NUMERIC_CLASSES = new Set([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
const COMPLEX_FLAG = 0x800;

interface Element {
  type: number;
  data: Uint8Array;
  next: number;
}

/**
 * Reads the variables of a MATLAB v5 MAT-file (what `save -v7` and scipy's `savemat` write):
 * numeric matrices of any class, in either byte order, plain or zlib-compressed (miCOMPRESSED).
 * A small reader rather than mat-for-js: that package is GPL-3.0 (this extension is MIT), pulls in
 * pako where fflate is already here, and has few users; the subset needed is about a hundred lines.
 * Compressed variables inflate to DATASET_LIMITS.maxInflatedBytes all together, one level deep;
 * a variable's values are decoded only when `read()` is called (only X and y are).
 *
 * @example
 * readMatV5(bytes, 'data.mat').get('X'); // { shape: [300, 2], read } after scipy.io.savemat('data.mat', {'X': X})
 */
export function readMatV5(bytes: Uint8Array, fileName: string): Map<string, MatVariable> {
  const fail = (detail: string): never => {
    throw new DatasetError(fileName, detail);
  };
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(116, bytes.length)));
  if (text.startsWith('MATLAB 7.3')) fail('MATLAB v7.3 (HDF5) files are not supported: save with `save(f, "X", "y", "-v7")` or scipy.io.savemat');
  if (bytes.length < 128 || !text.startsWith('MATLAB 5.0')) {
    fail('not a MATLAB v5 .mat file (its header does not start with "MATLAB 5.0 MAT-file")');
  }
  const indicator = String.fromCharCode(bytes[126]!, bytes[127]!);
  if (indicator !== 'IM' && indicator !== 'MI') fail('damaged .mat header (no IM/MI byte-order mark)');
  const le = indicator === 'IM';

  const variables = new Map<string, MatVariable>();
  let budget = DATASET_LIMITS.maxInflatedBytes;
  const walk = (buf: Uint8Array, depth: number): void => {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let offset = 0;
    while (offset + 8 <= buf.length) {
      const el = readElement(view, buf, offset, le, fileName, 'a variable');
      if (el.type === MI_COMPRESSED) {
        if (depth >= DATASET_LIMITS.maxNesting) {
          fail('a compressed variable inside a compressed variable: MATLAB and scipy write one level; this file was made by hand');
        }
        const inflated = inflateWithin(el.data, true, budget);
        if ('overLimit' in inflated) {
          fail(`the compressed variables inflate to more than ${formatMegabytes(DATASET_LIMITS.maxInflatedBytes)}, the limit; train on a sample`);
        }
        if ('damaged' in inflated) fail(`damaged compressed variable: ${inflated.damaged}`);
        const content = (inflated as { bytes: Uint8Array }).bytes;
        budget -= content.length;
        walk(content, depth + 1);
      } else if (el.type === MI_MATRIX) {
        // MATLAB writes a bare empty miMATRIX only inside cell arrays; as a variable it has no name to report.
        if (el.data.length === 0) fail(`damaged .mat file: variable ${variables.size + 1} is an empty matrix element (no flags, name or values)`);
        const [name, variable] = readMatrix(el.data, le, fileName);
        variables.set(name, variable);
      }
      offset = el.next;
    }
  };
  walk(bytes.subarray(128), 0);
  return variables;
}

function readElement(view: DataView, buf: Uint8Array, offset: number, le: boolean, fileName: string, what: string): Element {
  if (offset + 8 > buf.length) throw new DatasetError(fileName, `truncated .mat file: ${what} ends before its tag`);
  const first = view.getUint32(offset, le);
  // Small data element: size in the upper 16 bits, up to 4 bytes of data packed in the tag.
  if (first >>> 16 !== 0) {
    const size = first >>> 16;
    if (size > 4) throw new DatasetError(fileName, `damaged .mat file: a packed element claims ${size} bytes, at most 4 fit`);
    return { type: first & 0xffff, data: buf.subarray(offset + 4, offset + 4 + size), next: offset + 8 };
  }
  const size = view.getUint32(offset + 4, le);
  const start = offset + 8;
  if (start + size > buf.length) throw new DatasetError(fileName, `truncated .mat file: an element needs ${size} bytes, ${buf.length - start} remain`);
  // Elements are padded to 8 bytes, except compressed ones.
  const next = first === MI_COMPRESSED ? start + size : start + Math.ceil(size / 8) * 8;
  return { type: first, data: buf.subarray(start, start + size), next };
}

function readMatrix(buf: Uint8Array, le: boolean, fileName: string): [string, MatVariable] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const flagsEl = readElement(view, buf, 0, le, fileName, "a variable's array flags");
  if (flagsEl.data.length < 8) throw new DatasetError(fileName, `truncated .mat file: array flags of ${flagsEl.data.length} bytes, expected 8`);
  const dimsEl = readElement(view, buf, flagsEl.next, le, fileName, "a variable's dimensions");
  const nameEl = readElement(view, buf, dimsEl.next, le, fileName, "a variable's name");
  const name = new TextDecoder('latin1').decode(nameEl.data);
  const shown = capForMessage(name);
  const flags = new DataView(flagsEl.data.buffer, flagsEl.data.byteOffset, 8).getUint32(0, le);
  const arrayClass = flags & 0xff;
  if (!NUMERIC_CLASSES.has(arrayClass)) return [name, { unsupported: `is ${CLASS_NAMES[arrayClass] ?? `of class ${arrayClass}`}, not a numeric matrix` }];
  if (flags & COMPLEX_FLAG) return [name, { unsupported: 'is complex; labels and features must be real numbers' }];
  if (dimsEl.type !== MI_INT32 || dimsEl.data.length < 8 || dimsEl.data.length % 4 !== 0) {
    return [name, { unsupported: 'has damaged dimensions (expected two or more int32 values)' }];
  }
  const dims = Array.from(readNumbers(MI_INT32, dimsEl.data, le, fileName));
  if (dims.some((d) => d < 0)) return [name, { unsupported: `has a negative dimension (${dims.join(', ')})` }];
  let count = 1;
  for (const d of dims) {
    count *= d;
    if (count > DATASET_LIMITS.maxValues) {
      return [name, { unsupported: `is too large: shape (${dims.join(', ')}) holds more than ${formatCount(DATASET_LIMITS.maxValues)} values, the limit; train on a sample` }];
    }
  }
  const realEl = readElement(view, buf, nameEl.next, le, fileName, `${shown}'s values`);
  const read = (): NumericArray => {
    const size = ITEM_SIZES[realEl.type];
    if (size === undefined) throw new DatasetError(fileName, `${shown}: unsupported .mat data type ${realEl.type}`, { key: name });
    if (realEl.data.length / size !== count) {
      throw new DatasetError(fileName, `${shown}: expected ${count} values for shape (${dims.join(', ')}), found ${Math.floor(realEl.data.length / size)}`, { key: name });
    }
    const raw = readNumbers(realEl.type, realEl.data, le, fileName);
    return { shape: dims, data: dims.length === 2 ? columnMajorToRowMajor(raw, dims[0]!, dims[1]!) : raw };
  };
  return [name, { shape: dims, read }];
}

const ITEM_SIZES: Readonly<Record<number, number>> = {
  [MI_INT8]: 1, [MI_UINT8]: 1, [MI_INT16]: 2, [MI_UINT16]: 2, [MI_INT32]: 4, [MI_UINT32]: 4,
  [MI_SINGLE]: 4, [MI_DOUBLE]: 8, [MI_INT64]: 8, [MI_UINT64]: 8,
};

function readNumbers(type: number, bytes: Uint8Array, le: boolean, fileName: string): Float64Array {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sizes: Record<number, [number, (o: number) => number]> = {
    [MI_INT8]: [1, (o) => v.getInt8(o)],
    [MI_UINT8]: [1, (o) => v.getUint8(o)],
    [MI_INT16]: [2, (o) => v.getInt16(o, le)],
    [MI_UINT16]: [2, (o) => v.getUint16(o, le)],
    [MI_INT32]: [4, (o) => v.getInt32(o, le)],
    [MI_UINT32]: [4, (o) => v.getUint32(o, le)],
    [MI_SINGLE]: [4, (o) => v.getFloat32(o, le)],
    [MI_DOUBLE]: [8, (o) => v.getFloat64(o, le)],
    [MI_INT64]: [8, (o) => Number(v.getBigInt64(o, le))],
    [MI_UINT64]: [8, (o) => Number(v.getBigUint64(o, le))],
  };
  const entry = sizes[type];
  if (entry === undefined) throw new DatasetError(fileName, `unsupported .mat data type ${type}`);
  const [size, read] = entry;
  const out = new Float64Array(Math.floor(bytes.length / size));
  for (let i = 0; i < out.length; i++) out[i] = read(i * size);
  return out;
}
