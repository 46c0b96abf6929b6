import type { ValueType } from './functionBuilder';

/** A generated function's arguments, in its parameters' order, where one of them changes between calls. */
export interface ArgumentList<N extends string> {
  readonly args: number[];
  /** Sets the argument `name` for the next call. */
  set(name: N, value: number): void;
}

/**
 * The argument array for a generated function whose parameters are `parameters` (name and type, in
 * order), filled from `values` by name; the kernels keep it and change only what varies per call.
 *
 * @example
 * const call = argumentList(UPDATE_PARAMETERS, { ...state.h, learningRate: NaN, paramsAt, ... });
 * call.set('learningRate', 0.0007); update(...call.args);
 */
export function argumentList<N extends string>(parameters: readonly (readonly [N, ValueType])[], values: Readonly<Record<N, number>>): ArgumentList<N> {
  const args: number[] = parameters.map(([name]) => values[name]);
  const index = new Map(parameters.map(([name], i) => [name, i]));
  return {
    args,
    set(name, value) {
      args[index.get(name)!] = value;
    },
  };
}
