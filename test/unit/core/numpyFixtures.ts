// Typed access to test/fixtures/numpy/*.json (written by scripts/make_fixtures.py) and the
// comparisons the core tests share.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromNested, type Matrix } from '../../../src/core/linalg/matrix';

export type Nested = number[][];
export type NestedDict = Record<string, Nested>;

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'numpy', name), 'utf8')) as T;
}

export function toMatrices(dict: NestedDict): Record<string, Matrix> {
  return Object.fromEntries(Object.entries(dict).map(([k, v]) => [k, fromNested(v)]));
}

/** `np.allclose(actual, expected, rtol, atol)` element by element, naming the first element that is off. */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, atol = 0, what = 'value'): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const [a, e] = [actual[i]!, expected[i]!];
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) assert.fail(`${what}[${i}] = ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
  }
}

export function assertMatrixClose(actual: Matrix | undefined, expected: Nested, rtol: number, atol = 0, what = 'matrix'): void {
  assert.ok(actual, `${what} is missing`);
  const e = fromNested(expected);
  assert.deepEqual([actual.rows, actual.cols], [e.rows, e.cols], `${what}: shape`);
  assertClose(actual.data, e.data, rtol, atol, what);
}

/** Every key of `expected` present in `actual` with the same shape and close values, and no other key. */
export function assertDictClose(actual: Record<string, Matrix>, expected: NestedDict, rtol: number, atol = 0, what = 'dict'): void {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${what}: keys`);
  for (const [k, v] of Object.entries(expected)) assertMatrixClose(actual[k], v, rtol, atol, `${what}.${k}`);
}

/** Bit-for-bit equality (Object.is, so 0 and -0 differ as they do in numpy's output only by sign). */
export function assertBitwise(actual: ArrayLike<number>, expected: ArrayLike<number>, what = 'value'): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    if (actual[i] !== expected[i]) assert.fail(`${what}[${i}] = ${actual[i]}, numpy gives ${expected[i]}`);
  }
}
