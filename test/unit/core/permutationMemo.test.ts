// The permutation memo: a run over as many examples with the same seed reshuffles exactly as numpy does,
// from the permutations the run before made; anything else is computed as before.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeMoons } from '../../../src/core/data/moons';
import { RandomState } from '../../../src/core/random/randomState';
import { defaultTrainConfig } from '../../../src/core/trainer/trainConfig';
import { BUDGET_BYTES, PermutationMemo, permutationMemo } from '../../../src/core/trainer/permutationMemo';
import { train } from '../../../src/core/trainer/trainer';

const numpyPermutation = (seed: number, m: number): number[] => Array.from(new RandomState(seed).permutation(m));
const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));

describe('PermutationMemo', () => {
  it('keeps a run of consecutive seeds and gives back numpy\'s permutations; other sizes and seeds miss', () => {
    const memo = new PermutationMemo();
    for (let seed = 11; seed < 31; seed++) memo.put(seed, Int32Array.from(numpyPermutation(seed, 300)), seed === 11);
    const into = new Int32Array(300);
    for (const seed of [11, 20, 30]) {
      assert.ok(memo.get(300, seed, into), `seed ${seed}`);
      assert.deepEqual(Array.from(into), numpyPermutation(seed, 300));
    }
    assert.equal(memo.get(300, 31, into), false, 'not made yet');
    assert.equal(memo.get(300, 10, into), false, 'before the first');
    assert.equal(memo.get(299, 11, new Int32Array(299)), false, 'another number of examples');
    // A seed that does not follow is not kept; a new first epoch starts over.
    memo.put(40, Int32Array.from(numpyPermutation(40, 300)), false);
    assert.equal(memo.get(300, 40, into), false);
    memo.put(5, Int32Array.from(numpyPermutation(5, 300)), true);
    assert.equal(memo.get(300, 11, into), false);
    assert.ok(memo.get(300, 5, into));
  });

  it('stays within its budget, also for more than 65 535 examples (32-bit indices)', () => {
    const memo = new PermutationMemo();
    const m = 70_000;
    const fits = Math.floor(BUDGET_BYTES / 4 / m);
    const order = Int32Array.from({ length: m }, (_, i) => m - 1 - i);
    for (let k = 0; k < fits + 3; k++) memo.put(1 + k, order, k === 0);
    const into = new Int32Array(m);
    assert.ok(memo.get(m, fits, into), 'the last that fits');
    assert.deepEqual(into.subarray(0, 3), Int32Array.from([m - 1, m - 2, m - 3]));
    assert.equal(memo.get(m, fits + 1, into), false, 'past the budget');
  });

  it("a second run with the same seed (served from the memo) has the first run's bits, for every optimizer", () => {
    const { X, Y } = makeMoons(300, 0.2, 3);
    for (const optimizer of ['gd', 'momentum', 'adam', 'rmsprop'] as const) {
      const config = { ...defaultTrainConfig(optimizer), numEpochs: 300, recordEvery: 10 };
      permutationMemo.clear();
      const cold = train(X, Y, config);
      assert.ok(permutationMemo.get(300, config.seed + 300, new Int32Array(300)), 'the cold run kept its last epoch');
      const warm = train(X, Y, config); // every epoch's permutation from the memo
      const longer = train(X, Y, { ...config, numEpochs: 350 }); // 300 from the memo, then computed
      assert.ok(same(cold.costs, warm.costs), optimizer);
      for (const k of Object.keys(cold.parameters)) assert.ok(same(cold.parameters[k]!.data, warm.parameters[k]!.data), `${optimizer} ${k}`);
      permutationMemo.clear();
      const longerCold = train(X, Y, { ...config, numEpochs: 350 });
      assert.ok(same(longer.costs, longerCold.costs), `${optimizer}: a longer run after a shorter one`);
    }
  });
});
