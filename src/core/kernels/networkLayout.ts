import type { Parameters } from '../nn/parameters';
import { entry } from '../nn/parameters';

/**
 * Where each W_l and b_l of a network lives in one flat Float64Array, so the training loop can
 * keep parameters, gradients and optimizer state in four preallocated buffers of the same shape.
 * W_l (n_l x n_{l-1}, row-major) is followed by b_l (n_l), for l = 1..L.
 */
export interface NetworkLayout {
  readonly dims: readonly number[];
  /** L, the number of weight layers (`len(layers_dims) - 1`). */
  readonly layers: number;
  /** Offset of W_l at index l - 1. */
  readonly wOffset: readonly number[];
  /** Offset of b_l at index l - 1. */
  readonly bOffset: readonly number[];
  /** Total number of parameters. */
  readonly size: number;
}

/**
 * The offsets of every W_l and b_l of a network with layer sizes `dims` (the notebook's `layers_dims`).
 *
 * @example
 * networkLayout([2, 5, 2, 1]); // wOffset [0, 15, 27], bOffset [10, 25, 29], size 30
 */
export function networkLayout(dims: readonly number[]): NetworkLayout {
  const wOffset: number[] = [];
  const bOffset: number[] = [];
  let size = 0;
  for (let l = 1; l < dims.length; l++) {
    const rows = dims[l]!;
    const cols = dims[l - 1]!;
    wOffset.push(size);
    size += rows * cols;
    bOffset.push(size);
    size += rows;
  }
  return { dims: [...dims], layers: dims.length - 1, wOffset, bOffset, size };
}

/**
 * Copies a `parameters` dictionary into `flat` laid out as `layout`.
 *
 * @example
 * packParameters(layout, initializeParameters([2, 5, 2, 1]), flat); // flat[0..10) is W1 row by row, flat[10..15) b1
 */
export function packParameters(layout: NetworkLayout, parameters: Parameters, flat: Float64Array): void {
  for (let l = 1; l <= layout.layers; l++) {
    const rows = layout.dims[l]!;
    const cols = layout.dims[l - 1]!;
    const w = entry(parameters, `W${l}`);
    const b = entry(parameters, `b${l}`);
    if (w.rows !== rows || w.cols !== cols || b.rows !== rows || b.cols !== 1) {
      throw new RangeError(`W${l}/b${l} have shapes (${w.rows}, ${w.cols})/(${b.rows}, ${b.cols}), expected (${rows}, ${cols})/(${rows}, 1)`);
    }
    flat.set(w.data, layout.wOffset[l - 1]!);
    flat.set(b.data, layout.bOffset[l - 1]!);
  }
}

/**
 * A fresh `parameters` dictionary (W1, b1, ...) holding a copy of `flat`.
 *
 * @example
 * unpackParameters(networkLayout([2, 1]), Float64Array.of(0.5, -1, 2)); // { W1: [[0.5, -1]], b1: [[2]] }
 */
export function unpackParameters(layout: NetworkLayout, flat: Float64Array): Parameters {
  const parameters: Parameters = {};
  for (let l = 1; l <= layout.layers; l++) {
    const rows = layout.dims[l]!;
    const cols = layout.dims[l - 1]!;
    const w = layout.wOffset[l - 1]!;
    const b = layout.bOffset[l - 1]!;
    parameters[`W${l}`] = { rows, cols, data: flat.slice(w, w + rows * cols) };
    parameters[`b${l}`] = { rows, cols: 1, data: flat.slice(b, b + rows) };
  }
  return parameters;
}
