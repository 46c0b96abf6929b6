import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RandomState } from '../../../src/core/random/randomState';
import { assertBitwise, assertWithinUlps, loadFixture } from './numpyFixtures';

interface Step {
  op: 'rand' | 'randn' | 'normal' | 'permutation' | 'shuffleArange' | 'seed';
  args: number[];
  values: number[];
}
const NORMAL_ULPS = 4;
const { streams } = loadFixture<{ streams: { seed: number; steps: Step[] }[] }>('random.json');

function replay(rs: RandomState, step: Step): ArrayLike<number> {
  const a = step.args;
  switch (step.op) {
    case 'rand':
      return rs.rand(a[0]!);
    case 'randn':
      return rs.randn(...a);
    case 'normal':
      return rs.normal(a[0]!, a[1]!, a[2]!);
    case 'permutation':
      return rs.permutation(a[0]!);
    case 'shuffleArange':
      return rs.shuffle(Int32Array.from({ length: a[0]! }, (_, i) => i));
    case 'seed':
      rs.seed(a[0]!);
      return [];
  }
}

describe('RandomState against numpy legacy streams', () => {
  for (const { seed, steps } of streams) {
    // Uniforms and integer draws are pure MT19937 arithmetic: bit for bit. Normals go through
    // libm's log, which differs between V8 and glibc (and between glibc and macOS, so numpy itself
    // differs across platforms) in the last bit for a few per cent of draws. glibcLog.ts removes
    // that on Linux once standardNormal uses it (see glibcLog.test.ts); then this can be bitwise.
    it(`replays seed ${seed}: uniforms, permutations, shuffles bit for bit; normals within ${NORMAL_ULPS} ulps`, () => {
      const rs = new RandomState(seed);
      steps.forEach((step, i) => {
        const what = `seed ${seed} step ${i} ${step.op}(${step.args.join(', ')})`;
        const values = replay(rs, step);
        if (step.op === 'randn' || step.op === 'normal') assertWithinUlps(values, step.values, NORMAL_ULPS, what);
        else assertBitwise(values, step.values, what);
      });
    });
  }

  it('covers the seeds the brief names, including 0 and 2**32 - 1', () => {
    assert.deepEqual(
      streams.map((s) => s.seed),
      [0, 1, 3, 42, 2 ** 32 - 1],
    );
  });

  it('rejects seeds numpy rejects', () => {
    assert.throws(() => new RandomState(-1), /Seed must be an integer/);
    assert.throws(() => new RandomState(2 ** 32), /Seed must be an integer/);
    assert.throws(() => new RandomState(1.5), /Seed must be an integer/);
  });
});
