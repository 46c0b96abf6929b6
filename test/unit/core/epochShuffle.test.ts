import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RandomState } from '../../../src/core/random/randomState';
import { EpochShuffle } from '../../../src/core/trainer/epochShuffle';

/** np.random.seed(seed); np.random.permutation(m), through the general-purpose generator. */
function numpyPermutation(seed: number, m: number): number[] {
  return Array.from(new RandomState(seed).permutation(m));
}

/** Asks `shuffle` for each seed in turn and compares every answer with RandomState's. */
function checkWalk(shuffle: EpochShuffle, seeds: readonly number[]): void {
  const m = shuffle.order.length;
  for (const seed of seeds) {
    assert.deepEqual(Array.from(shuffle.permute(seed)), numpyPermutation(seed, m), `m=${m} seed=${seed} in walk ${seeds.join(',')}`);
  }
}

const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

// permute() makes the next few seeds' permutations when the seeds are consecutive and serves
// later calls from them; these walks cover entering, leaving and re-entering such a block.
describe('EpochShuffle: the seeds the trainer asks for, and any other order', () => {
  it('consecutive seeds (the trainer: config.seed + 1, + 2, ...) for sizes 1, 2, 3, 64, 300', () => {
    for (const m of [1, 2, 3, 64, 300]) checkWalk(new EpochShuffle(new Int32Array(m)), range(11, 40));
  });

  it('consecutive seeds for m = 5000 (several regenerations of the 624-word state per shuffle)', () => {
    checkWalk(new EpochShuffle(new Int32Array(5000)), range(0, 9));
  });

  it('non-consecutive, backwards, repeated and jumping into and out of a block', () => {
    const walks = [
      [5, 9, 2, 100, 7],
      [20, 19, 18, 17, 16, 15],
      [3, 3, 3, 4, 4, 5, 5],
      [10, 11, 13, 12, 14, 11, 15, 16, 10],
      [10, 11, 12, 11, 12, 13, 14, 15],
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 0],
    ];
    for (const m of [2, 3, 300]) {
      for (const walk of walks) checkWalk(new EpochShuffle(new Int32Array(m)), walk);
    }
  });

  it('seeds at the top of numpy\'s range, 2**32 - 1 included', () => {
    for (const m of [3, 300]) {
      checkWalk(new EpochShuffle(new Int32Array(m)), [0xfffffffc, 0xfffffffd, 0xfffffffe, 0xffffffff, 0x7fffffff, 0x80000000, 0x80000001]);
    }
  });

  it('a seed past 2**32 - 1 gets the same answer inside a block as on its own', () => {
    const walked = new EpochShuffle(new Int32Array(50));
    walked.permute(0xfffffffe);
    walked.permute(0xffffffff);
    const inBlock = Array.from(walked.permute(2 ** 32));
    assert.deepEqual(inBlock, Array.from(new EpochShuffle(new Int32Array(50)).permute(2 ** 32)));
  });

  it('m = 0 gives an empty permutation', () => {
    const shuffle = new EpochShuffle(new Int32Array(0));
    for (const seed of [1, 2, 3, 4, 5]) assert.equal(shuffle.permute(seed).length, 0);
  });

  it('is not disturbed by the caller writing into order, nor by other instances in between', () => {
    const a = new EpochShuffle(new Int32Array(300));
    const b = new EpochShuffle(new Int32Array(7));
    for (const seed of range(40, 12)) {
      assert.deepEqual(Array.from(a.permute(seed)), numpyPermutation(seed, 300), `a seed=${seed}`);
      a.order.fill(-1);
      assert.deepEqual(Array.from(b.permute(seed + 1000)), numpyPermutation(seed + 1000, 7), `b seed=${seed + 1000}`);
    }
  });

  it('returns the order array it was given', () => {
    const order = new Int32Array(10);
    const shuffle = new EpochShuffle(order);
    for (const seed of [1, 2, 3, 9]) assert.equal(shuffle.permute(seed), order);
  });
});
