import type { Expr } from '../wasm/expressions';
import type { HyperparameterKey, Hyperparameters } from './hyperparameters';

/**
 * One optimizer, defined once (tfjs keeps one optimizer per file behind one interface; so do we).
 * Everything else — validation, settings, commands, CLI flags and help, the compare list, colours,
 * run files, the panel's controls and both epoch kernels — is derived from the OPTIMIZERS list in
 * registry.ts. Adding an optimizer is one module like adam.ts plus its torch fixture (CONTRIBUTING.md).
 *
 * The kernels' contract (src/core/kernels/CONTRACT.md): `update` and `wasm` perform the same
 * floating-point operations in the same order on every parameter, so the generic and the
 * WebAssembly kernel give the same bits; test/unit/core/optimizerConformance.test.ts checks it for
 * every optimizer, and test/unit/core/torchFixtures.test.ts checks the numbers against torch.optim.
 */
export interface OptimizerDefinition {
  /** The id used by settings, run files and `optlab train --optimizer` ('adam'). */
  readonly id: string;
  /** "Adam": titles, commands ("Train with Adam"), table rows. */
  readonly title: string;
  /** One line for help texts and pickers. */
  readonly description: string;
  /** Chart colour: a VS Code theme colour (`charts-green`) and the hex used where no theme applies. */
  readonly color: { readonly themeColor: string; readonly hex: string };
  /** Whether the notebook itself teaches it (its three optimizers keep the notebook's numbers bit for bit). */
  readonly notebook: boolean;
  /** The hyperparameters its update reads, besides the learning rate. */
  readonly hyperparameters: readonly HyperparameterKey[];
  /** Names of its state buffers, each shaped like the parameters and zero at the start ('v', 's'...). */
  readonly state: readonly string[];
  /**
   * Values of one update that are the same for every parameter and that WebAssembly cannot
   * compute cheaply (it has no pow): computed on the host for update number `t` (counted from 1,
   * incremented before each update as the notebook's Adam does) into `out[offset..offset+count)`.
   */
  readonly stepValues?: {
    readonly count: number;
    /** Whether `compute` reads the learning rate; those that do not are kept across runs (kernels/stepValueTable.ts). */
    readonly usesLearningRate: boolean;
    compute(t: number, learningRate: number, h: Readonly<Hyperparameters>, out: Float64Array, offset: number): void;
  };
  /** The update of every parameter, in plain loops (the generic kernel and the reference model). */
  update(a: FlatUpdate): void;
  /** The same update as WebAssembly, two parameters per f64x2 vector (the WebAssembly kernel). */
  readonly wasm: WasmUpdate;
  /** Where its conventions come from and how they map to torch.optim, for docs/guide/optimizers.md. */
  readonly torch: string;
}

/** One update's inputs: parameters, gradients and state are flat buffers of the same layout. */
export interface FlatUpdate {
  readonly p: Float64Array;
  readonly g: Float64Array;
  /** The optimizer's state buffers, in the order of OptimizerDefinition.state. */
  readonly state: readonly Float64Array[];
  readonly learningRate: number;
  readonly h: Readonly<Hyperparameters>;
  /** This update's step values (OptimizerDefinition.stepValues), from `stepAt` on. */
  readonly step: Float64Array;
  readonly stepAt: number;
  /** How many parameters to update (the buffers may be longer). */
  readonly n: number;
}

/**
 * What an optimizer's WebAssembly update can use while the epoch function is generated. Values
 * that stay the same for the whole epoch (`hyper`, `oneMinus`, `constant`) must be asked for
 * in the outer call of WasmUpdate, which runs where the epoch's prologue is emitted; `step(i)`
 * and everything in the per-pair function emit where the update of a mini-batch is emitted.
 */
export interface WasmUpdateBuilder {
  /** The learning rate of this epoch, in both lanes. */
  readonly learningRate: Expr;
  /** A hyperparameter in both lanes (set once per epoch). */
  hyper(key: HyperparameterKey): Expr;
  /** 1 - the hyperparameter, computed as a scalar as the JavaScript update computes it, in both lanes. */
  oneMinus(key: HyperparameterKey): Expr;
  /** Step value i of the current mini-batch's update, in both lanes (set once per mini-batch). */
  step(i: number): Expr;
  /** A fresh v128 local for intermediate values. */
  local(): number;
  readonly get: (local: number) => Expr;
  readonly set: (local: number, value: Expr) => void;
  readonly add: (a: Expr, b: Expr) => Expr;
  readonly sub: (a: Expr, b: Expr) => Expr;
  readonly mul: (a: Expr, b: Expr) => Expr;
  readonly div: (a: Expr, b: Expr) => Expr;
  readonly sqrt: (a: Expr) => Expr;
  readonly max: (a: Expr, b: Expr) => Expr;
}

/** Two parameters' update: the gradient pair, the parameter pair, and the state pairs in memory. */
export interface WasmPair {
  readonly g: Expr;
  readonly p: Expr;
  /** State buffer k's pair as stored before this update. */
  state(k: number): Expr;
  /** Stores a new value of state buffer k's pair. */
  storeState(k: number, value: Expr): void;
}

/** Called once per epoch function; returns the emitter of one pair's update, which returns the new parameters. */
export type WasmUpdate = (b: WasmUpdateBuilder) => (pair: WasmPair) => Expr;
