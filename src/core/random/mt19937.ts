/**
 * The Mersenne Twister MT19937 bit generator, seeded as numpy's legacy
 * `np.random.seed(n)` does for an integer n (`init_genrand`).
 */
const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/**
 * Word i of `init_genrand`'s state from word i - 1, as a signed 32-bit integer (store it in an
 * Int32Array or Uint32Array: the bits are the same). Math.imul keeps the product exact where a
 * double multiply would round.
 */
export function initGenrandWord(previous: number, i: number): number {
  return (Math.imul(1812433253, previous ^ (previous >>> 30)) + i) | 0;
}

/** MT19937's tempering of a state word into an output, as a signed 32-bit integer (`>>> 0` for the unsigned one). */
export function temper(word: number): number {
  let y = word;
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  y ^= y >>> 18;
  return y;
}

/**
 * The generator's 624-word state, seeded by `seed`; 32-bit words (`nextUint32`) and 53-bit doubles (`nextDouble`).
 *
 * @example
 * new MT19937(5489).nextUint32(); // 3499211612, the reference implementation's first output
 */
export class MT19937 {
  private readonly mt = new Uint32Array(N);
  private mti = N + 1;

  constructor(seed: number) {
    this.seed(seed);
  }

  /** `init_genrand`: seed must be an integer in [0, 2^32 - 1], as numpy requires. */
  seed(seed: number): void {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`Seed must be an integer between 0 and 2**32 - 1, got ${seed}`);
    }
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) mt[i] = initGenrandWord(mt[i - 1]!, i);
    this.mti = N;
  }

  /** Next 32-bit output as an unsigned integer. */
  nextUint32(): number {
    const mt = this.mt;
    if (this.mti >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
        mt[kk] = mt[kk + M]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
        mt[kk] = mt[kk + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      const y = (mt[N - 1]! & UPPER_MASK) | (mt[0]! & LOWER_MASK);
      mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.mti = 0;
    }
    return temper(mt[this.mti++]!) >>> 0;
  }

  /** A double in [0, 1) with 53 random bits, numpy's `random_standard_uniform`. */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}
