import type { EpochKernel, KernelState } from './epochKernel';
import type { NetworkLayout } from './networkLayout';
import { applyUpdate } from './optimizerStep';

/**
 * Above this many weights the generic kernel runs. The unrolled source grows with the weights, and
 * past ~70 of them (about 20 kB of source) V8 compiles it so slowly, or not at all, that generic
 * loops win: measured at 3000 epochs, [2,8,6,1] (70 weights) generated 0.40 s vs generic 0.50 s,
 * [2,24,1] (72) 0.58 vs 0.56, [2,40,1] (120) 1.35 vs 0.77, [2,30,30,1] (990) 45 s vs 5.4 s.
 */
export const MAX_GENERATED_WEIGHTS = 64;
/**
 * Examples per iteration of the generated loop. Two independent forward/backward chains let the
 * CPU overlap one example's exp call and long dependency chain with the other's work: measured
 * ~20% faster than one on the notebook's network (with the interleaving below); three or four
 * were no better than two.
 */
const UNROLL = 2;

/** What the generated source reads: the kernel state and the per-mini-batch update. */
interface GeneratedKernelInput extends KernelState {
  readonly update: typeof applyUpdate;
}

/**
 * The JavaScript source of an epoch specialised for one layer list: every loop over
 * a layer size unrolled, two examples per loop iteration, parameters and gradients held in local
 * variables for a mini-batch.
 * With layers this small, loop overhead rather than arithmetic dominates, so this is what makes
 * the trainer ~2.5x faster than generic loops. Operation order is exactly the generic kernel's.
 * The source is a function body taking the KernelState `S` and returning `runEpoch`.
 *
 * @example
 * new Function('S', epochKernelSource(networkLayout([2, 5, 2, 1])))(state); // runEpoch for that network
 */
export function epochKernelSource(layout: NetworkLayout): string {
  const { dims, layers: L, wOffset, bOffset, size } = layout;
  const out: string[] = [];
  const emit = (line: string): number => out.push(line);
  const all = (f: (i: number) => string, sep: string): string => Array.from({ length: size }, (_, i) => f(i)).join(sep);
  const w = (l: number, i: number, k: number): string => `p${wOffset[l - 1]! + i * dims[l - 1]! + k}`;
  const b = (l: number, i: number): string => `p${bOffset[l - 1]! + i}`;
  const gw = (l: number, i: number, k: number): string => `g${wOffset[l - 1]! + i * dims[l - 1]! + k}`;
  const gb = (l: number, i: number): string => `g${bOffset[l - 1]! + i}`;
  const n0 = dims[0]!;
  const nL = dims[L]!;

  emit(`'use strict';`);
  emit(`const xt = S.xt, yt = S.yt, P = S.params, G = new Float64Array(P.length), update = S.update;`);
  emit(`const m = S.m, B = S.miniBatchSize, exp = Math.exp, log = Math.log, abs = Math.abs;`);
  emit(`return function runEpoch(order, lr, wantCost) {`);
  emit(`let cost = NaN;`);
  emit(`for (let start = 0; start < m; start += B) {`);
  emit(`const end = start + B < m ? start + B : m;`);
  emit(`const invM = 1 / (end - start);`);
  emit(`const costHere = wantCost && end === m;`);
  emit(`let costSum = 0;`);
  emit(`const ${all((i) => `p${i} = P[${i}]`, ', ')};`);
  emit(`let ${all((i) => `g${i} = 0`, ', ')};`);
  // One example's forward pass, cost and deltas, its names suffixed with `x`; returns the
  // gradient accumulations (accumulator, term) for the caller to emit.
  const example = (x: string, index: string): { acc: [string, string][]; costs: string[] } => {
    const acc: [string, string][] = [];
    const costs: string[] = [];
    emit(`const j${x} = order[${index}];`);
    emit(`const xo${x} = j${x} * ${n0}, yo${x} = j${x} * ${nL};`);
    for (let k = 0; k < n0; k++) emit(`const a0_${k}${x} = xt[xo${x} + ${k}];`);
    for (let l = 1; l <= L; l++) {
      for (let i = 0; i < dims[l]!; i++) {
        const terms = Array.from({ length: dims[l - 1]! }, (_, k) => `${w(l, i, k)} * a${l - 1}_${k}${x}`);
        const z = `${terms.join(' + ')} + ${b(l, i)}`;
        emit(l < L ? `const z${l}_${i}${x} = ${z}; const a${l}_${i}${x} = (z${l}_${i}${x} + abs(z${l}_${i}${x})) * 0.5;` : `const a${l}_${i}${x} = 1 / (1 + exp(-(${z})));`);
      }
    }
    for (let i = 0; i < nL; i++) {
      emit(`const y${i}${x} = yt[yo${x} + ${i}];`);
      costs.push(`-log(a${L}_${i}${x}) * y${i}${x} + -log(1 - a${L}_${i}${x}) * (1 - y${i}${x})`);
      emit(`const d${L}_${i}${x} = invM * (a${L}_${i}${x} - y${i}${x});`);
    }
    for (let l = L; l >= 1; l--) {
      for (let i = 0; i < dims[l]!; i++) {
        for (let k = 0; k < dims[l - 1]!; k++) acc.push([gw(l, i, k), `d${l}_${i}${x} * a${l - 1}_${k}${x}`]);
        acc.push([gb(l, i), `d${l}_${i}${x}`]);
      }
      if (l > 1) {
        for (let k = 0; k < dims[l - 1]!; k++) {
          const terms = Array.from({ length: dims[l]! }, (_, i) => `${w(l, i, k)} * d${l}_${i}${x}`);
          emit(`const d${l - 1}_${k}${x} = (${terms.join(' + ')}) * (a${l - 1}_${k}${x} > 0 ? 1 : 0);`);
        }
      }
    }
    return { acc, costs };
  };
  // Cost terms are added example by example, output by output, as the generic kernel adds them.
  const emitCosts = (costs: string[]): void => {
    if (costs.length > 0) emit(`if (costHere) { ${costs.map((c) => `costSum += ${c};`).join(' ')} }`);
  };
  // Each gradient still adds example q before example q + 1, so the sums are the generic kernel's.
  const names = Array.from({ length: UNROLL }, (_, u) => String.fromCharCode(65 + u));
  emit(`let q = start;`);
  emit(`for (; q + ${UNROLL - 1} < end; q += ${UNROLL}) {`);
  // Statement by statement, interleaved, so the examples' independent chains and their exp calls
  // sit side by side (measured ~8% faster than one example after the other).
  const bodies = names.map((x, u) => {
    const mark = out.length;
    const parts = example(x, u === 0 ? 'q' : `q + ${u}`);
    return { lines: out.splice(mark), ...parts };
  });
  bodies[0]!.lines.forEach((_, n) => bodies.forEach((body) => emit(body.lines[n]!)));
  emitCosts(bodies.flatMap((body) => body.costs));
  const groups = bodies.map((body) => body.acc);
  groups[0]!.forEach(([g], n) => emit(groups.map((acc) => `${g} += ${acc[n]![1]};`).join(' ')));
  emit(`}`);
  emit(`for (; q < end; q++) {`);
  const single = example('', 'q');
  emitCosts(single.costs);
  for (const [g, term] of single.acc) emit(`${g} += ${term};`);
  emit(`}`);
  emit(`if (costHere) cost = invM * costSum;`);
  for (let i = 0; i < size; i++) emit(`G[${i}] = g${i};`);
  // The update runs once per mini-batch, not per example: a plain loop costs nothing here and
  // keeps the generated function small (TurboFan's compile time grows fast with its size).
  emit(`update(S, G, lr);`);
  emit(`}`); // mini-batches
  emit(`return cost;`);
  emit(`};`);
  return out.join('\n');
}

type KernelFactory = (S: GeneratedKernelInput) => EpochKernel['runEpoch'];

// One compiled factory per layout: closures made by the same factory share V8's feedback and
// optimized code, so a second run on the same network (the CLI's next optimizer, a re-train in
// the editor) starts at full speed instead of compiling again.
const factories = new Map<string, KernelFactory>();
const MAX_CACHED_FACTORIES = 16;

/**
 * The specialised kernel, or undefined when the network is too large for unrolling or code
 * generation is not allowed (a CSP without 'unsafe-eval' makes `new Function` throw EvalError).
 *
 * @example
 * createGeneratedKernel(state)?.runEpoch(order, 0.0007, true); // the cost of the epoch's last mini-batch
 */
export function createGeneratedKernel(state: KernelState): EpochKernel | undefined {
  if (state.layout.weightCount > MAX_GENERATED_WEIGHTS) return undefined;
  const key = state.layout.dims.join(',');
  let factory = factories.get(key);
  if (factory === undefined) {
    try {
      factory = new Function('S', epochKernelSource(state.layout)) as KernelFactory;
    } catch {
      return undefined;
    }
    if (factories.size >= MAX_CACHED_FACTORIES) factories.clear();
    factories.set(key, factory);
  }
  return { kind: 'generated', runEpoch: factory({ ...state, update: applyUpdate }) };
}
