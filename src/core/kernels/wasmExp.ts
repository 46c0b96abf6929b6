import type { Expr, Expressions, Statement } from '../wasm/expressions';
import type { FunctionBuilder } from '../wasm/functionBuilder';

// fdlibm's e_exp.c as V8 compiles it for Math.exp (v8/src/base/ieee754.cc), constants included.
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700e0;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;
const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.45133219101941108420e2;
const E = 2.718281828459045;
// fdlibm's tests on the high word of |x| as doubles (for |x| >= 0, comparing doubles orders their bits):
// hx < 0x3FF0A2B2 (|x| < 1.5 ln2), hx <= 0x3FD62E42 (|x| <= ln2 / 2), hx < 0x3E300000 (|x| < 2^-28).
const MID_LIMIT = withHighWord(0x3ff0a2b2);
const SMALL_LIMIT = withHighWord(0x3fd62e43);
const TINY_LIMIT = withHighWord(0x3e300000);
/** 2^52 + 1023: n + this holds n + 1023 in its low bits, for integral n in [-1023, 2^52). */
const EXPONENT_BIAS_SHIFTED = 4503599627370496 + 1023;

/** The double whose high 32 bits are `high` and low 32 bits zero. */
function withHighWord(high: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, high);
  return view.getFloat64(0);
}

/** The v128 locals the exp code works in, allocated once per function. */
export interface ExpLocals {
  readonly magnitude: number;
  readonly negative: number;
  readonly t: number;
  readonly hi: number;
  readonly lo: number;
  readonly r: number;
  readonly rr: number;
  readonly c: number;
  readonly y: number;
  readonly k1: number;
}

export function expLocals(f: FunctionBuilder): ExpLocals {
  const v = (): number => f.local('v128');
  return { magnitude: v(), negative: v(), t: v(), hi: v(), lo: v(), r: v(), rr: v(), c: v(), y: v(), k1: v() };
}

/**
 * The statements of `out = exp(x)` for both lanes of the v128 local `x` (`out` must be another
 * local), bit for bit V8's Math.exp (fdlibm), with fdlibm's branches turned into lane selects.
 * Its three reductions (k = 0 for |x| <= ln2/2, k = +-1 below 1.5 ln2, else the rounded
 * quotient) are one formula in t = k, because t * ln2HI and t * ln2LO are exact for those t and
 * fdlibm's k = 0 result equals the general one with hi = x, lo = 0. Its scaling by 2^k (two
 * steps when k < -1021 or k = 1024) is y * 2^(k>>1) * 2^(k - (k>>1)): the first product is exact
 * and the second rounds once, so both round y * 2^k once. The early returns (fdlibm's tiny,
 * overflow, underflow and NaN, and V8's exp(1) = E) are applied only when a lane needs one.
 * test/unit/core/wasmExp.test.ts compares it with Math.exp on millions of arguments.
 */
export function expStatements(f: FunctionBuilder, e: Expressions, L: ExpLocals, x: number, out: number): Statement[] {
  const { get, splat, add, sub, mul, div, choose, op } = e;
  const statements: Statement[] = [];
  const set = (local: number, value: Expr): void => {
    statements.push(() => e.set(local, value));
  };
  const X = get(x);
  const one = splat(1);
  set(L.magnitude, op('f64x2.abs', X));
  set(L.negative, op('f64x2.lt', X, splat(0))); // fdlibm's sign bit; they differ only for -0 and NaN, which return early
  set(L.t, op('f64x2.trunc', add(mul(splat(INV_LN2), X), choose(splat(-0.5), splat(0.5), get(L.negative)))));
  set(L.t, choose(choose(splat(-1), one, get(L.negative)), get(L.t), op('f64x2.lt', get(L.magnitude), splat(MID_LIMIT))));
  set(L.t, choose(splat(0), get(L.t), op('f64x2.lt', get(L.magnitude), splat(SMALL_LIMIT))));
  set(L.hi, sub(X, mul(get(L.t), splat(LN2_HI))));
  set(L.lo, mul(get(L.t), splat(LN2_LO)));
  set(L.r, sub(get(L.hi), get(L.lo)));
  set(L.rr, mul(get(L.r), get(L.r)));
  const rr = get(L.rr);
  set(L.c, sub(get(L.r), mul(rr, add(splat(P1), mul(rr, add(splat(P2), mul(rr, add(splat(P3), mul(rr, add(splat(P4), mul(rr, splat(P5))))))))))));
  const quotient = div(mul(get(L.r), get(L.c)), sub(splat(2), get(L.c)));
  set(L.y, sub(one, sub(sub(get(L.lo), quotient), get(L.hi))));
  // 2^n as bits: (n + 1023 + 2^52) shifted left by 52 keeps just n + 1023 in the exponent field.
  const powerOfTwo = (n: Expr): Expr => () => {
    add(n, splat(EXPONENT_BIAS_SHIFTED))();
    f.i32(52).op('i64x2.shl');
  };
  set(L.k1, op('f64x2.floor', mul(get(L.t), splat(0.5))));
  set(out, mul(mul(get(L.y), powerOfTwo(get(L.k1))), powerOfTwo(sub(get(L.t), get(L.k1)))));
  // The early returns; the usual lane (2^-28 <= |x| <= 709, x != 1) takes none.
  const usual = e.and(op('f64x2.ge', get(L.magnitude), splat(TINY_LIMIT)), op('f64x2.le', get(L.magnitude), splat(709)));
  statements.push(() => {
    op('v128.any_true', op('v128.or', op('v128.not', usual), op('f64x2.eq', X, one)))();
    f.if();
    e.set(out, choose(add(one, X), get(out), op('f64x2.lt', get(L.magnitude), splat(TINY_LIMIT))));
    e.set(out, choose(splat(E), get(out), op('f64x2.eq', X, one)));
    e.set(out, choose(splat(Infinity), get(out), op('f64x2.gt', X, splat(O_THRESHOLD))));
    e.set(out, choose(splat(0), get(out), op('f64x2.lt', X, splat(U_THRESHOLD))));
    e.set(out, choose(add(X, X), get(out), op('f64x2.ne', X, X)));
    f.end();
  });
  return statements;
}
