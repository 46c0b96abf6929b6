import { createHash } from 'node:crypto';
import type { Matrix } from '../core/linalg/matrix';
import type { WireDtype, WireValue } from './protocol';

/** A Python value as the checker compares it: arrays hold their elements as doubles (bools as 0 and 1). */
export type PyValue =
  | { kind: 'array'; dtype: string; shape: number[]; data: Float64Array }
  | { kind: 'float'; value: number }
  | { kind: 'int'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'str'; value: string }
  | { kind: 'none' }
  | { kind: 'list' | 'tuple'; items: PyValue[] }
  | { kind: 'dict'; entries: Array<[PyValue, PyValue]> }
  | { kind: 'other'; type: string; repr: string; shape?: number[] };

export type PyArray = Extract<PyValue, { kind: 'array' }>;
export type PyDict = Extract<PyValue, { kind: 'dict' }>;

// ---- building inputs ----

export function pyMatrix(m: Matrix, dtype: 'float64' | 'bool' = 'float64'): PyArray {
  return { kind: 'array', dtype: dtype === 'bool' ? '|b1' : '<f8', shape: [m.rows, m.cols], data: m.data };
}
export function pyDictOf(record: Record<string, Matrix>): PyDict {
  return { kind: 'dict', entries: Object.entries(record).map(([k, m]) => [pyStr(k), pyMatrix(m)]) };
}
export function pyFloat(value: number): PyValue {
  return { kind: 'float', value };
}
export function pyInt(value: number): PyValue {
  return { kind: 'int', value };
}
export function pyStr(value: string): PyValue {
  return { kind: 'str', value };
}
export function pyTuple(items: PyValue[]): PyValue {
  return { kind: 'tuple', items };
}
export function pyList(items: PyValue[]): PyValue {
  return { kind: 'list', items };
}

/** The entry of a dict under the string key `key`. */
export function dictGet(dict: PyDict, key: string): PyValue | undefined {
  return dict.entries.find(([k]) => k.kind === 'str' && k.value === key)?.[1];
}

/** The string keys of a dict, in order. */
export function dictKeys(dict: PyDict): string[] {
  return dict.entries.flatMap(([k]) => (k.kind === 'str' ? [k.value] : []));
}

/** A 2-d float array as a Matrix (sharing its data); undefined for other shapes. */
export function asMatrix(v: PyValue | undefined): Matrix | undefined {
  if (v?.kind !== 'array' || v.shape.length !== 2) return undefined;
  return { rows: v.shape[0]!, cols: v.shape[1]!, data: v.data };
}

/** A dict whose values are all 2-d arrays, as the core's Record<string, Matrix>; undefined otherwise. */
export function asMatrixRecord(v: PyValue | undefined): Record<string, Matrix> | undefined {
  if (v?.kind !== 'dict') return undefined;
  const out: Record<string, Matrix> = {};
  for (const [k, value] of v.entries) {
    const m = asMatrix(value);
    if (k.kind !== 'str' || m === undefined) return undefined;
    out[k.value] = m;
  }
  return out;
}

/** How Python would name the value's type, for messages ("dict", "tuple", "numpy.ndarray", "float"). */
export function pyTypeName(v: PyValue): string {
  switch (v.kind) {
    case 'array':
      return 'numpy.ndarray';
    case 'none':
      return 'None';
    case 'other':
      return v.type;
    default:
      return v.kind;
  }
}

// ---- wire encoding ----

const BYTES_PER_DTYPE: Record<WireDtype, number> = {
  '<f8': 8, '<f4': 4, '<i8': 8, '<i4': 4, '<i2': 2, '|i1': 1, '<u8': 8, '<u4': 4, '<u2': 2, '|u1': 1, '|b1': 1,
};

function isWireDtype(dtype: string): dtype is WireDtype {
  return Object.prototype.hasOwnProperty.call(BYTES_PER_DTYPE, dtype);
}

function arrayToWire(a: PyArray): WireValue {
  // Float64Array is little-endian on every platform Node runs on.
  const bytes = arrayBytes(a);
  return { t: 'ndarray', dtype: a.dtype === '|b1' ? '|b1' : '<f8', shape: a.shape, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
}

/** JSON has no NaN or infinities, and JSON.stringify(-0) is "0": those travel as strings. */
function floatToWire(x: number): number | 'nan' | 'inf' | '-inf' | '-0' {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return Object.is(x, -0) ? '-0' : x;
}

export function toWire(v: PyValue): WireValue {
  switch (v.kind) {
    case 'array':
      return arrayToWire(v);
    case 'float':
      return { t: 'float', v: floatToWire(v.value) };
    case 'int':
      return { t: 'int', v: v.value };
    case 'bool':
      return { t: 'bool', v: v.value };
    case 'str':
      return { t: 'str', v: v.value };
    case 'none':
      return { t: 'none' };
    case 'list':
    case 'tuple':
      return { t: v.kind, items: v.items.map(toWire) };
    case 'dict':
      return { t: 'dict', entries: v.entries.map(([k, x]) => [toWire(k), toWire(x)]) };
    case 'other':
      throw new Error(`Cannot send a Python ${v.type} to the worker`);
  }
}

function decodeArrayData(dtype: string, shape: number[], base64: string): Float64Array {
  if (!isWireDtype(dtype)) throw new Error(`Unexpected array dtype ${dtype}`);
  const bytes = Buffer.from(base64, 'base64');
  const count = shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== count * BYTES_PER_DTYPE[dtype]) {
    throw new Error(`Array of shape (${shape.join(', ')}) arrived with ${bytes.length} bytes`);
  }
  // Copy into an aligned buffer: Buffer's pool gives no alignment guarantee.
  const aligned = new Uint8Array(bytes.length);
  aligned.set(bytes);
  const buf = aligned.buffer;
  switch (dtype) {
    case '<f8':
      return new Float64Array(buf);
    case '<f4':
      return Float64Array.from(new Float32Array(buf));
    case '<i8':
      return Float64Array.from(new BigInt64Array(buf), Number);
    case '<u8':
      return Float64Array.from(new BigUint64Array(buf), Number);
    case '<i4':
      return Float64Array.from(new Int32Array(buf));
    case '<u4':
      return Float64Array.from(new Uint32Array(buf));
    case '<i2':
      return Float64Array.from(new Int16Array(buf));
    case '<u2':
      return Float64Array.from(new Uint16Array(buf));
    case '|i1':
      return Float64Array.from(new Int8Array(buf));
    case '|u1':
    case '|b1':
      return Float64Array.from(aligned);
  }
}

function wireFloat(v: number | 'nan' | 'inf' | '-inf' | '-0'): number {
  if (v === '-0') return -0;
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v;
}

/** Raw C-order bytes of an array as it is sent to Python (float64 little-endian, or one byte per bool). */
export function arrayBytes(a: PyArray): Uint8Array {
  if (a.dtype === '|b1') return Uint8Array.from(a.data, (x) => (x !== 0 ? 1 : 0));
  return new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
}

/** The part of `expected` at the same place as an item or entry of the returned value. */
function partOf(expected: PyValue | undefined, at: number | PyValue): PyValue | undefined {
  if (expected === undefined) return undefined;
  if (typeof at === 'number') return expected.kind === 'list' || expected.kind === 'tuple' ? expected.items[at] : undefined;
  if (expected.kind !== 'dict' || at.kind !== 'str') return undefined;
  return dictGet(expected, at.value);
}

/** What proves a `same` answer: SHA-256 of the call's nonce and the array's float64 bytes. */
export function sameProof(nonce: string, data: Float64Array): string {
  return createHash('sha256')
    .update(Buffer.from(nonce, 'hex'))
    .update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    .digest('hex');
}

/** A `same` answer that does not prove it holds the expected bytes (not something the harness would send). */
export class UnprovenSameError extends Error {
  constructor() {
    super('the answer claimed a returned array equals the expected one without proving it');
    this.name = 'UnprovenSameError';
  }
}

/**
 * A returned value. A `same` marker takes its data from `expected` only when its proof is the digest of the
 * call's `nonce` and the expected bytes: something only a process that held those bytes can compute.
 */
export function fromWire(w: WireValue, expected?: PyValue, nonce?: string): PyValue {
  switch (w.t) {
    case 'same':
      if (expected?.kind !== 'array' || nonce === undefined || typeof w.proof !== 'string' || sameProof(nonce, expected.data) !== w.proof) {
        throw new UnprovenSameError();
      }
      return { kind: 'array', dtype: w.dtype, shape: w.shape, data: expected.data };
    case 'ndarray':
      return { kind: 'array', dtype: w.dtype, shape: w.shape, data: decodeArrayData(w.dtype, w.shape, w.data) };
    case 'float':
      return { kind: 'float', value: wireFloat(w.v) };
    case 'int':
      return { kind: 'int', value: Number(w.v) };
    case 'bool':
      return { kind: 'bool', value: w.v };
    case 'str':
      return { kind: 'str', value: w.v };
    case 'none':
      return { kind: 'none' };
    case 'list':
    case 'tuple':
      return { kind: w.t, items: w.items.map((item, i) => fromWire(item, partOf(expected, i), nonce)) };
    case 'dict':
      return {
        kind: 'dict',
        entries: w.entries.map(([k, v]) => {
          const key = fromWire(k);
          return [key, fromWire(v, partOf(expected, key), nonce)];
        }),
      };
    case 'other':
      return { kind: 'other', type: w.type, repr: w.repr, ...(w.shape ? { shape: w.shape } : {}) };
    case 'ref':
      throw new Error('A ref cannot come back from the worker');
  }
}
