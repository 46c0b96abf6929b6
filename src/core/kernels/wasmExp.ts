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
// hx <= 0x3FD62E42 (|x| <= ln2 / 2), hx < 0x3E300000 (|x| < 2^-28). (Its third, hx < 0x3FF0A2B2 for
// |x| < 1.5 ln2, picks k = +-1, which the general quotient also gives there: see expStatements.)
const SMALL_LIMIT = withHighWord(0x3fd62e43);
const TINY_LIMIT = withHighWord(0x3e300000);
/** Up to here k = round(x / ln2) is in [-1021, 1021], where one multiplication scales by 2^k exactly. */
const USUAL_LIMIT = 708;
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
  return { magnitude: v(), t: v(), hi: v(), lo: v(), r: v(), rr: v(), c: v(), y: v(), k1: v() };
}

/**
 * The statements of `out = exp(x)` for both lanes of the v128 local `x` (`out` must be another
 * local), bit for bit V8's Math.exp (fdlibm), with fdlibm's branches turned into lane selects.
 *
 * - **Reduction.** fdlibm has three: k = 0 for |x| <= ln2/2 (up to its high-word test), k = +-1 below
 *   1.5 ln2, else the quotient trunc(x / ln2 +- 1/2). The quotient is +-1 on the whole middle range too
 *   (there x / ln2 lies in (0.5000000013, 1.4999997)), so only k = 0 needs a select. With t = k the
 *   rest is one formula: t * ln2HI and t * ln2LO are exact for these t, and the k = 0 result equals the
 *   general one with hi = x, lo = 0.
 * - **Scaling by 2^k.** y * 2^k is one multiplication, exact for normal results, when k is in
 *   [-1021, 1021], which |x| <= 708 ensures. Elsewhere fdlibm scales in two steps (k < -1021 or
 *   k = 1024), computed as y * 2^(k>>1) * 2^(k - (k>>1)): the first product is exact and the second
 *   rounds once, so both round y * 2^k once.
 * - **Rare lanes.** The two-step scaling and the early returns (fdlibm's tiny, overflow, underflow and
 *   NaN, and V8's exp(1) = E) run only when a lane needs one: inputs beyond |x| = 708 only come from a
 *   saturated or diverging network.
 *
 * test/unit/core/wasmExp.test.ts compares it with Math.exp on millions of arguments.
 */
export function expStatements(f: FunctionBuilder, e: Expressions, L: ExpLocals, x: number, out: number): Statement[] {
  const { get, splat, add, sub, mul, div, choose, and, op } = e;
  const statements: Statement[] = [];
  const set = (local: number, value: Expr): void => {
    statements.push(() => e.set(local, value));
  };
  const X = get(x);
  const one = splat(1);
  set(L.magnitude, op('f64x2.abs', X));
  // fdlibm's halF[sign]: 1/2 with x's sign (the bits of -0 are the sign bit alone).
  const half = op('v128.or', and(X, splat(-0)), splat(0.5));
  set(L.t, op('f64x2.trunc', add(mul(splat(INV_LN2), X), half)));
  set(L.t, op('v128.andnot', get(L.t), op('f64x2.lt', get(L.magnitude), splat(SMALL_LIMIT))));
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
  set(out, mul(get(L.y), powerOfTwo(get(L.t))));
  // The usual lane (2^-28 <= |x| <= 708, x != 1) needs nothing more.
  const usual = and(op('f64x2.ge', get(L.magnitude), splat(TINY_LIMIT)), op('f64x2.le', get(L.magnitude), splat(USUAL_LIMIT)));
  statements.push(() => {
    op('v128.any_true', op('v128.or', op('v128.not', usual), op('f64x2.eq', X, one)))();
    f.if();
    e.set(L.k1, op('f64x2.floor', mul(get(L.t), splat(0.5))));
    e.set(out, mul(mul(get(L.y), powerOfTwo(get(L.k1))), powerOfTwo(sub(get(L.t), get(L.k1)))));
    e.set(out, choose(add(one, X), get(out), op('f64x2.lt', get(L.magnitude), splat(TINY_LIMIT))));
    e.set(out, choose(splat(E), get(out), op('f64x2.eq', X, one)));
    e.set(out, choose(splat(Infinity), get(out), op('f64x2.gt', X, splat(O_THRESHOLD))));
    e.set(out, choose(splat(0), get(out), op('f64x2.lt', X, splat(U_THRESHOLD))));
    e.set(out, choose(add(X, X), get(out), op('f64x2.ne', X, X)));
    f.end();
  });
  return statements;
}
