import { formatNumber, formatShape, formatValue } from './formatValue';
import { dictKeys, pyTypeName, type PyValue } from './pyValue';
import type { CheckResult } from './types';

/** numpy's allclose: |actual - expected| <= atol + rtol * |expected|. */
export const RTOL = 1e-5;
export const ATOL = 1e-8;

export type MismatchKind = 'missing-key' | 'extra-key' | 'type' | 'length' | 'shape' | 'value';

/** The first place where a returned value differs from the expected one. */
export interface Mismatch
  extends Pick<CheckResult, 'message' | 'index' | 'expected' | 'actual' | 'maxAbsError' | 'maxRelError' | 'expectedText' | 'actualText'> {
  kind: MismatchKind;
  /** Python-like path of the differing value: `parameters["W2"]`, `mini_batches[2][1]`. */
  key: string;
  /** For missing keys: the keys the returned dict has. */
  actualKeys?: string[];
}

function isNumeric(v: PyValue): v is Extract<PyValue, { kind: 'float' | 'int' | 'bool' }> {
  return v.kind === 'float' || v.kind === 'int' || v.kind === 'bool';
}
function numericValue(v: Extract<PyValue, { kind: 'float' | 'int' | 'bool' }>): number {
  return v.kind === 'bool' ? (v.value ? 1 : 0) : v.value;
}

function unravel(flat: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length).fill(0);
  for (let d = shape.length - 1; d >= 0; d--) {
    const n = shape[d]!;
    out[d] = flat % n;
    flat = Math.floor(flat / n);
  }
  return out;
}

function close(e: number, a: number, nanEqual: boolean): boolean {
  if (Number.isNaN(e) || Number.isNaN(a)) return nanEqual && Number.isNaN(e) && Number.isNaN(a);
  if (!Number.isFinite(e) || !Number.isFinite(a)) return e === a;
  return Math.abs(a - e) <= ATOL + RTOL * Math.abs(e);
}

interface ElementComparison {
  firstBad: number;
  maxAbs: number;
  maxRel: number;
}

function compareElements(expected: Float64Array, actual: Float64Array, nanEqual: boolean): ElementComparison {
  if (expected === actual) {
    // A proven `same` answer (pyValue.fromWire) shares the expected array: only a NaN can make it differ,
    // and the notebook's mini-batch input makes the general loop below cost tens of milliseconds.
    let nan = -1;
    for (let i = 0; i < expected.length && nan < 0; i++) if (Number.isNaN(expected[i]!)) nan = i;
    if (nan < 0) return { firstBad: -1, maxAbs: 0, maxRel: 0 };
    return { firstBad: nanEqual ? -1 : nan, maxAbs: Infinity, maxRel: 0 }; // as the loop below says it
  }
  let firstBad = -1;
  let maxAbs = 0;
  let maxRel = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const a = actual[i]!;
    if (!close(e, a, nanEqual)) {
      if (firstBad < 0) firstBad = i;
    }
    const abs = Number.isNaN(a) || Number.isNaN(e) ? Infinity : Math.abs(a - e);
    if (abs > maxAbs || Number.isNaN(abs)) maxAbs = abs;
    const rel = abs === 0 ? 0 : e === 0 ? Infinity : abs / Math.abs(e);
    if (rel > maxRel) maxRel = rel;
  }
  return { firstBad, maxAbs, maxRel };
}

function formatError(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(2) : 'inf';
}

/** An element as Python prints it: True / False for bool arrays (the notebook's Y). */
function formatElement(x: number, dtype: string): string {
  return dtype === '|b1' ? (x !== 0 ? 'True' : 'False') : formatNumber(x);
}

function indexText(index: number[]): string {
  return index.map((i) => `[${i}]`).join('');
}

/**
 * The first difference between what the reference returns and what the learner's function returned, or
 * undefined when they agree within numpy's allclose tolerance. Lists and tuples are interchangeable.
 */
export function findMismatch(expected: PyValue, actual: PyValue, key: string, nanEqual = false): Mismatch | undefined {
  if (expected.kind === 'array') {
    if (actual.kind !== 'array') {
      if (actual.kind === 'other' && actual.shape) {
        return { kind: 'type', key, message: `${key} is an array of ${actual.type.replace(/^ndarray\[|\]$/g, '')}, expected numbers` };
      }
      return typeMismatch(expected, actual, key);
    }
    if (actual.shape.length !== expected.shape.length || actual.shape.some((n, i) => n !== expected.shape[i])) {
      return {
        kind: 'shape',
        key,
        message: `${key} has shape ${formatShape(actual.shape)}, expected ${formatShape(expected.shape)}`,
        expectedText: formatValue(expected),
        actualText: formatValue(actual),
      };
    }
    const { firstBad, maxAbs, maxRel } = compareElements(expected.data, actual.data, nanEqual);
    if (firstBad < 0) return undefined;
    const index = unravel(firstBad, expected.shape);
    const e = expected.data[firstBad]!;
    const a = actual.data[firstBad]!;
    return {
      kind: 'value',
      key,
      index,
      expected: e,
      actual: a,
      maxAbsError: maxAbs,
      maxRelError: maxRel,
      message: `${key}${indexText(index)}: expected ${formatElement(e, expected.dtype)}, got ${formatElement(a, actual.dtype)} (largest error: absolute ${formatError(maxAbs)}, relative ${formatError(maxRel)})`,
      expectedText: formatValue(expected),
      actualText: formatValue(actual),
    };
  }
  if (isNumeric(expected)) {
    if (!isNumeric(actual)) {
      if (actual.kind === 'array' && actual.shape.length === 0) return findMismatch(expected, { kind: 'float', value: actual.data[0]! }, key, nanEqual);
      return typeMismatch(expected, actual, key);
    }
    const e = numericValue(expected);
    const a = numericValue(actual);
    if (close(e, a, nanEqual)) return undefined;
    return { kind: 'value', key, expected: e, actual: a, message: `${key}: expected ${formatNumber(e)}, got ${formatNumber(a)}` };
  }
  if (expected.kind === 'list' || expected.kind === 'tuple') {
    if (actual.kind !== 'list' && actual.kind !== 'tuple') return typeMismatch(expected, actual, key);
    if (actual.items.length !== expected.items.length) {
      return {
        kind: 'length',
        key,
        message: `${key} has ${actual.items.length} item${actual.items.length === 1 ? '' : 's'}, expected ${expected.items.length}`,
      };
    }
    for (let i = 0; i < expected.items.length; i++) {
      const m = findMismatch(expected.items[i]!, actual.items[i]!, `${key}[${i}]`, nanEqual);
      if (m) return m;
    }
    return undefined;
  }
  if (expected.kind === 'dict') {
    if (actual.kind !== 'dict') return typeMismatch(expected, actual, key);
    const actualKeys = dictKeys(actual);
    for (const [k, e] of expected.entries) {
      if (k.kind !== 'str') continue;
      const found = actual.entries.find(([ak]) => ak.kind === 'str' && ak.value === k.value);
      if (!found) {
        const shown = actualKeys.length === 0 ? 'it is empty' : `it has ${actualKeys.map((x) => JSON.stringify(x)).join(', ')}`;
        return { kind: 'missing-key', key: `${key}[${JSON.stringify(k.value)}]`, message: `${key} has no key ${JSON.stringify(k.value)} (${shown})`, actualKeys };
      }
      const m = findMismatch(e, found[1], `${key}[${JSON.stringify(k.value)}]`, nanEqual);
      if (m) return m;
    }
    const expectedKeys = new Set(dictKeys(expected));
    const extra = actual.entries.find(([ak]) => ak.kind !== 'str' || !expectedKeys.has(ak.value));
    if (extra) {
      const name = extra[0].kind === 'str' ? JSON.stringify(extra[0].value) : formatValue(extra[0]);
      return { kind: 'extra-key', key: `${key}[${name}]`, message: `${key} has an unexpected key ${name}`, actualKeys };
    }
    return undefined;
  }
  if (expected.kind !== actual.kind) return typeMismatch(expected, actual, key);
  if (expected.kind === 'str' && actual.kind === 'str' && expected.value !== actual.value) {
    return { kind: 'value', key, message: `${key}: expected ${JSON.stringify(expected.value)}, got ${JSON.stringify(actual.value)}` };
  }
  return undefined;
}

function typeMismatch(expected: PyValue, actual: PyValue, key: string): Mismatch {
  const what = actual.kind === 'none' ? 'None' : `a ${pyTypeName(actual)}`;
  return {
    kind: 'type',
    key,
    message: `${key} is ${what}, expected a ${pyTypeName(expected)}`,
    expectedText: formatValue(expected),
    actualText: formatValue(actual),
  };
}

/** Equal within tolerance, NaN matching NaN: for telling whether a known mistake produced `actual`. */
export function sameValue(a: PyValue, b: PyValue): boolean {
  return findMismatch(a, b, '', true) === undefined;
}
