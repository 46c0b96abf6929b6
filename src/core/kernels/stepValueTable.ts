import type { Hyperparameters } from '../optimizers/hyperparameters';
import type { OptimizerDefinition } from '../optimizers/optimizer';

/** 4 MiB: 10 000 epochs of the notebook's 5 mini-batches take 0.8 MiB of Adam's two values per update. */
export const BUDGET_BYTES = 4 * 1024 * 1024;

type StepValues = NonNullable<OptimizerDefinition['stepValues']>;

/**
 * The step values of updates t = 1, 2, ... of one optimizer with one set of hyperparameters, kept as
 * they are computed, for step values that do not use the learning rate (Adam's bias corrections
 * 1 - beta1^t and 1 - beta2^t). Two `Math.pow` per update are about 5 % of the notebook's run, and
 * every run with the same optimizer and betas needs the same ones: a live scrub of the learning rate,
 * a re-run, a comparison of learning rates. Bounded: past {@link BUDGET_BYTES} they are computed as before.
 *
 * @example
 * const table = stepValueTable(adam, h)!;
 * table.write(3, 0.0007, out, 0); // out[0..2) = 1 - 0.9^3, 1 - 0.999^3, kept for the next run
 */
export class StepValueTable {
  private values = new Float64Array(0);
  /** Updates kept: t = 1..kept. */
  private kept = 0;

  constructor(
    readonly key: string,
    private readonly definition: StepValues,
    private readonly h: Readonly<Hyperparameters>,
  ) {}

  /** Update t's step values into `out[at..at + count)`: kept ones copied, others computed (and kept when t is the next). */
  write(t: number, learningRate: number, out: Float64Array, at: number): void {
    const { count } = this.definition;
    const { values } = this;
    if (t <= this.kept) {
      const from = (t - 1) * count;
      for (let i = 0; i < count; i++) out[at + i] = values[from + i]!;
      return;
    }
    this.definition.compute(t, learningRate, this.h, out, at);
    if (t !== this.kept + 1 || 8 * t * count > BUDGET_BYTES) return;
    if (t * count > values.length) {
      const grown = new Float64Array(Math.min(BUDGET_BYTES / 8, Math.max(t * count, 2 * values.length, 1024)));
      grown.set(values);
      this.values = grown;
    }
    this.values.set(out.subarray(at, at + count), (t - 1) * count);
    this.kept = t;
  }
}

/** This thread's last table: runs in a thread are synchronous, and values for one key never change. */
let last: StepValueTable | undefined;

/**
 * The table for a run of `optimizer` with hyperparameters `h`: the last run's when they are the same,
 * else a new one. Undefined when the optimizer has no step values or its step values use the learning
 * rate (which a decay changes every epoch).
 */
export function stepValueTable(optimizer: OptimizerDefinition, h: Readonly<Hyperparameters>): StepValueTable | undefined {
  const definition = optimizer.stepValues;
  if (!definition || definition.usesLearningRate) return undefined;
  // Number to string and back is exact, so equal keys mean equal hyperparameters.
  const key = `${optimizer.id}:${optimizer.hyperparameters.map((k) => h[k]).join(',')}`;
  if (last?.key !== key) last = new StepValueTable(key, definition, h);
  return last;
}
