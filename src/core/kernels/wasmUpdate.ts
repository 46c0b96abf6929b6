import { constantsBytes, readConstants, type ConstantField } from '../wasm/callConstants';
import { expressions, type Expr, type Expressions } from '../wasm/expressions';
import { FunctionBuilder } from '../wasm/functionBuilder';
import { HYPERPARAMETERS, type HyperparameterKey } from '../optimizers/hyperparameters';
import type { OptimizerDefinition, WasmPair, WasmUpdateBuilder } from '../optimizers/optimizer';

/** The f64 locals (parameters, usually) an update reads, by name: this epoch's learning rate and every hyperparameter. */
export type UpdateInputLocals = Readonly<Record<'learningRate' | HyperparameterKey, number>>;

export interface PairUpdateEmitter {
  /** Emits one pair's update where it is called and returns the new parameters (OptimizerDefinition.wasm). */
  readonly pairUpdate: (pair: WasmPair) => Expr;
  /** v128 locals that must hold this update's step values (OptimizerDefinition.stepValues), in both lanes, before pairUpdate's code runs. */
  readonly stepLocals: readonly number[];
}

/**
 * The optimizer's WebAssembly update (OptimizerDefinition.wasm) set up in `f`: emits, where it is
 * called, the values that are the same for every parameter (each hyperparameter and `1 - it` in
 * both lanes, computed as the JavaScript update computes them), and returns the per-pair emitter.
 * Shared by the unrolled epoch (wasmEpoch.ts) and the matrix kernel's update loop (updateLoopFunction),
 * so both run each optimizer's one definition.
 */
export function pairUpdateEmitter(f: FunctionBuilder, e: Expressions, optimizer: OptimizerDefinition, inputs: UpdateInputLocals): PairUpdateEmitter {
  const { get, set, add, sub, mul, div, op } = e;
  const local = (): number => f.local('v128');
  const constant = (value: Expr): Expr => {
    const l = local();
    set(l, value);
    return get(l);
  };
  const hypers = new Map<string, Expr>();
  const cached = (key: string, value: () => Expr): Expr => {
    if (!hypers.has(key)) hypers.set(key, value());
    return hypers.get(key)!;
  };
  const stepCount = optimizer.stepValues?.count ?? 0;
  const stepLocals = Array.from({ length: stepCount }, local);
  const builder: WasmUpdateBuilder = {
    learningRate: constant(() => f.get(inputs.learningRate).op('f64x2.splat')),
    hyper: (key: HyperparameterKey) => cached(key, () => constant(() => f.get(inputs[key]).op('f64x2.splat'))),
    oneMinus: (key: HyperparameterKey) => cached(`1-${key}`, () => constant(() => f.f64(1).get(inputs[key]).op('f64.sub').op('f64x2.splat'))),
    step: (i: number) => {
      if (!(i >= 0 && i < stepCount)) throw new RangeError(`${optimizer.id} has ${stepCount} step values, asked for ${i}`);
      return get(stepLocals[i]!);
    },
    local,
    get,
    set,
    add,
    sub,
    mul,
    div,
    sqrt: (a: Expr) => op('f64x2.sqrt', a),
    max: (a: Expr, b: Expr) => op('f64x2.max', a, b),
  };
  return { pairUpdate: optimizer.wasm(builder), stepLocals };
}

/**
 * What the update loop reads from the constants block at address 0 of its memory (callConstants.ts);
 * addresses and sizes are byte offsets and byte counts. Its one parameter is the learning rate.
 */
export const UPDATE_CONSTANTS: readonly ConstantField<UpdateConstant>[] = [
  ['paramsAt', 'i32'],
  ['gradsAt', 'i32'],
  ['stateAt', 'i32'],
  ['stateStride', 'i32'],
  ['bytes', 'i32'],
  ['stepValuesAt', 'i32'],
  ...HYPERPARAMETERS.map((h) => [h.key, 'f64'] as const),
];

export type UpdateConstant = 'paramsAt' | 'gradsAt' | 'stateAt' | 'stateStride' | 'bytes' | 'stepValuesAt' | HyperparameterKey;

/** Where the caller's data may start: after the constants block. */
export const UPDATE_CONSTANTS_END = constantsBytes(UPDATE_CONSTANTS);

/**
 * One update of every parameter as a WebAssembly loop, two parameters per f64x2 vector: for each
 * 16-byte pair at offset o < bytes, g = gradsAt + o, p = paramsAt + o and state buffer k at
 * stateAt + k stateStride + o, updated in place with the step values at stepValuesAt (`count` f64s,
 * computed on the host for this update). Each lane performs the JavaScript `update`'s operations
 * in its order (CONTRACT.md), so the results are the same bits; the matrix kernel ran that
 * JavaScript loop before, 18 % of an epoch at width 256 (`bytes` rounds the count up to a pair:
 * the pad's numbers are never read as parameters).
 */
export function updateLoopFunction(optimizer: OptimizerDefinition): FunctionBuilder {
  const f = new FunctionBuilder(['f64']);
  const arg: Record<'learningRate' | UpdateConstant, number> = { learningRate: 0, ...readConstants(f, UPDATE_CONSTANTS, 0) };
  const e = expressions(f);
  const { pairUpdate, stepLocals } = pairUpdateEmitter(f, e, optimizer, arg);
  stepLocals.forEach((target, i) => e.set(target, () => f.get(arg.stepValuesAt).loadSplat64(8 * i)));
  const stateAt = optimizer.state.map((_, k) => {
    const at = f.local('i32');
    f.get(arg.stateAt).get(arg.stateStride).i32(k).op('i32.mul').op('i32.add').set(at);
    return at;
  });
  const offset = f.local('i32');
  const g = f.local('v128');
  const p = f.local('v128');
  const at = (base: number): Expr => () => f.get(base).get(offset).op('i32.add').load('v128');

  f.block().loop();
  f.get(offset).get(arg.bytes).op('i32.ge_s').brIf(1);
  e.set(g, at(arg.gradsAt));
  e.set(p, at(arg.paramsAt));
  const updated = pairUpdate({
    g: e.get(g),
    p: e.get(p),
    state: (k) => at(stateAt[k]!),
    storeState: (k, value) => {
      f.get(stateAt[k]!).get(offset).op('i32.add');
      value();
      f.store('v128');
    },
  });
  f.get(arg.paramsAt).get(offset).op('i32.add');
  updated();
  f.store('v128');
  f.get(offset).i32(16).op('i32.add').set(offset);
  f.br(0).end().end();
  return f;
}
