import type { FunctionBuilder, PlainInstruction } from './functionBuilder';

/** Code that pushes one value: expressions compose into straight-line stack code. */
export type Expr = () => void;
/** Code that leaves the stack as it found it (typically a local.set), kept for emitting later. */
export type Statement = () => void;

/**
 * Small expression combinators over a FunctionBuilder, so generators read as formulas:
 * `e.set(z, e.add(e.mul(w, a), b))` emits `local.get w, local.get a, f64x2.mul, local.get b, f64x2.add, local.set z`.
 */
export function expressions(f: FunctionBuilder) {
  const op = (name: PlainInstruction, ...args: Expr[]): Expr => () => {
    for (const arg of args) arg();
    f.op(name);
  };
  return {
    get: (local: number): Expr => () => f.get(local),
    set: (local: number, value: Expr): void => {
      value();
      f.set(local);
    },
    /** A v128 with both lanes `x`. */
    splat: (x: number): Expr => () => f.f64x2(x),
    op,
    add: (a: Expr, b: Expr): Expr => op('f64x2.add', a, b),
    sub: (a: Expr, b: Expr): Expr => op('f64x2.sub', a, b),
    mul: (a: Expr, b: Expr): Expr => op('f64x2.mul', a, b),
    div: (a: Expr, b: Expr): Expr => op('f64x2.div', a, b),
    and: (a: Expr, b: Expr): Expr => op('v128.and', a, b),
    /** Lanes of `ifTrue` where `mask` is all ones, of `ifFalse` elsewhere. */
    choose: (ifTrue: Expr, ifFalse: Expr, mask: Expr): Expr => op('v128.bitselect', ifTrue, ifFalse, mask),
  };
}

export type Expressions = ReturnType<typeof expressions>;
