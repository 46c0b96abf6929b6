import { constantsBytes, readConstants, type ConstantField } from '../wasm/callConstants';
import { expressions, type Expr, type Expressions, type Statement } from '../wasm/expressions';
import { FunctionBuilder } from '../wasm/functionBuilder';
import { HYPERPARAMETERS, type HyperparameterKey } from '../optimizers/hyperparameters';
import type { OptimizerDefinition } from '../optimizers/optimizer';
import type { NetworkLayout } from './networkLayout';
import { expLocals, expStatements, type ExpLocals } from './wasmExp';
import { pairUpdateEmitter } from './wasmUpdate';

/**
 * Where the generated epoch keeps its constants (EPOCH_CONSTANTS, at 0), the parameters and the
 * optimizer's moments: fixed addresses that depend only on the network, so one compiled module
 * serves every run on that network. The caller places the data set, the order and the outputs from
 * `end` on (16-byte aligned).
 */
export interface EpochMemory {
  readonly constants: number;
  readonly params: number;
  /** The optimizer's state buffers (OptimizerDefinition.state), each shaped like the parameters. */
  readonly state: readonly number[];
  readonly end: number;
}

export function epochMemory(layout: NetworkLayout, stateBuffers: number): EpochMemory {
  // An even count, so the update can work on pairs of parameters (the pad stays 0).
  const bytes = 16 * Math.ceil(layout.size / 2);
  const params = constantsBytes(EPOCH_CONSTANTS);
  return { constants: 0, params, state: Array.from({ length: stateBuffers }, (_, k) => params + (k + 1) * bytes), end: params + (stateBuffers + 1) * bytes };
}

/**
 * Pairs of examples per iteration of the main loop, their statements interleaved one for one so
 * that the CPU overlaps their long dependency chains (forward, exp, backward). Measured for Adam's
 * 10 000 epochs: one pair 0.13-0.16 s, two 0.10 s, three and four no better than two.
 */
const PAIRS_IN_FLIGHT = 2;

/** What the generated function reads from the constants block of its memory (callConstants.ts); addresses are byte offsets. */
export const EPOCH_CONSTANTS: readonly ConstantField<EpochConstant>[] = [
  ['m', 'i32'], ['miniBatchSize', 'i32'], ['orderAt', 'i32'], ['xtAt', 'i32'], ['ytAt', 'i32'], ['outputsAt', 'i32'], ['stepValuesAt', 'i32'],
  ...HYPERPARAMETERS.map((h) => [h.key, 'f64'] as const),
];

export type EpochConstant = 'm' | 'miniBatchSize' | 'orderAt' | 'xtAt' | 'ytAt' | 'outputsAt' | 'stepValuesAt' | HyperparameterKey;

/** The local of the epoch's one parameter, the learning rate, and of each constant. */
type InputLocals = Readonly<Record<'learningRate' | EpochConstant, number>>;

/**
 * One epoch of the notebook's loop as a WebAssembly function specialised for one network and
 * optimizer: every loop over a layer size unrolled, two examples per 128-bit vector (lane 0 the
 * mini-batch's even positions, lane 1 its odd ones), parameters and gradient sums in locals,
 * forward and backward fused per pair of examples, no memory traffic but the examples' features
 * and labels. Each lane performs exactly the generic kernel's floating-point operations in its
 * order (no fused multiply-add; exp is fdlibm's, as Math.exp), so the two kernels agree bit for
 * bit; a gradient is the even positions' sum plus the odd positions' sum, which the generic
 * kernel also computes. When a mini-batch has an odd count, its last example also fills lane 1,
 * whose gradient terms are masked to +0, so it adds nothing to the sums (which start at +0 and so
 * never hold -0): the kernels agree for every input, infinities included.
 *
 * Parameter: the epoch's learning rate (f64); everything else it reads from EPOCH_CONSTANTS. Reads
 * order (i32[m]), xt (f64[m x n0]), yt (f64[m x nL]) and the optimizer's step values
 * (OptimizerDefinition.stepValues: `count` f64 per update of the epoch, e.g. Adam's 1 - beta1^t,
 * 1 - beta2^t); writes the parameters and the optimizer's state in place (epochMemory) and each
 * mini-batch's outputs, pair-major (pair p's output i at outputsAt + 16 (p nL + i), lane = position
 * parity), so the last mini-batch's remain for the cost.
 */
export function epochFunction(layout: NetworkLayout, optimizer: OptimizerDefinition): FunctionBuilder {
  const { size } = layout;
  const memory = epochMemory(layout, optimizer.state.length);
  const f = new FunctionBuilder(['f64']);
  const args: InputLocals = { learningRate: 0, ...readConstants(f, EPOCH_CONSTANTS, memory.constants) };
  const { m, miniBatchSize } = args;
  const e = expressions(f);
  const start = f.local('i32');
  const end = f.local('i32');
  const q = f.local('i32');
  const batch = f.local('i32');
  const invM = f.local('v128');
  const W = Array.from({ length: size }, () => f.local('v128')); // every parameter, in both lanes
  const G = Array.from({ length: size }, () => f.local('v128')); // gradient sums (even positions, odd positions)
  const shared: Shared = { f, e, layout, W, G, invM, q, start, args };
  // PAIRS_IN_FLIGHT pairs per iteration while that many remain; each gradient still adds pair q
  // before pair q + 2. Then the remaining pairs one at a time, the last possibly a single example.
  const inFlight = Array.from({ length: PAIRS_IN_FLIGHT }, () => pairLocals(f, layout, false));
  const single = pairLocals(f, layout, true);

  for (let n = 0; n < size; n++) e.set(W[n]!, () => f.i32(memory.params).load('f64', 8 * n).op('f64x2.splat'));
  const emitUpdate = updateEmitter(f, e, optimizer, { W, G, args, batch, memory });

  f.block().loop(); // mini-batches
  f.get(start).get(m).op('i32.ge_s').brIf(1);
  f.get(start).get(miniBatchSize).op('i32.add').set(end);
  f.get(m).get(end).op('i32.lt_s').if().get(m).set(end).end();
  e.set(invM, () => f.f64(1).get(end).get(start).op('i32.sub').op('f64.convert_i32_s').op('f64.div').op('f64x2.splat'));
  for (const g of G) e.set(g, e.splat(0));
  f.get(start).set(q);

  f.block().loop(); // PAIRS_IN_FLIGHT pairs at a time
  f.get(q).i32(2 * PAIRS_IN_FLIGHT - 1).op('i32.add').get(end).op('i32.ge_s').brIf(1);
  const streams = inFlight.map((P, n) => [
    ...exampleRows(shared, P.x0, P.y0, 2 * n),
    ...exampleRows(shared, P.x1, P.y1, 2 * n + 1),
    ...pairStatements(shared, P, n),
  ]);
  streams[0]!.forEach((_, n) => streams.forEach((stream) => stream[n]!()));
  f.get(q).i32(2 * PAIRS_IN_FLIGHT).op('i32.add').set(q);
  f.br(0).end().end();

  f.block().loop(); // one pair at a time
  f.get(q).get(end).op('i32.ge_s').brIf(1);
  exampleRows(shared, single.x0, single.y0, 0).forEach((statement) => statement());
  f.get(q).i32(1).op('i32.add').get(end).op('i32.lt_s').if();
  exampleRows(shared, single.x1, single.y1, 1).forEach((statement) => statement());
  f.mask(true, true).set(single.keep);
  f.else();
  f.get(single.x0).set(single.x1).get(single.y0).set(single.y1);
  f.mask(true, false).set(single.keep);
  f.end();
  pairStatements(shared, single, 0).forEach((statement) => statement());
  f.get(q).i32(2).op('i32.add').set(q);
  f.br(0).end().end();

  emitUpdate();
  f.get(end).set(start);
  f.get(batch).i32(1).op('i32.add').set(batch);
  f.br(0).end().end(); // mini-batches
  return f;
}

/** What every pair's code shares: the builder, the parameters, the gradient sums, the loop state. */
interface Shared {
  readonly f: FunctionBuilder;
  readonly e: Expressions;
  readonly layout: NetworkLayout;
  readonly W: readonly number[];
  readonly G: readonly number[];
  readonly invM: number;
  readonly q: number;
  readonly start: number;
  readonly args: InputLocals;
}

/** The locals of one pair of examples in flight. */
interface PairLocals {
  /** Addresses of the two examples' features and labels. */
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  /** All ones, or ones in lane 0 only when lane 1 repeats an odd mini-batch's last example; -1 where every pair is full. */
  readonly keep: number;
  readonly z: number;
  readonly expZ: number;
  readonly exp: ExpLocals;
  readonly A: readonly (readonly number[])[];
  readonly D: readonly (readonly number[])[];
  readonly Y: readonly number[];
}

function pairLocals(f: FunctionBuilder, layout: NetworkLayout, maskable: boolean): PairLocals {
  const v128 = (): number => f.local('v128');
  const { dims, layers: L } = layout;
  return {
    x0: f.local('i32'),
    x1: f.local('i32'),
    y0: f.local('i32'),
    y1: f.local('i32'),
    keep: maskable ? v128() : -1,
    z: v128(),
    expZ: v128(),
    exp: expLocals(f),
    A: dims.map((n) => Array.from({ length: n }, v128)),
    D: dims.map((n, l) => (l === 0 ? [] : Array.from({ length: n }, v128))),
    Y: Array.from({ length: dims[L]! }, v128),
  };
}

/** `x` and `y` set to the addresses of example order[q + ahead]'s features and labels (base + j * row bytes). */
function exampleRows(s: Shared, x: number, y: number, ahead: number): Statement[] {
  const { f, layout, args } = s;
  const row = (target: number, arrayAt: number, rowBytes: number): Statement => () => {
    f.get(arrayAt).get(args.orderAt).get(s.q).i32(4).op('i32.mul').op('i32.add').load('i32', 4 * ahead);
    f.i32(rowBytes).op('i32.mul').op('i32.add').set(target);
  };
  return [row(x, args.xtAt, 8 * layout.dims[0]!), row(y, args.ytAt, 8 * layout.dims[layout.layers]!)];
}

/**
 * One pair's forward, output store, output deltas and backward, as statements (so that two
 * pairs can be interleaved); `pairsAhead` is n for the pair at q + 2n.
 */
function pairStatements(s: Shared, P: PairLocals, pairsAhead: number): Statement[] {
  const { f, e, layout, W, G } = s;
  const { dims, layers: L, wOffset, bOffset } = layout;
  const { get, splat, add, sub, mul, div, and, op } = e;
  const out: Statement[] = [];
  const set = (local: number, value: Expr): void => {
    out.push(() => e.set(local, value));
  };
  const w = (l: number, i: number, k: number): number => W[wOffset[l - 1]! + i * dims[l - 1]! + k]!;
  const b = (l: number, i: number): number => W[bOffset[l - 1]! + i]!;
  const gw = (l: number, i: number, k: number): number => G[wOffset[l - 1]! + i * dims[l - 1]! + k]!;
  const gb = (l: number, i: number): number => G[bOffset[l - 1]! + i]!;
  const nL = dims[L]!;
  /** (example 0's value, example 1's value) from the two rows at `offset`. */
  const pairAt = (base0: number, base1: number, offset: number): Expr => () => {
    f.get(base0).load('f64', offset).op('f64x2.splat');
    f.get(base1).load('f64', offset).replaceLane(1);
  };
  const { A, D } = P;

  // Forward: z = W a + b; ReLU (z + |z|) / 2 on hidden layers, sigmoid 1 / (1 + exp(-z)) on the last.
  for (let k = 0; k < dims[0]!; k++) set(A[0]![k]!, pairAt(P.x0, P.x1, 8 * k));
  for (let l = 1; l <= L; l++) {
    for (let i = 0; i < dims[l]!; i++) {
      let sum = mul(get(w(l, i, 0)), get(A[l - 1]![0]!));
      for (let k = 1; k < dims[l - 1]!; k++) sum = add(sum, mul(get(w(l, i, k)), get(A[l - 1]![k]!)));
      set(P.z, add(sum, get(b(l, i))));
      if (l < L) {
        set(A[l]![i]!, mul(add(get(P.z), op('f64x2.abs', get(P.z))), splat(0.5)));
      } else {
        set(P.z, op('f64x2.neg', get(P.z)));
        out.push(...expStatements(f, e, P.exp, P.z, P.expZ));
        set(A[l]![i]!, div(splat(1), add(splat(1), get(P.expZ))));
      }
    }
  }
  // The outputs, for the caller's cost: pair p = (q - start) / 2 + pairsAhead's row is at outputsAt + 16 nL p.
  for (let i = 0; i < nL; i++) {
    out.push(() => {
      f.get(s.args.outputsAt).get(s.q).get(s.start).op('i32.sub').i32(8 * nL).op('i32.mul').op('i32.add');
      f.get(A[L]![i]!).store('v128', 16 * (nL * pairsAhead + i));
    });
  }
  // Output deltas (1/m)(a - y); then backward.
  for (let i = 0; i < nL; i++) {
    set(P.Y[i]!, pairAt(P.y0, P.y1, 8 * i));
    set(D[L]![i]!, mul(get(s.invM), sub(get(A[L]![i]!), get(P.Y[i]!))));
  }
  // Where lane 1 repeats an example, its gradient terms are masked to +0 (zeroing its deltas instead
  // would still give NaN, 0 * Infinity, if an input or a weight were infinite).
  const term = (value: Expr): Expr => (P.keep < 0 ? value : and(value, get(P.keep)));
  for (let l = L; l >= 1; l--) {
    const rows = dims[l]!;
    const cols = dims[l - 1]!;
    for (let i = 0; i < rows; i++) {
      for (let k = 0; k < cols; k++) set(gw(l, i, k), add(get(gw(l, i, k)), term(mul(get(D[l]![i]!), get(A[l - 1]![k]!)))));
      set(gb(l, i), add(get(gb(l, i)), term(get(D[l]![i]!))));
    }
    if (l > 1) {
      for (let k = 0; k < cols; k++) {
        let da = mul(get(w(l, 0, k)), get(D[l]![0]!));
        for (let i = 1; i < rows; i++) da = add(da, mul(get(w(l, i, k)), get(D[l]![i]!)));
        set(D[l - 1]![k]!, mul(da, and(op('f64x2.gt', get(A[l - 1]![k]!), splat(0)), splat(1))));
      }
    }
  }
  return out;
}

interface UpdateInputs {
  readonly W: readonly number[];
  readonly G: readonly number[];
  readonly args: InputLocals;
  readonly batch: number;
  readonly memory: EpochMemory;
}

/**
 * Emits, where it is called, the update's values that stay the same for the whole epoch (the
 * hyperparameters in both lanes, as the optimizer's WasmUpdate asks for them); returns the emitter
 * of one mini-batch's update of every parameter from g = (even sum) + (odd sum), two parameters
 * per vector, each lane operation for operation as the optimizer's `update` (the kernels'
 * contract, CONTRACT.md), which then refreshes the parameters' locals for the next mini-batch.
 * (Scalar, the update took ~40% of the epoch: it is a serial step between mini-batches.)
 */
function updateEmitter(f: FunctionBuilder, e: Expressions, optimizer: OptimizerDefinition, u: UpdateInputs): () => void {
  const { get, set, add, splat } = e;
  const { args } = u;
  const { pairUpdate, stepLocals } = pairUpdateEmitter(f, e, optimizer, args);
  const stepCount = stepLocals.length;
  const local = (): number => f.local('v128');
  const g = local();
  const p = local();
  const at = (address: number): Expr => () => f.i32(address).load('v128');
  const store = (address: number, value: Expr): void => {
    f.i32(address);
    value();
    f.store('v128');
  };

  return () => {
    // This mini-batch's step values: stepValuesAt + 8 count batch.
    stepLocals.forEach((target, i) =>
      set(target, () => f.get(args.stepValuesAt).get(u.batch).i32(8 * stepCount).op('i32.mul').op('i32.add').load('f64', 8 * i).op('f64x2.splat')),
    );
    for (let n = 0; n < u.G.length; n += 2) {
      // (G_n, G_n+1) lane 0 sums plus lane 1 sums; a missing G_n+1 (odd count) is the zero pad.
      const next = n + 1 < u.G.length ? get(u.G[n + 1]!) : splat(0);
      set(g, add(() => f.shuffle64(get(u.G[n]!), next, 0, 2), () => f.shuffle64(get(u.G[n]!), next, 1, 3)));
      set(p, at(u.memory.params + 8 * n));
      const updated = pairUpdate({
        g: get(g),
        p: get(p),
        state: (k) => at(u.memory.state[k]! + 8 * n),
        storeState: (k, value) => store(u.memory.state[k]! + 8 * n, value),
      });
      set(p, updated);
      store(u.memory.params + 8 * n, get(p));
      set(u.W[n]!, () => f.shuffle64(get(p), get(p), 0, 0));
      if (n + 1 < u.G.length) set(u.W[n + 1]!, () => f.shuffle64(get(p), get(p), 1, 1));
    }
  };
}
