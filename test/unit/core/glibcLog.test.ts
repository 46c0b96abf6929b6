import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fma, glibcLog } from '../../../src/core/random/glibcLog';
import { MT19937 } from '../../../src/core/random/mt19937';
import { assertBitwise, loadFixture } from './numpyFixtures';

const fixture = loadFixture<{ platform: string[]; x: number[]; log: number[]; randn_seed_1: number[] }>('libmLog.json');

/** a * b + c rounded once, computed exactly with BigInt: the oracle for the emulated fma. */
function exactFma(a: number, b: number, c: number): number {
  const parts = (d: number): { m: bigint; e: number } => {
    const u = new BigUint64Array(new Float64Array([d]).buffer)[0]!;
    const biased = Number((u >> 52n) & 0x7ffn);
    const m = (u & ((1n << 52n) - 1n)) | (biased === 0 ? 0n : 1n << 52n);
    return { m: u >> 63n ? -m : m, e: Math.max(biased, 1) - 1075 };
  };
  const [pa, pb, pc] = [parts(a), parts(b), parts(c)];
  const pe = pa.e + pb.e;
  let e = Math.min(pe, pc.e);
  const total = ((pa.m * pb.m) << BigInt(pe - e)) + (pc.m << BigInt(pc.e - e));
  if (total === 0n) return 0;
  let mag = total < 0n ? -total : total;
  const shift = mag.toString(2).length - 53;
  if (shift > 0) {
    const rest = mag & ((1n << BigInt(shift)) - 1n);
    const half = 1n << BigInt(shift - 1);
    mag >>= BigInt(shift);
    if (rest > half || (rest === half && (mag & 1n) === 1n)) mag += 1n;
    e += shift;
  }
  return (total < 0n ? -1 : 1) * Number(mag) * 2 ** e;
}

describe('glibcLog', () => {
  it(`equals glibc's log bit for bit on ${fixture.x.length} arguments (polar-method r2, near 1, whole range, subnormals)`, () => {
    assertBitwise(fixture.x.map(glibcLog), fixture.log, `glibcLog (fixture made on ${fixture.platform.join(' ')})`);
  });

  it('is what Math.log is not: the fixture holds arguments where they differ', () => {
    assert.ok(fixture.x.filter((x, i) => Math.log(x) !== fixture.log[i]).length > 50);
  });

  it('follows Math.log at the edges', () => {
    assert.deepEqual([0, -1, Infinity, Number.NaN, 1].map(glibcLog), [-Infinity, Number.NaN, Infinity, Number.NaN, 0]);
  });

  it('makes the legacy polar method give numpy normals bit for bit, where Math.log does not', () => {
    const polar = (log: (x: number) => number): number[] => {
      const bits = new MT19937(1);
      const normals: number[] = [];
      while (normals.length < fixture.randn_seed_1.length) {
        let x1: number, x2: number, r2: number;
        do {
          x1 = 2 * bits.nextDouble() - 1;
          x2 = 2 * bits.nextDouble() - 1;
          r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1 || r2 === 0);
        const f = Math.sqrt((-2 * log(r2)) / r2);
        normals.push(f * x2, f * x1); // numpy returns f * x2 and keeps f * x1 for the next call
      }
      return normals;
    };
    assertBitwise(polar(glibcLog), fixture.randn_seed_1, 'np.random.seed(1); randn(2000)');
    assert.notDeepEqual(polar(Math.log), fixture.randn_seed_1);
  });
});

describe('fma (emulated)', () => {
  it('rounds a * b + c once, as exact BigInt arithmetic does, on random and cancelling inputs', () => {
    let state = 12345;
    const uniform = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32) - 0.5;
    for (let i = 0; i < 20000; i++) {
      const a = uniform() * 2 ** Math.floor(uniform() * 60);
      const b = uniform() * 2 ** Math.floor(uniform() * 60);
      const c = i % 2 === 0 ? -(a * b) * (1 + uniform() * 1e-12) : uniform() * 2 ** Math.floor(uniform() * 80);
      const [got, want] = [fma(a, b, c), exactFma(a, b, c)];
      if (!Object.is(got, want) && !(got === 0 && want === 0)) assert.fail(`fma(${a}, ${b}, ${c}) = ${got}, exactly rounded ${want}`);
    }
  });

  it('keeps what a plain multiply-add loses', () => {
    const a = 1 + 2 ** -30;
    assert.equal(a * a - 1 - 2 ** -29, 0);
    assert.equal(fma(a, a, -1 - 2 ** -29), 2 ** -60);
  });
});
