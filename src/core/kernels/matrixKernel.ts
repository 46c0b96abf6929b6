import { crossEntropyTerm } from '../nn/cost';
import { ModuleCache } from '../wasm/moduleCache';
import type { OptimizerDefinition } from '../optimizers/optimizer';
import { writeConstants } from '../wasm/callConstants';
import type { EpochKernel, KernelState } from './epochKernel';
import { nextStep } from './optimizerStep';
import { gemmFunctions, type GemmExports } from './wasmGemm';
import { UPDATE_CONSTANTS, UPDATE_CONSTANTS_END, updateLoopFunction } from './wasmUpdate';

// The products: one module for every network (the sizes are arguments). The update loop: one module
// per optimizer (it is generated from the optimizer's definition).
const modules = new ModuleCache();
const compiledGemm = (): WebAssembly.Module | undefined => modules.get('gemm', gemmFunctions);
const compiledUpdate = (optimizer: OptimizerDefinition): WebAssembly.Module | undefined =>
  modules.get(`update/${optimizer.id}`, () => ({ update: updateLoopFunction(optimizer) }));

type UpdateLoop = (learningRate: number) => void;

/** Columns per mini-batch matrix: the batch rounded up to the register block's 4. */
const paddedColumns = (batch: number): number => Math.ceil(batch / 4) * 4;

/**
 * The epoch with each mini-batch as a matrix (src/core/kernels/wasmGemm.ts): the batch's
 * activations and deltas live feature-major in WebAssembly memory (A_l and dZ_l are n_l x bp),
 * forward and backward are f64x2 products with register blocks, written once for any size, so the
 * work per example is the same few hundred instructions per thousand weights at every width (the
 * unrolled kernel's code grows with the network). JavaScript gathers the batch's examples into
 * A_0 and computes the sigmoid, the cost and the output deltas (nL x batch numbers); the
 * optimizer's update is a WebAssembly loop too (wasmUpdate.ts), on the parameters and the
 * optimizer's state, which live in WebAssembly memory from the kernel's creation on.
 * Sums run in the generic kernel's order, so the two agree bit for bit on finite numbers.
 * Memory: the update loop's constants block, the parameters, gradients and optimizer state plus
 * 2 (n_0 + ... + n_L) bp doubles; the data set is not copied.
 * Undefined where WebAssembly with SIMD is not available.
 *
 * @example
 * createMatrixKernel(state)?.runEpoch(order, 0.0007, true); // the cost of the epoch's last mini-batch
 */
export function createMatrixKernel(state: KernelState): EpochKernel | undefined {
  const { layout, m, xt, yt } = state;
  const { dims, layers: L, wOffset, bOffset, size } = layout;
  const batch = Math.min(state.miniBatchSize, m);
  const bp = paddedColumns(batch);
  const { optimizer } = state;
  const module = compiledGemm();
  const updateModule = compiledUpdate(optimizer);
  if (module === undefined || updateModule === undefined) return undefined;

  // Parameters, gradients and each state buffer rounded up to whole pairs for the update loop.
  const pairBytes = 16 * Math.ceil(size / 2);
  const paramsAt = UPDATE_CONSTANTS_END;
  const gradsAt = paramsAt + pairBytes;
  const stateAt = gradsAt + pairBytes;
  const stepCount = optimizer.stepValues?.count ?? 0;
  const stepValuesAt = stateAt + pairBytes * optimizer.state.length;
  const actAt: number[] = [];
  const deltaAt: number[] = [];
  let end = stepValuesAt + 16 * Math.ceil(stepCount / 2);
  for (let l = 0; l <= L; l++) {
    actAt.push(end);
    end += 8 * dims[l]! * bp;
    deltaAt.push(end);
    if (l > 0) end += 8 * dims[l]! * bp;
  }
  let exports: GemmExports;
  let update: UpdateLoop;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: Math.ceil(end / 65536) });
    exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as GemmExports;
    update = new WebAssembly.Instance(updateModule, { env: { memory } }).exports.update as UpdateLoop;
  } catch {
    return undefined;
  }
  const buffer = memory.buffer;
  const params = new Float64Array(buffer, paramsAt, size);
  const stepValues = new Float64Array(buffer, stepValuesAt, stepCount);
  const input = new Float64Array(buffer, actAt[0]!, dims[0]! * bp);
  const nL = dims[L]!;
  const output = new Float64Array(buffer, actAt[L]!, nL * bp);
  const outputDelta = new Float64Array(buffer, deltaAt[L]!, nL * bp);
  const n0 = dims[0]!;
  params.set(state.params);
  // From here on the optimizer's state lives in WebAssembly memory (as in the unrolled kernel: a run
  // that trained whole epochs steps no more); the trainer's parameters are refreshed once per epoch.
  state.optimizerState.forEach((values, k) => new Float64Array(buffer, stateAt + k * pairBytes, size).set(values));
  // What the update loop reads once per call; only the learning rate is passed.
  writeConstants(buffer, UPDATE_CONSTANTS, 0, { ...state.h, paramsAt, gradsAt, stateAt, stateStride: pairBytes, bytes: pairBytes, stepValuesAt });

  /** One update from the gradients in memory. */
  function updateParameters(learningRate: number): void {
    nextStep(state, learningRate, stepValues, 0);
    update(learningRate);
  }

  /**
   * A_0 = the examples order[start..start + count) (or start.. itself without an order) as columns,
   * padding columns zero (finite, so their zero deltas add +0); then A_1.. and Z_L (not yet the sigmoid).
   */
  function forward(order: Int32Array | undefined, start: number, count: number): void {
    for (let j = 0; j < count; j++) {
      const row = (order === undefined ? start + j : order[start + j]!) * n0;
      for (let k = 0; k < n0; k++) input[k * bp + j] = xt[row + k]!;
    }
    if (count < bp) for (let k = 0; k < n0; k++) input.fill(0, k * bp + count, (k + 1) * bp);
    for (let l = 1; l <= L; l++) {
      const cols = dims[l - 1]!;
      const product = l < L ? exports.forwardRelu : exports.forwardLinear;
      product(paramsAt + 8 * wOffset[l - 1]!, 8 * cols, 8, actAt[l - 1]!, actAt[l]!, paramsAt + 8 * bOffset[l - 1]!, dims[l]!, cols, bp);
    }
  }

  function runEpoch(order: Int32Array, learningRate: number, wantCost: boolean): number {
    const { backwardMasked, weightGrad } = exports;
    let cost = NaN;
    for (let start = 0; start < m; start += batch) {
      const count = start + batch < m ? batch : m - start;
      const invM = 1 / count;
      forward(order, start, count);
      // Sigmoid, dZ_L = (1/m)(a - y) (zero in the padding), and the cost example by example as the generic kernel adds it.
      const costHere = wantCost && start + count === m;
      for (let i = 0; i < nL; i++) {
        for (let j = 0; j < count; j++) {
          const a = 1 / (1 + Math.exp(-output[i * bp + j]!));
          output[i * bp + j] = a;
          outputDelta[i * bp + j] = invM * (a - yt[order[start + j]! * nL + i]!);
        }
        outputDelta.fill(0, i * bp + count, (i + 1) * bp);
      }
      if (costHere) {
        let costSum = 0;
        for (let j = 0; j < count; j++) {
          for (let i = 0; i < nL; i++) costSum += crossEntropyTerm(output[i * bp + j]!, yt[order[start + j]! * nL + i]!);
        }
        cost = invM * costSum;
      }
      for (let l = L; l >= 1; l--) {
        const rows = dims[l]!;
        const cols = dims[l - 1]!;
        weightGrad(deltaAt[l]!, actAt[l - 1]!, gradsAt + 8 * wOffset[l - 1]!, gradsAt + 8 * bOffset[l - 1]!, rows, cols, bp);
        if (l > 1) backwardMasked(paramsAt + 8 * wOffset[l - 1]!, 8, 8 * cols, deltaAt[l]!, deltaAt[l - 1]!, actAt[l - 1]!, cols, rows, bp);
      }
      updateParameters(learningRate);
    }
    state.params.set(params);
    return cost;
  }

  /** flatAccuracy's number (its ReLU max(0, z) equals ours on finite z; sums in the same order), bp examples at a time. */
  function accuracy(): number {
    let correct = 0;
    for (let start = 0; start < m; start += bp) {
      const count = Math.min(bp, m - start);
      forward(undefined, start, count);
      for (let i = 0; i < nL; i++) {
        for (let j = 0; j < count; j++) {
          const predicted = 1 / (1 + Math.exp(-output[i * bp + j]!)) > 0.5 ? 1 : 0;
          if (predicted === yt[(start + j) * nL + i]) correct++;
        }
      }
    }
    return correct / (m * nL);
  }

  return { kind: 'matrix', runEpoch, accuracy };
}
