import { crossEntropyTerm } from '../nn/cost';
import { ModuleCache } from '../wasm/moduleCache';
import type { EpochKernel, KernelState } from './epochKernel';
import type { NetworkLayout } from './networkLayout';
import type { OptimizerDefinition } from '../optimizers/optimizer';
import { EPOCH_CONSTANTS, epochFunction, epochMemory } from './wasmEpoch';
import { writeConstants } from '../wasm/callConstants';
import { nextStep } from './optimizerStep';

/**
 * Above this many parameters the generic kernel runs. The generated function grows with the
 * parameters (about 300 bytes and two v128 locals each) and so does the time to generate it:
 * measured for Adam, 1000 epochs on the 300 moons, wasm vs generic: [2,20,20,1] (501 parameters)
 * 0.27 s vs 1.2 s with 60 ms to generate; [2,50,50,1] (2751) 2.2 s vs 7.0 s with 0.48 s to
 * generate. Past a few thousand, generation and V8's compile would dominate short runs.
 */
export const MAX_WASM_PARAMETERS = 4096;

/**
 * Up to this many parameters the trainer picks the unrolled kernel, above it the matrix kernel
 * (src/core/kernels/matrixKernel.ts). Measured for Adam on 300 and 3 000 moons, [2,h,h,1]: the unrolled
 * kernel wins up to h = 12 (217 parameters, 0.06 vs 0.09 s), the matrix kernel from h = 16 (353: 0.10 vs 0.17 s).
 */
export const UNROLLED_UP_TO_PARAMETERS = 256;

type RunEpoch = (learningRate: number) => void;

// One compiled module per network and optimizer (the generated epoch is specialised for both).
const modules = new ModuleCache(16);

function compiledEpoch(layout: NetworkLayout, optimizer: OptimizerDefinition): WebAssembly.Module | undefined {
  return modules.get(`${layout.dims.join(',')}/${optimizer.id}`, () => ({ runEpoch: epochFunction(layout, optimizer) }));
}

const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/**
 * The epoch as WebAssembly generated for the network (src/core/kernels/wasmEpoch.ts): the
 * notebook's numbers with the same bits as the generic kernel, several times faster. Each run
 * gets its own memory: the data set is copied in once, the order, the optimizer's step values
 * (Adam's bias corrections) and the parameters cross per epoch (a few hundred numbers); the
 * optimizer's state stays inside.
 * Undefined where WebAssembly is not available or the network is larger than
 * MAX_WASM_PARAMETERS, so the caller falls back.
 *
 * @example
 * createWasmKernel(state)?.runEpoch(order, 0.0007, true); // the cost of the epoch's last mini-batch
 */
export function createWasmKernel(state: KernelState): EpochKernel | undefined {
  const { layout, m, xt, yt, optimizer } = state;
  // A mini-batch larger than the data set is the whole set; capping it also keeps it an i32.
  const miniBatchSize = Math.min(state.miniBatchSize, m);
  if (layout.size > MAX_WASM_PARAMETERS) return undefined;
  const module = compiledEpoch(layout, optimizer);
  if (module === undefined) return undefined;

  const nL = layout.dims[layout.layers]!;
  const batches = Math.ceil(m / miniBatchSize);
  const fixed = epochMemory(layout, optimizer.state.length);
  const stepCount = optimizer.stepValues?.count ?? 0;
  const orderAt = fixed.end;
  const xtAt = orderAt + align16(4 * m);
  const ytAt = xtAt + align16(8 * xt.length);
  const pairsPerBatch = Math.ceil(miniBatchSize / 2);
  const outputsAt = ytAt + align16(8 * yt.length);
  const stepValuesAt = outputsAt + align16(16 * nL * pairsPerBatch);
  const bytes = stepValuesAt + 8 * stepCount * batches;
  let run: RunEpoch;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    run = instance.exports.runEpoch as RunEpoch;
  } catch {
    return undefined;
  }
  const buffer = memory.buffer;
  const params = new Float64Array(buffer, fixed.params, layout.size);
  params.set(state.params);
  state.optimizerState.forEach((buffer0, k) => new Float64Array(buffer, fixed.state[k]!, layout.size).set(buffer0));
  new Float64Array(buffer, xtAt, xt.length).set(xt);
  new Float64Array(buffer, ytAt, yt.length).set(yt);
  const order = new Int32Array(buffer, orderAt, m);
  const outputs = new Float64Array(buffer, outputsAt, 2 * nL * pairsPerBatch);
  const stepValues = new Float64Array(buffer, stepValuesAt, stepCount * batches);
  const lastStart = (batches - 1) * miniBatchSize;
  // What the generated function reads once per call; only the learning rate is passed.
  writeConstants(buffer, EPOCH_CONSTANTS, fixed.constants, { ...state.h, m, miniBatchSize, orderAt, xtAt, ytAt, outputsAt, stepValuesAt });

  function runEpoch(epochOrder: Int32Array, learningRate: number, wantCost: boolean): number {
    order.set(epochOrder);
    // t is counted per update, as the notebook's Adam does; WebAssembly has no pow, so the step values are computed here.
    for (let b = 0; b < batches; b++) nextStep(state, learningRate, stepValues, stepCount * b);
    run(learningRate);
    state.params.set(params);
    if (!wantCost) return NaN;
    // The last mini-batch's cost, example by example and output by output, as the generic kernel adds it.
    let costSum = 0;
    for (let q = lastStart; q < m; q++) {
      const pairRow = ((q - lastStart) >> 1) * nL;
      const lane = (q - lastStart) & 1;
      for (let i = 0; i < nL; i++) {
        costSum += crossEntropyTerm(outputs[2 * (pairRow + i) + lane]!, yt[epochOrder[q]! * nL + i]!);
      }
    }
    return (1 / (m - lastStart)) * costSum;
  }

  return { kind: 'wasm', runEpoch };
}
