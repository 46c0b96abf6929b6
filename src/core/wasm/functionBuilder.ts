/**
 * A WebAssembly function written instruction by instruction, for code generated at run time
 * (see src/core/kernels/wasmEpoch.ts). It knows only the instructions the generators use; the
 * opcodes are the WebAssembly 2.0 binary format's (SIMD instructions after the 0xfd prefix).
 */

export type ValueType = 'i32' | 'f64' | 'v128';

export const VALUE_TYPE_CODES: Record<ValueType, number> = { i32: 0x7f, f64: 0x7c, v128: 0x7b };

/** Instructions without immediates (or with the immediates given by the helpers below). */
const PLAIN = {
  'i32.eqz': [0x45],
  'i32.lt_s': [0x48],
  'i32.gt_s': [0x4a],
  'i32.ge_s': [0x4e],
  'i32.add': [0x6a],
  'i32.sub': [0x6b],
  'i32.mul': [0x6c],
  'i32.shl': [0x74],
  'f64.add': [0xa0],
  'f64.sub': [0xa1],
  'f64.mul': [0xa2],
  'f64.div': [0xa3],
  'f64.sqrt': [0x9f],
  'f64.convert_i32_s': [0xb7],
  'f64x2.splat': [0xfd, 0x14],
  'f64x2.eq': [0xfd, 0x47],
  'f64x2.ne': [0xfd, 0x48],
  'f64x2.lt': [0xfd, 0x49],
  'f64x2.gt': [0xfd, 0x4a],
  'f64x2.le': [0xfd, 0x4b],
  'f64x2.ge': [0xfd, 0x4c],
  'v128.not': [0xfd, 0x4d],
  'v128.and': [0xfd, 0x4e],
  'v128.andnot': [0xfd, 0x4f],
  'v128.or': [0xfd, 0x50],
  'v128.bitselect': [0xfd, 0x52],
  'v128.any_true': [0xfd, 0x53],
  'f64x2.floor': [0xfd, 0x75],
  'f64x2.trunc': [0xfd, 0x7a],
  'i64x2.shl': [0xfd, 0xcb, 0x01],
  'f64x2.abs': [0xfd, 0xec, 0x01],
  'f64x2.neg': [0xfd, 0xed, 0x01],
  'f64x2.sqrt': [0xfd, 0xef, 0x01],
  'f64x2.add': [0xfd, 0xf0, 0x01],
  'f64x2.sub': [0xfd, 0xf1, 0x01],
  'f64x2.mul': [0xfd, 0xf2, 0x01],
  'f64x2.div': [0xfd, 0xf3, 0x01],
  'f64x2.max': [0xfd, 0xf5, 0x01],
} as const satisfies Record<string, readonly number[]>;

export type PlainInstruction = keyof typeof PLAIN;

/** Unsigned LEB128, as the binary format encodes indices, counts and sizes. */
export function unsignedLeb(value: number, out: number[] = []): number[] {
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer (i32.const). */
export function signedLeb(value: number, out: number[] = []): number[] {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

// Scratch for writing a double's bytes.
const scratch = new DataView(new ArrayBuffer(8));

export class FunctionBuilder {
  readonly code: number[] = [];
  readonly locals: ValueType[] = [];

  constructor(
    readonly params: readonly ValueType[],
    readonly results: readonly ValueType[] = [],
  ) {}

  /** A new local of `type`; its index follows the parameters'. */
  local(type: ValueType): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  op(name: PlainInstruction): this {
    for (const byte of PLAIN[name]) this.code.push(byte);
    return this;
  }

  get(local: number): this {
    return this.withIndex(0x20, local);
  }

  set(local: number): this {
    return this.withIndex(0x21, local);
  }

  i32(value: number): this {
    this.code.push(0x41);
    signedLeb(value, this.code);
    return this;
  }

  f64(value: number): this {
    this.code.push(0x44);
    return this.double(value);
  }

  /** v128.const of two doubles (lane 0, lane 1). */
  f64x2(lane0: number, lane1 = lane0): this {
    this.code.push(0xfd, 0x0c);
    return this.double(lane0).double(lane1);
  }

  /** v128.const with every bit of lane 0 and lane 1 set or clear. */
  mask(lane0: boolean, lane1: boolean): this {
    this.code.push(0xfd, 0x0c, ...new Array<number>(8).fill(lane0 ? 0xff : 0), ...new Array<number>(8).fill(lane1 ? 0xff : 0));
    return this;
  }

  /** Loads and stores take the address from the stack plus a constant byte offset. */
  load(type: 'i32' | 'f64' | 'v128', offset = 0): this {
    if (type === 'v128') this.code.push(0xfd, 0x00, 4);
    else this.code.push(type === 'i32' ? 0x28 : 0x2b, type === 'i32' ? 2 : 3);
    unsignedLeb(offset, this.code);
    return this;
  }

  /** v128.load64_splat: the double at the address (plus `offset`) in both lanes. */
  loadSplat64(offset = 0): this {
    this.code.push(0xfd, 0x0a, 3);
    unsignedLeb(offset, this.code);
    return this;
  }

  store(type: 'f64' | 'v128', offset = 0): this {
    if (type === 'v128') this.code.push(0xfd, 0x0b, 4);
    else this.code.push(0x39, 3);
    unsignedLeb(offset, this.code);
    return this;
  }

  extractLane(lane: 0 | 1): this {
    this.code.push(0xfd, 0x21, lane);
    return this;
  }

  replaceLane(lane: 0 | 1): this {
    this.code.push(0xfd, 0x22, lane);
    return this;
  }

  /**
   * i8x16.shuffle picking 64-bit lanes: result lane 0 is lane `lane0` and lane 1 is lane `lane1`
   * of the concatenation (a lane 0, a lane 1, b lane 0, b lane 1), a and b pushed by the callers.
   */
  shuffle64(a: () => void, b: () => void, lane0: 0 | 1 | 2 | 3, lane1: 0 | 1 | 2 | 3): this {
    a();
    b();
    const bytes = (lane: number): number[] => Array.from({ length: 8 }, (_, i) => 8 * lane + i);
    this.code.push(0xfd, 0x0d, ...bytes(lane0), ...bytes(lane1));
    return this;
  }

  /** `select` of two values of `type` by an i32 condition (typed select, needed for v128). */
  select(type: ValueType): this {
    this.code.push(0x1c, 1, VALUE_TYPE_CODES[type]);
    return this;
  }

  /** block / loop / if with no result; close each with end(). */
  block(): this {
    this.code.push(0x02, 0x40);
    return this;
  }

  loop(): this {
    this.code.push(0x03, 0x40);
    return this;
  }

  if(): this {
    this.code.push(0x04, 0x40);
    return this;
  }

  else(): this {
    this.code.push(0x05);
    return this;
  }

  end(): this {
    this.code.push(0x0b);
    return this;
  }

  /** br / br_if to the label `depth` blocks out (0 is the innermost). */
  br(depth: number): this {
    return this.withIndex(0x0c, depth);
  }

  brIf(depth: number): this {
    return this.withIndex(0x0d, depth);
  }

  /** An instruction whose immediate is one index (a local, a label depth). */
  private withIndex(opcode: number, index: number): this {
    this.code.push(opcode);
    unsignedLeb(index, this.code);
    return this;
  }

  /** A double's 8 bytes, little-endian as WebAssembly stores them. */
  private double(value: number): this {
    scratch.setFloat64(0, value, true);
    for (let i = 0; i < 8; i++) this.code.push(scratch.getUint8(i));
    return this;
  }
}
