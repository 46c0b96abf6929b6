import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { describe, it } from 'node:test';
import { fma, glibcLog, glibcLogTableExact, nearOneExact } from '../../../src/core/random/glibcLog';
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

/**
 * Arguments where the last steps computed with plain multiply-adds instead of fmas give a
 * different double (table path: found by a search over 70 million random arguments, about one in three million):
 * the fast path must send these to the exact fmas.
 */
const HARD_ARGUMENTS = [
  0.6209371007771772, 0.6052627929049116, 0.5937786974958551, 0.5049743748648513, 0.652299950457638,
  0.5705709087489327, 0.6561434987033333, 0.5035710284887717, 0.5548729632421779, 0.5275624258104454,
  0.5122188996404015, 0.27568654291120526, 0.6132668661501844, 0.5230124435434104, 1.9080292122624662,
  1.4117907118896849, 0.3678351302366636, 0.6171243708115415, 0.585619967040248, 0.5701219315603951,
  0.6746828397673381, 0.06409993373386062, 0.5598644893355167, 0.5783798808997799,
  // Near 1 (x in [0.9375, 1.0647)), where plain multiply-adds miss about one argument in 7000:
  1.0432331442746432, 0.9403218448372903, 0.9380719196532192, 0.9724003823595895, 1.0595277715981255, 0.9543331426309798,
  1.0254828474726998, 1.0197550783520626, 0.9391864515519492, 0.9512110703479452, 1.0598790394800803, 1.0512332075801092,
];

/** Deterministic test arguments: polar-method r2 values in (0, 1), values near 1, random normal doubles of every exponent, subnormals, after the hard arguments. */
function argumentsForLog(count: number, seed: number): Float64Array {
  const bits = new MT19937(seed);
  const out = new Float64Array(count);
  const words = new Uint32Array(out.buffer);
  out.set(HARD_ARGUMENTS);
  for (let i = HARD_ARGUMENTS.length; i < count; i++) {
    switch (i % 4) {
      case 0:
      case 1:
        out[i] = bits.nextDouble();
        break;
      case 2:
        out[i] = 0.9 + 0.2 * bits.nextDouble();
        break;
      default: {
        const low = bits.nextUint32();
        const high = bits.nextUint32();
        // Mostly normal numbers of any exponent; one in 64 a subnormal.
        words[2 * i] = low;
        words[2 * i + 1] = (high & 63) === 0 ? high & 0x000fffff : 0x00100000 + (high % 0x7fe00000);
      }
    }
  }
  return out;
}

/** Why glibc's log on this machine cannot serve as the oracle, or undefined when it can (Linux, glibc >= 2.28, FMA). */
function whyNoSystemLog(python: string): string | undefined {
  if (platform() !== 'linux') return 'not Linux';
  if (arch() === 'x64' && !/^flags\s*:.*\bfma\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'))) return 'no FMA on this CPU (glibc takes another code path)';
  if (arch() !== 'x64' && arch() !== 'arm64') return `architecture ${arch()}`;
  const libc = spawnSync(python, ['-c', 'import platform; print(*platform.libc_ver())'], { encoding: 'utf8' });
  if (libc.status !== 0) return `${python} is not available`;
  const [name, version] = libc.stdout.trim().split(' ');
  const [major, minor] = (version ?? '0.0').split('.').map(Number);
  if (name !== 'glibc' || major! < 2 || (major === 2 && minor! < 28)) return `C library ${libc.stdout.trim()}`;
  return undefined;
}

describe('glibcLog fast path', () => {
  it('equals the all-fma paths on 2 million arguments, including those near a rounding boundary', () => {
    const xs = argumentsForLog(2_000_000, 7);
    let [table, near] = [0, 0];
    for (const x of xs) {
      if (x < 2.2250738585072014e-308 || x === 1) continue;
      const isNear = x >= 0.9375 && x < 1.0646972656249998;
      const want = isNear ? nearOneExact(x - 1) : glibcLogTableExact(x);
      if (isNear) near++;
      else table++;
      const got = glibcLog(x);
      if (!Object.is(got, want)) assert.fail(`glibcLog(${x}) = ${got}, all-fma path ${want}`);
    }
    assert.ok(table > 1_000_000 && near > 200_000);
  });

  const python = process.env.OPTLAB_PYTHON ?? 'python3';
  const skip = whyNoSystemLog(python);
  it(`equals Python's math.log, which is this machine's glibc log, on a million arguments`, { skip }, () => {
    const xs = argumentsForLog(1_000_000, 11);
    const script = 'import sys, math, array\na = array.array("d"); a.frombytes(sys.stdin.buffer.read())\nsys.stdout.buffer.write(array.array("d", map(math.log, a)).tobytes())';
    const run = spawnSync(python, ['-c', script], { input: new Uint8Array(xs.buffer), maxBuffer: 64 << 20 });
    assert.equal(run.status, 0, run.stderr?.toString());
    const want = new Float64Array(new Uint8Array(run.stdout).slice().buffer);
    assert.equal(want.length, xs.length);
    for (let i = 0; i < xs.length; i++) {
      if (!Object.is(glibcLog(xs[i]!), want[i])) assert.fail(`glibcLog(${xs[i]}) = ${glibcLog(xs[i]!)}, glibc ${want[i]}`);
    }
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
