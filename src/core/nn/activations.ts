/**
 * `1 / (1 + exp(-z))`, written as numpy evaluates it.
 *
 * @example
 * sigmoid(0); // 0.5
 */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * `np.maximum(0, z)`, which lets NaN through so that a diverged run shows as NaN.
 *
 * @example
 * [relu(-2), relu(3)]; // [0, 3]
 */
export function relu(z: number): number {
  return z > 0 || Number.isNaN(z) ? z : 0;
}
