import type { Matrix } from '../linalg/matrix';

/** The notebook's `parameters` dictionary: keys `W1`, `b1`, ..., `WL`, `bL`. */
export type Parameters = Record<string, Matrix>;

/** The notebook's `grads` / `v` / `s` dictionaries: keys `dW1`, `db1`, ..., `dWL`, `dbL`. */
export type Grads = Record<string, Matrix>;

/**
 * Number of layers L of a parameters dictionary, as the notebook's `len(parameters) // 2`.
 *
 * @example
 * layerCount(initializeParameters([2, 5, 2, 1])); // 3
 */
export function layerCount(parameters: Parameters): number {
  return Math.floor(Object.keys(parameters).length / 2);
}

/**
 * `parameters[key]`, with an error that names a missing key instead of a later TypeError.
 *
 * @example
 * entry(parameters, 'W1'); // W1; entry(parameters, 'W9') throws 'Missing key "W9"'
 */
export function entry(dict: Record<string, Matrix>, key: string): Matrix {
  const m = dict[key];
  if (m === undefined) throw new Error(`Missing key "${key}"`);
  return m;
}
