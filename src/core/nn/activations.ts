/**
 * `1 / (1 + exp(-z))`, written as numpy evaluates it.
 *
 * @example
 * sigmoid(0); // 0.5
 */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

// Two ReLUs, one per meaning: `relu` is numpy's, for the notebook as written (src/core/reference);
// `branchFreeRelu` is what both epoch kernels compute (src/core/kernels/CONTRACT.md). They agree for every
// |z| < 2**1023 and NaN (test/unit/core/trainerKernels.test.ts).

/**
 * `np.maximum(0, z)`, which lets NaN through so that a diverged run shows as NaN.
 *
 * @example
 * [relu(-2), relu(3)]; // [0, 3]
 */
export function relu(z: number): number {
  return z > 0 || Number.isNaN(z) ? z : 0;
}

/**
 * ReLU as the kernels compute it: `(z + |z|) / 2`, branch-free, which the trainer measured ~10%
 * faster than `Math.max(0, z)` (whose sign is unpredictable per example, so branches mispredict).
 * It equals numpy's `np.maximum(0, z)` bit for bit, NaN included, for every |z| < 2**1023.
 * It differs only for z = -Infinity (NaN instead of 0) and z >= 2**1023 (z + |z| overflows),
 * pre-activations that only a run whose weights have already overflowed can produce.
 * The WebAssembly kernel computes this same expression in its lanes so the two kernels agree bit for bit.
 *
 * @example
 * [branchFreeRelu(-2), branchFreeRelu(3)]; // [0, 3]
 */
export function branchFreeRelu(z: number): number {
  return (z + Math.abs(z)) * 0.5;
}
