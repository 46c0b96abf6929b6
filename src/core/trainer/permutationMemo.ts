/**
 * The epochs' permutations of the last run, kept for the next run over as many examples with the same seed.
 * numpy's loop reseeds every epoch with seed + epoch + 1, so the reshuffle depends on nothing the run learns:
 * a comparison's optimizers, a re-run and every step of live scrubbing (which changes a learning rate, not the
 * seed) reshuffle exactly as the run before, and on the notebook's network the reshuffle is about a fifth of a
 * run. Bounded: past {@link BUDGET_BYTES} the remaining epochs are computed as before.
 *
 * One memo per thread (module-level: a worker thread keeps it between runs); runs in the same thread are
 * synchronous, so it is never read while it is written.
 */

/** 10 000 epochs of the notebook's 300 examples take 6 MB (16-bit indices). */
export const BUDGET_BYTES = 16 * 1024 * 1024;

export class PermutationMemo {
  private m = -1;
  private firstSeed = NaN;
  private count = 0;
  private data: Uint16Array | Int32Array = new Uint16Array(0);

  /** Copies the permutation of `seed` over `m` examples into `into`; false when it is not kept. */
  get(m: number, seed: number, into: Int32Array): boolean {
    const k = seed - this.firstSeed;
    if (m !== this.m || !(k >= 0 && k < this.count) || into.length !== m) return false;
    into.set(this.data.subarray(k * m, (k + 1) * m));
    return true;
  }

  /**
   * Keeps `order`, the permutation of `seed` over its length: the first epoch of a run starts a new memo;
   * a later epoch is added when it follows the last one kept (and the budget allows).
   */
  put(seed: number, order: Int32Array, firstEpoch: boolean): void {
    const m = order.length;
    if (firstEpoch && !(m === this.m && seed === this.firstSeed)) {
      this.m = m;
      this.firstSeed = seed;
      this.count = 0;
    } else if (m !== this.m || seed !== this.firstSeed + this.count) {
      return;
    }
    const wide = m > 0xffff;
    const limit = BUDGET_BYTES / (wide ? 4 : 2);
    const needed = (this.count + 1) * m;
    if (needed > limit) return;
    if (needed > this.data.length || wide !== this.data instanceof Int32Array) {
      // Another width only comes with another m, which restarted the memo: nothing kept is lost.
      const size = Math.min(limit, Math.max(needed, 2 * this.data.length));
      const grown = wide ? new Int32Array(size) : new Uint16Array(size);
      grown.set(this.data.subarray(0, this.count * m));
      this.data = grown;
    }
    this.data.set(order, this.count * m);
    this.count += 1;
  }

  /** Forgets everything (the bench times a run without it). */
  clear(): void {
    this.m = -1;
    this.firstSeed = NaN;
    this.count = 0;
    this.data = new Uint16Array(0);
  }
}

/** This thread's memo, shared by every TrainingRun. */
export const permutationMemo = new PermutationMemo();
