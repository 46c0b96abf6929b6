import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RandomState } from '../../../src/core/random/randomState';
import { encodeModule } from '../../../src/core/wasm/encodeModule';
import { expressions } from '../../../src/core/wasm/expressions';
import { FunctionBuilder } from '../../../src/core/wasm/functionBuilder';
import { expLocals, expStatements } from '../../../src/core/kernels/wasmExp';

const CHUNK = 1 << 20; // doubles per call (8 MiB of memory)

/** exp(count doubles at address 0), in place, two per v128, by expStatements. */
function wasmExp(): (xs: Float64Array) => Float64Array {
  const f = new FunctionBuilder(['i32']); // count (even)
  const e = expressions(f);
  const at = f.local('i32');
  const x = f.local('v128');
  const out = f.local('v128');
  const statements = expStatements(f, e, expLocals(f), x, out);
  f.block().loop();
  f.get(at).get(0).i32(8).op('i32.mul').op('i32.ge_s').brIf(1);
  f.get(at).load('v128').set(x);
  for (const statement of statements) statement();
  f.get(at).get(out).store('v128');
  f.get(at).i32(16).op('i32.add').set(at);
  f.br(0).end().end();
  const bytes = encodeModule({ run: f });
  assert.ok(WebAssembly.validate(bytes));
  const memory = new WebAssembly.Memory({ initial: (8 * CHUNK) / 65536 });
  const run = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports.run as (count: number) => void;
  const lanes = new Float64Array(memory.buffer, 0, CHUNK);
  return (xs) => {
    const result = new Float64Array(xs.length);
    for (let from = 0; from < xs.length; from += CHUNK) {
      const part = xs.subarray(from, Math.min(from + CHUNK, xs.length));
      lanes.set(part);
      const count = part.length + (part.length & 1);
      if (part.length & 1) lanes[part.length] = 0;
      run(count);
      result.set(lanes.subarray(0, part.length), from);
    }
    return result;
  };
}

const exp = wasmExp();

/** Every argument whose result differs from Math.exp's bits (Object.is: NaN equals NaN, -0 is not 0). */
function mismatches(xs: Float64Array): string[] {
  const ys = exp(xs);
  const bad: string[] = [];
  for (let i = 0; i < xs.length; i++) {
    const expected = Math.exp(xs[i]!);
    if (!Object.is(ys[i], expected)) {
      if (bad.length < 10) bad.push(`exp(${xs[i]}) = ${ys[i]}, Math.exp gives ${expected}`);
      else return [...bad, '...'];
    }
  }
  return bad;
}

const view = new DataView(new ArrayBuffer(8));
function fromWords(high: number, low: number): number {
  view.setUint32(0, high);
  view.setUint32(4, low);
  return view.getFloat64(0);
}
/** The next double above (+1) or below (-1) finite x, as C's nextafter. */
function next(x: number, direction: 1 | -1): number {
  if (x === 0) return direction * Number.MIN_VALUE;
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, bits + BigInt((x > 0 ? 1 : -1) * direction));
  return view.getFloat64(0);
}
const around = (x: number, steps = 3): number[] => {
  const out = [x];
  for (let i = 0, up = x, down = x; i < steps; i++) out.push((up = next(up, 1)), (down = next(down, -1)));
  return out;
};

describe('wasm exp (expStatements) == Math.exp, bit for bit', () => {
  it('special values and fdlibm thresholds', () => {
    const xs: number[] = [0, -0, Infinity, -Infinity, NaN, -NaN, 1, -1, 2, -2, 0.5, Math.LN2, -Math.LN2, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE];
    xs.push(...around(1), ...around(-1));
    // |x| < 2^-28 returns 1 + x.
    for (const s of [1, -1]) xs.push(...around(s * 2 ** -28), ...around(s * 2 ** -29), ...around(s * 2 ** -27), s * 2 ** -1022, s * 2 ** -60);
    // The reductions' switches: high words 0x3FD62E42 (ln2/2), 0x3FF0A2B2 (1.5 ln2), the overflow filter 0x40862E42.
    for (const high of [0x3fd62e41, 0x3fd62e42, 0x3fd62e43, 0x3ff0a2b1, 0x3ff0a2b2, 0x3ff0a2b3, 0x40862e41, 0x40862e42, 0x40862e43, 0x3e300000, 0x3e2fffff]) {
      for (const low of [0, 1, 0x7fffffff, 0xfffffffe, 0xffffffff]) {
        for (const sign of [0, 0x80000000]) {
          const x = fromWords((high | sign) >>> 0, low);
          xs.push(x, ...around(x, 1));
        }
      }
    }
    for (const j of [-3, -2, -1, 1, 2, 3]) xs.push(...around((j * Math.LN2) / 2), ...around(j * Math.LN2));
    // Overflow and underflow thresholds (o_threshold = 0x40862E42FEFA39EF, u_threshold = 0xC0874910D52D3051).
    xs.push(...around(709.782712893384, 20), ...around(-745.1332191019411, 20), ...around(709, 3), ...around(-709, 3));
    // |x| = 708: above it the result is scaled by 2^k in two steps (the rare lanes).
    xs.push(...around(708, 20), ...around(-708, 20), ...around(1021.5 * Math.LN2, 3), ...around(-1021.5 * Math.LN2, 3));
    xs.push(...around(709.0895657128241), ...around(1024 * Math.LN2 - Math.LN2 / 2)); // k = 1024 begins about here
    // Subnormal results, and k = -1021, -1022 (where fdlibm switches to scaling by 2^-1000).
    for (const x of [-708, -708.3964185322641, -708.4, -708.75, -709.08956571282, -710, -720, -740, -744.44, -745, -745.13]) xs.push(...around(x, 2));
    for (const k of [-1020, -1021, -1022, -1023, -1074, -1075, 1022, 1023, 1024]) xs.push(...around((k + 0.5) * Math.LN2, 2), ...around((k - 0.5) * Math.LN2, 2), ...around(k * Math.LN2, 2));
    assert.ok(xs.length > 600);
    assert.deepEqual(mismatches(Float64Array.from(xs)), []);
  });

  it('the lanes are independent: every special value next to every other', () => {
    const specials = [0, -0, 1, -1, NaN, Infinity, -Infinity, 2 ** -30, 0.3, 0.4, 1.2, -1.2, 800, -800, 709.7, -744, 50, -50];
    const xs: number[] = [];
    for (const a of specials) for (const b of specials) xs.push(a, b);
    assert.deepEqual(mismatches(Float64Array.from(xs)), []);
  });

  it('4.5 million pseudo-random arguments over several ranges', () => {
    const rs = new RandomState(20240607);
    const n = 500_000;
    const xs = new Float64Array(9 * n);
    let i = 0;
    const fill = (count: number, draw: () => number): void => {
      for (let c = 0; c < count; c++) xs[i++] = draw();
    };
    const uniform = (lo: number, hi: number) => () => lo + (hi - lo) * rs.random();
    fill(2 * n, uniform(-745.2, 709.8)); // the whole finite range, thresholds included
    fill(n, uniform(-1.1, 1.1)); // k = 0 and k = +-1 (fdlibm's own reduction, here the general quotient)
    fill(n, uniform(-40, 40));
    fill(n, uniform(-745.2, -707.5)); // subnormal results and the 2^-1000 scaling
    fill(n, uniform(708.5, 709.8)); // k = 1023, 1024 and overflow
    // Magnitudes from 2^-40 to 2^10, either sign: the tiny switch and every binade in between.
    fill(n, () => (rs.random() < 0.5 ? -1 : 1) * 2 ** (50 * rs.random() - 40));
    // Just beside the points where the rounded k changes, (j + 1/2) ln2, j in [-1076, 1024].
    fill(n, () => (Math.floor(2101 * rs.random()) - 1076 + 0.5) * Math.LN2 * (1 + (rs.random() - 0.5) * 2 ** -40));
    // Random bit patterns, exponents 2^-63 to 2^16: tiny, usual, overflowing and underflowing arguments.
    fill(n, () => fromWords(((rs.random() < 0.5 ? 0x80000000 : 0) | ((0x3c0 + Math.floor(rs.random() * 0x50)) << 20) | Math.floor(rs.random() * 0x100000)) >>> 0, Math.floor(rs.random() * 2 ** 32)));
    assert.equal(i, xs.length);
    assert.deepEqual(mismatches(xs), []);
  });
});
