import type { NetworkLayout } from './networkLayout';

/**
 * The network's forward pass on flat parameters, one example at a time (no WebAssembly, no allocation
 * per example): what the accuracy and the trainer's saturation check need outside the kernels.
 */
export class FlatForward {
  private prev: Float64Array;
  private next: Float64Array;

  constructor(
    private readonly layout: NetworkLayout,
    private readonly params: Float64Array,
    private readonly xt: Float64Array,
  ) {
    const widest = Math.max(...layout.dims);
    this.prev = new Float64Array(widest);
    this.next = new Float64Array(widest);
  }

  /** The sigmoid outputs of example j (sample-major xt); valid until the next call. */
  outputs(j: number): Float64Array {
    const { dims, layers: L, wOffset, bOffset } = this.layout;
    const { params, xt } = this;
    const n0 = dims[0]!;
    let prev = this.prev;
    let next = this.next;
    for (let k = 0; k < n0; k++) prev[k] = xt[j * n0 + k]!;
    for (let l = 1; l <= L; l++) {
      const rows = dims[l]!;
      const cols = dims[l - 1]!;
      const w = wOffset[l - 1]!;
      for (let i = 0; i < rows; i++) {
        let z = params[w + i * cols]! * prev[0]!;
        for (let k = 1; k < cols; k++) z += params[w + i * cols + k]! * prev[k]!;
        z += params[bOffset[l - 1]! + i]!;
        next[i] = l < L ? Math.max(0, z) : 1 / (1 + Math.exp(-z));
      }
      [prev, next] = [next, prev];
    }
    this.prev = prev;
    this.next = next;
    return prev;
  }
}
