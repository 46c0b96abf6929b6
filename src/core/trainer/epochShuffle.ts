import { initGenrandWord, temper } from '../random/mt19937';

const N = 624;
/** Seeds seeded together when the caller walks consecutive seeds (the trainer's one per epoch). */
const BLOCK = 4;

// Module-level scratch: permute() is synchronous, so instances can share it, and TurboFan embeds
// the address of a module-level constant array instead of reloading an array's base and length
// on every iteration of the draw loop (measured: ~2 ms of ~30 per 10 000 permutations).
/** The MT19937 state being drawn from. */
const mt = new Int32Array(N);
/** States of seed + 1 .. seed + BLOCK - 1 while a block is made. */
const ahead = [new Int32Array(N), new Int32Array(N), new Int32Array(N)] as const;

/**
 * `np.random.seed(seed); np.random.permutation(m)` into a preallocated Int32Array, as one tight
 * loop. The training loop reseeds every epoch, and through RandomState's general-purpose methods
 * the reseed and shuffle cost nearly as much as an epoch's arithmetic on the notebook's network.
 * Bit for bit the same draws as RandomState (MT19937 `init_genrand`, then numpy's legacy shuffle
 * with masked rejection sampling); the tests compare the two for many seeds and sizes.
 *
 * When `permute` is called with the seed after the previous call's, it makes the permutations of
 * the next {@link BLOCK} seeds at once and serves the following calls from them: `init_genrand` is
 * a chain of 624 dependent multiplies, and running four chains side by side costs little more
 * than one. Any other seed is computed on its own, so random access pays nothing extra.
 *
 * @example
 * new EpochShuffle(new Int32Array(300)).permute(11); // np.random.seed(11); np.random.permutation(300)
 */
export class EpochShuffle {
  private readonly identity: Int32Array;
  /** Permutations of blockSeed + 1 .. blockSeed + BLOCK - 1. */
  private readonly made: Int32Array[];
  private blockSeed = NaN;
  private lastSeed = NaN;

  constructor(readonly order: Int32Array) {
    this.identity = Int32Array.from({ length: order.length }, (_, i) => i);
    this.made = Array.from({ length: BLOCK - 1 }, () => new Int32Array(order.length));
  }

  /** Fills `order` with the permutation numpy's legacy generator makes after `np.random.seed(seed)`. */
  permute(seed: number): Int32Array {
    const order = this.order;
    const previous = this.lastSeed;
    this.lastSeed = seed;
    for (let d = 1; d < BLOCK; d++) {
      // Compared as blockSeed + d, the number the block was seeded with, so any seed (even one
      // that `| 0` wraps or truncates) gets the same words as computing it on its own.
      if (seed === this.blockSeed + d) {
        order.set(this.made[d - 1]!);
        return order;
      }
    }
    if (seed !== previous + 1) {
      let word = seed | 0;
      mt[0] = word;
      for (let i = 1; i < N; i++) {
        word = initGenrandWord(word, i);
        mt[i] = word;
      }
      shuffle(order, this.identity);
      return order;
    }
    const [b, c, d] = ahead;
    let wa = seed | 0;
    let wb = (seed + 1) | 0;
    let wc = (seed + 2) | 0;
    let wd = (seed + 3) | 0;
    mt[0] = wa;
    b[0] = wb;
    c[0] = wc;
    d[0] = wd;
    for (let i = 1; i < N; i++) {
      wa = initGenrandWord(wa, i);
      wb = initGenrandWord(wb, i);
      wc = initGenrandWord(wc, i);
      wd = initGenrandWord(wd, i);
      mt[i] = wa;
      b[i] = wb;
      c[i] = wc;
      d[i] = wd;
    }
    shuffle(order, this.identity);
    for (let n = 0; n < BLOCK - 1; n++) {
      mt.set(ahead[n]!);
      shuffle(this.made[n]!, this.identity);
    }
    this.blockSeed = seed;
    return order;
  }
}

/** numpy's legacy shuffle of `order` (filled with 0..m-1 first), drawing from the seeded `mt`. */
function shuffle(order: Int32Array, identity: Int32Array): void {
  order.set(identity);
  let i = order.length - 1;
  // The smallest all-ones mask >= i, kept as i falls (it halves when i drops to `half`).
  let mask = 0xffffffff >>> Math.clz32(i);
  let half = mask >>> 1;
  // MT19937 regenerates all 624 words before its first output; word k of the new state needs
  // only words k and k + 1 of the old one and word k + 397 (old) or k - 227 (new), so it is
  // regenerated just before it is used, and a shuffle of a few hundred skips words it never reads.
  let k = 0;
  while (i > 0) {
    // Three runs of k with fixed offsets: [0, 227) pairs with k + 397, [227, 623) with k - 227,
    // and 623 takes its low bits from word 0 (already new), then the next state starts over.
    const end = k < 227 ? 227 : k < 623 ? 623 : N;
    const partner = k < 227 ? 397 : -227;
    const step = k < 623 ? 1 : -623;
    for (; k < end && i > 0; k++) {
      const x = (mt[k]! & 0x80000000) | (mt[k + step]! & 0x7fffffff);
      const word = mt[k + partner]! ^ (x >>> 1) ^ (-(x & 1) & 0x9908b0df);
      mt[k] = word;
      const y = temper(word);
      // Rejection sampling without a branch on the rejection (about one draw in three is rejected,
      // at random, so a branch there mispredicts often): a rejected j leaves i as it is and swaps
      // order[i] with itself.
      const j = y & mask;
      const rejected = (i - j) >> 31;
      const swapWith = j ^ ((j ^ i) & rejected);
      const t = order[i]!;
      order[i] = order[swapWith]!;
      order[swapWith] = t;
      i = i - 1 - rejected;
      if (i <= half) {
        mask = half;
        half >>>= 1;
      }
    }
    if (k === N) k = 0;
  }
}
