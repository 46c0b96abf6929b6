import { glibcLog } from './glibcLog';
import { MT19937 } from './mt19937';

/**
 * numpy's legacy `RandomState` (what `np.random.seed`, `randn`, `normal`,
 * `permutation` and `shuffle` use), bit for bit for the calls we need.
 *
 * @example
 * const rs = new RandomState(1);
 * rs.randn(2, 3); // the same six numbers as np.random.seed(1); np.random.randn(2, 3)
 */
export class RandomState {
  private readonly bits: MT19937;
  private hasGauss = false;
  private gauss = 0;

  constructor(seed = 0) {
    this.bits = new MT19937(seed);
  }

  /** `np.random.seed(n)`; also forgets the cached second normal, as numpy does. */
  seed(seed: number): void {
    this.bits.seed(seed);
    this.hasGauss = false;
    this.gauss = 0;
  }

  /** One double in [0, 1), `np.random.random_sample()`. */
  random(): number {
    return this.bits.nextDouble();
  }

  /** `np.random.rand(size)`: `size` uniform doubles in C order. */
  rand(size: number): Float64Array {
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = this.bits.nextDouble();
    return out;
  }

  /** One standard normal by the legacy polar method, which yields normals in pairs. */
  standardNormal(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      return this.gauss;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.bits.nextDouble() - 1;
      x2 = 2 * this.bits.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    // numpy calls the C library's log; Math.log differs from glibc's in the last bit for a few per cent of inputs.
    const f = Math.sqrt((-2 * glibcLog(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** `np.random.randn(...shape)` flattened in C order. */
  randn(...shape: number[]): Float64Array {
    const out = new Float64Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < out.length; i++) out[i] = this.standardNormal();
    return out;
  }

  /** `np.random.normal(loc, scale, size)` flattened in C order. */
  normal(loc: number, scale: number, size: number): Float64Array {
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = loc + scale * this.standardNormal();
    return out;
  }

  /** An integer in [0, max], numpy's `random_interval` (masked rejection sampling). */
  interval(max: number): number {
    if (max === 0) return 0;
    if (max > 0xffffffff) throw new RangeError('interval: max above 2**32 - 1 is not supported');
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    while ((value = (this.bits.nextUint32() & mask) >>> 0) > max);
    return value;
  }

  /** `np.random.shuffle(a)` for a 1-d array, in place. */
  shuffle<T extends { length: number; [i: number]: number }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const tmp = a[i]!;
      a[i] = a[j]!;
      a[j] = tmp;
    }
    return a;
  }

  /** `np.random.permutation(n)`: a shuffled `arange(n)`. */
  permutation(n: number): Int32Array {
    const a = new Int32Array(n);
    for (let i = 0; i < n; i++) a[i] = i;
    return this.shuffle(a);
  }
}
