import type { FunctionBuilder } from './functionBuilder';

/** One input of a generated function that stays the same for a whole run: its name and type. */
export type ConstantField<N extends string> = readonly [N, 'i32' | 'f64'];

/**
 * A generated function's inputs that stay the same for a whole run live in a block of its memory, one
 * 8-byte slot each, instead of being passed on every call. From JavaScript a call with 14 spread
 * arguments cost about 0.4 µs and a call with one about 0.02 µs (10 000 calls: 3.7-5 ms against
 * 0.1-0.4 ms), and the kernels call from JavaScript once per epoch (the unrolled epoch: 10 000 calls
 * in the notebook's run) or once per mini-batch (the matrix kernel's update loop). The function takes
 * only what changes per call as parameters and copies the block into locals as it starts.
 *
 * Bytes of the block for `fields`, rounded up to 16 so that what follows it can hold v128s.
 */
export function constantsBytes(fields: readonly ConstantField<string>[]): number {
  return 16 * Math.ceil(fields.length / 2);
}

/**
 * Emits, where it is called, the copy of the block at address `at` into new locals; returns each
 * field's local by name.
 *
 * @example
 * const c = readConstants(f, [['m', 'i32'], ['beta1', 'f64']], 0); // f.get(c.m) reads m
 */
export function readConstants<N extends string>(f: FunctionBuilder, fields: readonly ConstantField<N>[], at: number): Record<N, number> {
  const locals = {} as Record<N, number>;
  fields.forEach(([name, type], i) => {
    const local = f.local(type);
    f.i32(at).load(type, 8 * i).set(local);
    locals[name] = local;
  });
  return locals;
}

/** Writes the block at byte `at` of `buffer` from `values` by name (an i32 in the low 4 bytes of its slot: WebAssembly is little-endian). */
export function writeConstants<N extends string>(buffer: ArrayBuffer, fields: readonly ConstantField<N>[], at: number, values: Readonly<Record<N, number>>): void {
  const view = new DataView(buffer, at, 8 * fields.length);
  fields.forEach(([name, type], i) => {
    if (type === 'i32') view.setInt32(8 * i, values[name], true);
    else view.setFloat64(8 * i, values[name], true);
  });
}
