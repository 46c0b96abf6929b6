/**
 * `np.random.seed(seed); np.random.permutation(m)` into a preallocated Int32Array, as one tight
 * loop. The training loop reseeds every epoch, and through RandomState's general-purpose methods
 * the reseed and shuffle cost nearly as much as an epoch's arithmetic on the notebook's network.
 * Bit for bit the same draws as RandomState (MT19937 `init_genrand`, then numpy's legacy shuffle
 * with masked rejection sampling); the tests compare the two for many seeds and sizes.
 *
 * @example
 * new EpochShuffle(new Int32Array(300)).permute(11); // np.random.seed(11); np.random.permutation(300)
 */
export class EpochShuffle {
  // Int32Array and `| 0` keep every value in V8's int32 representation (no float conversions).
  private readonly mt = new Int32Array(624);

  constructor(readonly order: Int32Array) {}

  /** Fills `order` with the permutation numpy's legacy generator makes after `np.random.seed(seed)`. */
  permute(seed: number): Int32Array {
    const mt = this.mt;
    const order = this.order;
    let word = seed | 0;
    mt[0] = word;
    for (let i = 1; i < 624; i++) {
      word = (Math.imul(1812433253, word ^ (word >>> 30)) + i) | 0;
      mt[i] = word;
    }
    for (let i = 0; i < order.length; i++) order[i] = i;
    // MT19937 regenerates all 624 words before its first output; word k of the new state needs
    // only words k and k + 1 of the old one and word k + 397 (old) or k - 227 (new), so it can be
    // regenerated just before it is used. A shuffle of a few hundred examples then skips
    // regenerating words it never reads.
    let k = 0;
    // The smallest all-ones mask >= i, kept as i falls (it halves when i drops below a power of two).
    let mask = order.length - 1;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    for (let i = order.length - 1; i > 0; i--) {
      if (i <= mask >>> 1) mask >>>= 1;
      let j: number;
      do {
        const upper = mt[k]! & 0x80000000;
        const lower = mt[k === 623 ? 0 : k + 1]! & 0x7fffffff;
        const x = upper | lower;
        let y = mt[k < 227 ? k + 397 : k - 227]! ^ (x >>> 1) ^ (-(x & 1) & 0x9908b0df);
        mt[k] = y;
        k = k === 623 ? 0 : k + 1;
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        j = y & mask;
      } while (j > i);
      const tmp = order[i]!;
      order[i] = order[j]!;
      order[j] = tmp;
    }
    return order;
  }
}
