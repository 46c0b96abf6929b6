/**
 * A numeric training parameter declared once: its TrainConfig field, setting, CLI flag, default,
 * range and help. The trainer's own (trainingParameters.ts) and the optimizers' hyperparameters
 * (optimizers/hyperparameters.ts) share this shape, so validation, CLI flags, settings and the
 * panel's controls are derived the same way for all of them.
 */

/** A closed or open bound of a numeric range. */
export interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
}

export const closed = (value: number): Bound => ({ value, exclusive: false });
export const open = (value: number): Bound => ({ value, exclusive: true });

export interface ParameterSpec<K extends string = string> {
  /** The TrainConfig field. */
  readonly key: K;
  /** Label in the panel and in messages ("Learning rate"). */
  readonly title: string;
  /** `optimizationLab.<setting>`; undefined when only the CLI sets it. */
  readonly setting?: string;
  /** `optlab train --<flag>`. */
  readonly flag: string;
  readonly kind: 'number' | 'integer';
  readonly default: number;
  readonly min?: Bound;
  readonly max?: Bound;
  /** One sentence for help texts and setting descriptions. */
  readonly help: string;
}

/**
 * What a value of this parameter must be, in words: "a number in [0, 1)", "an integer >= 1".
 *
 * @example
 * rangeText({ kind: 'number', min: closed(0), max: open(1) }); // 'a number in [0, 1)'
 * rangeText({ kind: 'number', min: open(0) }); // 'a finite number > 0'
 */
export function rangeText(spec: Pick<ParameterSpec, 'kind' | 'min' | 'max'>): string {
  const { min, max } = spec;
  if (spec.kind === 'integer' && min && max && !min.exclusive && !max.exclusive) return `an integer between ${bound(min.value)} and ${bound(max.value)}`;
  const noun = spec.kind === 'number' ? 'a number' : 'an integer';
  if (min && max) return `${noun} in ${min.exclusive ? '(' : '['}${min.value}, ${max.value}${max.exclusive ? ')' : ']'}`;
  if (min) return `${spec.kind === 'number' ? 'a finite number' : noun} ${min.exclusive ? '>' : '>='} ${min.value}`;
  if (max) return `${noun} ${max.exclusive ? '<' : '<='} ${max.value}`;
  return spec.kind === 'number' ? 'a finite number' : 'an integer';
}

// 2**32 - 1, numpy's largest seed, reads better as a power than as 4294967295.
const bound = (value: number): string => (value === 0xffffffff ? '2**32 - 1' : String(value));

/** Whether `value` is a finite number (an integer where the kind says so) inside the range. */
export function inRange(value: unknown, spec: Pick<ParameterSpec, 'kind' | 'min' | 'max'>): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (spec.kind === 'integer' && !Number.isSafeInteger(value)) return false;
  const { min, max } = spec;
  if (min && (min.exclusive ? !(value > min.value) : !(value >= min.value))) return false;
  if (max && (max.exclusive ? !(value < max.value) : !(value <= max.value))) return false;
  return true;
}
