import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeModule } from '../../../src/core/wasm/encodeModule';
import { FunctionBuilder, signedLeb, unsignedLeb, type PlainInstruction } from '../../../src/core/wasm/functionBuilder';

// Every function of these tests works in one imported page: inputs at IN, outputs from OUT on.
const IN = 0;
const OUT = 1024;

type Exported = Record<string, (...args: number[]) => number>;

/** Validates, compiles and instantiates `functions` on a fresh one-page memory. */
function instantiate(functions: Record<string, FunctionBuilder>): { exports: Exported; memory: WebAssembly.Memory } {
  const bytes = encodeModule(functions);
  assert.ok(WebAssembly.validate(bytes), 'the module does not validate');
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  return { exports: instance.exports as unknown as Exported, memory };
}

/** The 64 bits of a double, so NaN payloads, -0 and comparison masks compare exactly. */
function bitsOf(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x, true);
  return view.getBigUint64(0, true);
}

function doubleOf(bits: bigint): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt.asUintN(64, bits), true);
  return view.getFloat64(0, true);
}

const ALL = (1n << 64n) - 1n;
const maskOf = (b: boolean): bigint => (b ? ALL : 0n);

/** A decoder independent of the encoders, for round trips. */
function decodeLeb(bytes: readonly number[], signed: boolean): number {
  let result = 0n;
  let shift = 0n;
  let byte = 0;
  let i = 0;
  do {
    byte = bytes[i++]!;
    result |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
  } while (byte & 0x80);
  assert.equal(i, bytes.length, 'trailing bytes after the last LEB byte');
  if (signed && byte & 0x40) result -= 1n << shift;
  return Number(result);
}

describe('LEB128', () => {
  it('unsignedLeb gives the known encodings', () => {
    const cases: [number, number[]][] = [
      [0, [0x00]],
      [1, [0x01]],
      [127, [0x7f]],
      [128, [0x80, 0x01]],
      [255, [0xff, 0x01]],
      [16383, [0xff, 0x7f]],
      [16384, [0x80, 0x80, 0x01]],
      [624485, [0xe5, 0x8e, 0x26]],
      [2 ** 31, [0x80, 0x80, 0x80, 0x80, 0x08]],
      [2 ** 32 - 1, [0xff, 0xff, 0xff, 0xff, 0x0f]],
    ];
    for (const [value, bytes] of cases) assert.deepEqual(unsignedLeb(value), bytes, `unsignedLeb(${value})`);
  });

  it('signedLeb gives the known encodings', () => {
    const cases: [number, number[]][] = [
      [0, [0x00]],
      [-1, [0x7f]],
      [63, [0x3f]],
      [64, [0xc0, 0x00]],
      [-64, [0x40]],
      [-65, [0xbf, 0x7f]],
      [127, [0xff, 0x00]],
      [-128, [0x80, 0x7f]],
      [624485, [0xe5, 0x8e, 0x26]],
      [-123456, [0xc0, 0xbb, 0x78]],
      [2 ** 31 - 1, [0xff, 0xff, 0xff, 0xff, 0x07]],
      [-(2 ** 31), [0x80, 0x80, 0x80, 0x80, 0x78]],
    ];
    for (const [value, bytes] of cases) assert.deepEqual(signedLeb(value), bytes, `signedLeb(${value})`);
  });

  it('both append to the array they are given', () => {
    const out = [0xaa];
    assert.equal(unsignedLeb(300, out), out);
    assert.equal(signedLeb(-300, out), out);
    assert.deepEqual(out, [0xaa, 0xac, 0x02, 0xd4, 0x7d]);
  });

  it('round-trips powers of two and their neighbours through an independent decoder', () => {
    for (let e = 0; e <= 32; e++) {
      for (const d of [-1, 0, 1]) {
        const u = 2 ** e + d;
        if (u >= 0 && u < 2 ** 32) assert.equal(decodeLeb(unsignedLeb(u), false), u, `unsigned ${u}`);
        for (const s of [u, 0 - u]) {
          if (s >= -(2 ** 31) && s < 2 ** 31) assert.equal(decodeLeb(signedLeb(s), true), s, `signed ${s}`);
        }
      }
    }
  });
});

describe('FunctionBuilder + encodeModule', () => {
  it('i32 constants survive the encoding (LEB edge values)', () => {
    const values = [0, 1, -1, 63, 64, -64, -65, 127, 128, -128, -129, 8191, 8192, -8192, -8193, 624485, -123456, 2 ** 31 - 1, -(2 ** 31)];
    const functions: Record<string, FunctionBuilder> = {};
    values.forEach((v, i) => (functions[`c${i}`] = new FunctionBuilder([], ['i32']).i32(v)));
    const { exports } = instantiate(functions);
    values.forEach((v, i) => assert.equal(exports[`c${i}`]!(), v, `i32.const ${v}`));
  });

  it('f64, f64x2 and mask constants store their exact bits', () => {
    const doubles = [0, -0, 1, -1.5, Math.PI, Number.MIN_VALUE, -Number.MAX_VALUE, Infinity, -Infinity, doubleOf(0x7ff8000000000001n), doubleOf(0xfff4000000000abcn)];
    const f = new FunctionBuilder(['i32']);
    doubles.forEach((x, i) => f.get(0).f64(x).store('f64', 8 * i));
    // v128 constants after the doubles (16-byte aligned).
    const vAt = 16 * Math.ceil(doubles.length / 2);
    f.get(0).f64x2(2.5, -0).store('v128', vAt);
    f.get(0).f64x2(-7.25).store('v128', vAt + 16);
    const masks: [boolean, boolean][] = [[false, false], [true, false], [false, true], [true, true]];
    masks.forEach(([a, b], i) => f.get(0).mask(a, b).store('v128', vAt + 32 + 16 * i));
    const { exports, memory } = instantiate({ run: f });
    exports.run!(OUT);
    const words = new BigUint64Array(memory.buffer, OUT);
    doubles.forEach((x, i) => assert.equal(words[i], bitsOf(x), `f64.const ${x} (bits ${bitsOf(x).toString(16)})`));
    const v = vAt / 8;
    assert.deepEqual([words[v], words[v + 1], words[v + 2], words[v + 3]], [bitsOf(2.5), bitsOf(-0), bitsOf(-7.25), bitsOf(-7.25)]);
    masks.forEach(([a, b], i) => assert.deepEqual([words[v + 4 + 2 * i], words[v + 5 + 2 * i]], [maskOf(a), maskOf(b)], `mask(${a}, ${b})`));
  });

  it('locals: indices follow the parameters, runs of types mixed, indices past 127', () => {
    // (i32 p0, f64 p1) -> f64: locals i32, f64, i32, then 200 f64; returns p1 * 2 + (p0 + 5) via the last local.
    const f = new FunctionBuilder(['i32', 'f64'], ['f64']);
    const a = f.local('i32');
    const b = f.local('f64');
    const c = f.local('i32');
    const many = Array.from({ length: 200 }, () => f.local('f64'));
    assert.deepEqual([a, b, c, many[0], many[199]], [2, 3, 4, 5, 204]);
    f.get(0).i32(5).op('i32.add').set(c);
    f.get(1).f64(2).op('f64.mul').set(b);
    f.get(b).get(c).op('f64.convert_i32_s').op('f64.add').set(many[199]!);
    f.get(many[199]!);
    const { exports } = instantiate({ run: f });
    assert.equal(exports.run!(7, 1.25), 14.5);
    assert.equal(exports.run!(-10, 0.5), -4);
  });

  it('i32 instructions compute as JavaScript does', () => {
    const binary = ['i32.add', 'i32.sub', 'i32.mul', 'i32.shl', 'i32.lt_s', 'i32.ge_s'] as const;
    const reference: Record<(typeof binary)[number], (a: number, b: number) => number> = {
      'i32.add': (a, b) => (a + b) | 0,
      'i32.sub': (a, b) => (a - b) | 0,
      'i32.mul': (a, b) => Math.imul(a, b),
      'i32.shl': (a, b) => a << b,
      'i32.lt_s': (a, b) => (a < b ? 1 : 0),
      'i32.ge_s': (a, b) => (a >= b ? 1 : 0),
    };
    const functions: Record<string, FunctionBuilder> = {};
    for (const name of binary) functions[name] = new FunctionBuilder(['i32', 'i32'], ['i32']).get(0).get(1).op(name);
    functions['i32.eqz'] = new FunctionBuilder(['i32'], ['i32']).get(0).op('i32.eqz');
    functions['f64.convert_i32_s'] = new FunctionBuilder(['i32'], ['f64']).get(0).op('f64.convert_i32_s');
    const { exports } = instantiate(functions);
    const operands = [0, 1, -1, 3, 7, 31, 33, 2 ** 30, 2 ** 31 - 1, -(2 ** 31), -5];
    for (const name of binary) {
      for (const a of operands) for (const b of operands) assert.equal(exports[name]!(a, b), reference[name](a, b), `${name}(${a}, ${b})`);
    }
    for (const a of operands) {
      assert.equal(exports['i32.eqz']!(a), a === 0 ? 1 : 0, `i32.eqz(${a})`);
      assert.equal(exports['f64.convert_i32_s']!(a), a, `f64.convert_i32_s(${a})`);
    }
  });

  it('f64 instructions compute as JavaScript does', () => {
    const reference = {
      'f64.add': (a: number, b: number) => a + b,
      'f64.sub': (a: number, b: number) => a - b,
      'f64.mul': (a: number, b: number) => a * b,
      'f64.div': (a: number, b: number) => a / b,
    } as const;
    const functions: Record<string, FunctionBuilder> = {};
    for (const name of Object.keys(reference) as (keyof typeof reference)[]) {
      functions[name] = new FunctionBuilder(['f64', 'f64'], ['f64']).get(0).get(1).op(name);
    }
    functions['f64.sqrt'] = new FunctionBuilder(['f64'], ['f64']).get(0).op('f64.sqrt');
    const { exports } = instantiate(functions);
    const operands = [0, -0, 1, -3, 0.1, 2 ** -1074, 1e308, 7.5, Infinity];
    for (const name of Object.keys(reference) as (keyof typeof reference)[]) {
      for (const a of operands) {
        for (const b of operands) assert.ok(Object.is(exports[name]!(a, b), reference[name](a, b)), `${name}(${a}, ${b})`);
      }
    }
    for (const a of [0, -0, 2, 0.1, 1e-320, 1e308, Infinity]) assert.ok(Object.is(exports['f64.sqrt']!(a), Math.sqrt(a)), `f64.sqrt(${a})`);
  });

  describe('f64x2 and v128 instructions, lane by lane', () => {
    // Operands are v128s read from IN, IN + 16, IN + 32; the result goes to OUT.
    type Lanes = [bigint, bigint];
    const v128Ops: { name: PlainInstruction; arity: 1 | 2 | 3; lane: (...x: bigint[]) => bigint }[] = [];
    const d = (f: (...x: number[]) => number) => (...x: bigint[]) => bitsOf(f(...x.map(doubleOf)));
    const cmp = (f: (a: number, b: number) => boolean) => (a: bigint, b: bigint) => maskOf(f(doubleOf(a), doubleOf(b)));
    v128Ops.push(
      { name: 'f64x2.add', arity: 2, lane: d((a, b) => a! + b!) },
      { name: 'f64x2.sub', arity: 2, lane: d((a, b) => a! - b!) },
      { name: 'f64x2.mul', arity: 2, lane: d((a, b) => a! * b!) },
      { name: 'f64x2.div', arity: 2, lane: d((a, b) => a! / b!) },
      { name: 'f64x2.sqrt', arity: 1, lane: d((a) => Math.sqrt(a!)) },
      { name: 'f64x2.floor', arity: 1, lane: d((a) => Math.floor(a!)) },
      { name: 'f64x2.trunc', arity: 1, lane: d((a) => Math.trunc(a!)) },
      // abs and neg touch only the sign bit (NaN payloads included).
      { name: 'f64x2.abs', arity: 1, lane: (a) => a! & ~(1n << 63n) },
      { name: 'f64x2.neg', arity: 1, lane: (a) => a! ^ (1n << 63n) },
      { name: 'f64x2.eq', arity: 2, lane: cmp((a, b) => a === b) },
      { name: 'f64x2.ne', arity: 2, lane: cmp((a, b) => a !== b) },
      { name: 'f64x2.lt', arity: 2, lane: cmp((a, b) => a < b) },
      { name: 'f64x2.gt', arity: 2, lane: cmp((a, b) => a > b) },
      { name: 'f64x2.le', arity: 2, lane: cmp((a, b) => a <= b) },
      { name: 'f64x2.ge', arity: 2, lane: cmp((a, b) => a >= b) },
      { name: 'v128.not', arity: 1, lane: (a) => ~a! & ALL },
      { name: 'v128.and', arity: 2, lane: (a, b) => a! & b! },
      { name: 'v128.or', arity: 2, lane: (a, b) => a! | b! },
      { name: 'v128.bitselect', arity: 3, lane: (a, b, c) => (a! & c!) | (b! & ~c! & ALL) },
    );
    // Operand lanes: ordered pairs of these (so lt/gt, le/ge, eq/ne each see both outcomes and NaN).
    const values = [1.5, -2.25, 1.5, 0, -0, NaN, Infinity, -7.75, 3.3, 2 ** -1070];
    const operandSets: Lanes[][] = [];
    for (let i = 0; i < values.length; i++) {
      const j = (i + 1) % values.length;
      const k = (i + 3) % values.length;
      operandSets.push([
        [bitsOf(values[i]!), bitsOf(values[j]!)],
        [bitsOf(values[j]!), bitsOf(values[i]!)],
        [bitsOf(values[k]!), 0xf0f0_0000_ffff_0001n],
      ]);
    }
    // Bit patterns for the bitwise ops (and the 'values' pairs above reach them too).
    operandSets.push([
      [0x0123_4567_89ab_cdefn, 0xffff_0000_ffff_0000n],
      [0xfedc_ba98_7654_3210n, 0x00ff_00ff_00ff_00ffn],
      [0xffff_ffff_0000_0000n, 0x0f0f_0f0f_0f0f_0f0fn],
    ]);

    const functions: Record<string, FunctionBuilder> = {};
    for (const { name, arity } of v128Ops) {
      const f = new FunctionBuilder(['i32', 'i32']);
      f.get(1);
      for (let a = 0; a < arity; a++) f.get(0).load('v128', 16 * a);
      functions[name] = f.op(name).store('v128');
    }
    const run = instantiate(functions);

    for (const { name, arity, lane } of v128Ops) {
      it(name, () => {
        const words = new BigUint64Array(run.memory.buffer);
        for (const operands of operandSets) {
          operands.forEach(([l0, l1], a) => {
            words[(IN + 16 * a) / 8] = l0;
            words[(IN + 16 * a) / 8 + 1] = l1;
          });
          run.exports[name]!(IN, OUT);
          for (const l of [0, 1]) {
            const args = operands.slice(0, arity).map((o) => o[l]!);
            const expected = lane(...args);
            const got = words[OUT / 8 + l]!;
            // NaN results: only NaN-ness is specified (payloads may be canonicalised).
            const bothNaN = Number.isNaN(doubleOf(expected)) && Number.isNaN(doubleOf(got)) && name.startsWith('f64x2.') && !['f64x2.abs', 'f64x2.neg'].includes(name);
            assert.ok(bothNaN || got === expected, `${name} lane ${l} of ${args.map((x) => x.toString(16)).join(', ')}: ${got.toString(16)} !== ${expected.toString(16)}`);
          }
        }
      });
    }

    it('f64x2.splat, v128.any_true, i64x2.shl', () => {
      const splat = new FunctionBuilder(['i32', 'f64']).get(0).get(1).op('f64x2.splat').store('v128');
      const anyTrue = new FunctionBuilder(['i32'], ['i32']).get(0).load('v128').op('v128.any_true');
      const shl = new FunctionBuilder(['i32', 'i32', 'i32']).get(1).get(0).load('v128').get(2).op('i64x2.shl').store('v128');
      const { exports, memory } = instantiate({ splat, anyTrue, shl });
      const words = new BigUint64Array(memory.buffer);
      exports.splat!(OUT, -3.75);
      assert.deepEqual([words[OUT / 8], words[OUT / 8 + 1]], [bitsOf(-3.75), bitsOf(-3.75)]);
      for (const [l0, l1, expected] of [[0n, 0n, 0], [1n, 0n, 1], [0n, 1n << 63n, 1], [ALL, ALL, 1]] as const) {
        words[IN / 8] = l0;
        words[IN / 8 + 1] = l1;
        assert.equal(exports.anyTrue!(IN), expected, `any_true(${l0}, ${l1})`);
      }
      words[IN / 8] = 0x8000_0000_0000_0403n;
      words[IN / 8 + 1] = 0x0000_0000_0000_07ffn;
      for (const count of [0, 1, 52, 63, 64, 65, 116]) {
        exports.shl!(IN, OUT, count);
        const s = BigInt(count % 64);
        assert.deepEqual([words[OUT / 8], words[OUT / 8 + 1]], [(0x8000_0000_0000_0403n << s) & ALL, (0x7ffn << s) & ALL], `i64x2.shl by ${count}`);
      }
    });
  });

  it('v128.load64_splat (loadSplat64) puts the double at address + offset in both lanes; i32.gt_s', () => {
    const splat = new FunctionBuilder(['i32', 'i32']).get(1).get(0).loadSplat64(8).store('v128');
    const gt = new FunctionBuilder(['i32', 'i32'], ['i32']).get(0).get(1).op('i32.gt_s');
    const { exports, memory } = instantiate({ splat, gt });
    const doubles = new Float64Array(memory.buffer);
    doubles[IN / 8] = 1.5;
    doubles[IN / 8 + 1] = -2.25;
    exports.splat!(IN, OUT);
    assert.deepEqual([doubles[OUT / 8], doubles[OUT / 8 + 1]], [-2.25, -2.25]);
    assert.deepEqual([exports.gt!(3, 2), exports.gt!(2, 2), exports.gt!(-1, 2)], [1, 0, 0]);
  });

  it('loads and stores of i32, f64 and v128 honour their offsets', () => {
    const loadI32 = new FunctionBuilder(['i32'], ['i32']).get(0).load('i32', 12);
    const loadF64 = new FunctionBuilder(['i32'], ['f64']).get(0).load('f64', 200); // a two-byte offset
    // Copy the v128 at address + 48 to address + 400 and the f64 at address + 8 to address + 1000.
    const copy = new FunctionBuilder(['i32']);
    copy.get(0).get(0).load('v128', 48).store('v128', 400);
    copy.get(0).get(0).load('f64', 8).store('f64', 1000);
    const { exports, memory } = instantiate({ loadI32, loadF64, copy });
    const view = new DataView(memory.buffer);
    view.setInt32(16 + 12, -123456789, true);
    assert.equal(exports.loadI32!(16), -123456789);
    view.setFloat64(32 + 200, -0.1, true);
    assert.ok(Object.is(exports.loadF64!(32), -0.1));
    view.setFloat64(64 + 48, 1.25, true);
    view.setFloat64(64 + 56, -9.5, true);
    view.setFloat64(64 + 8, 6.5, true);
    exports.copy!(64);
    assert.deepEqual([view.getFloat64(64 + 400, true), view.getFloat64(64 + 408, true), view.getFloat64(64 + 1000, true)], [1.25, -9.5, 6.5]);
    assert.equal(view.getFloat64(64 + 392, true), 0, 'the v128 store wrote below its offset');
    assert.equal(view.getFloat64(64 + 416, true), 0, 'the v128 store wrote past its 16 bytes');
  });

  it('extractLane and replaceLane address the right lane', () => {
    const extract0 = new FunctionBuilder(['i32'], ['f64']).get(0).load('v128').extractLane(0);
    const extract1 = new FunctionBuilder(['i32'], ['f64']).get(0).load('v128').extractLane(1);
    const replace0 = new FunctionBuilder(['i32', 'f64']).get(0).get(0).load('v128').get(1).replaceLane(0).store('v128', 16);
    const replace1 = new FunctionBuilder(['i32', 'f64']).get(0).get(0).load('v128').get(1).replaceLane(1).store('v128', 32);
    const { exports, memory } = instantiate({ extract0, extract1, replace0, replace1 });
    const lanes = new Float64Array(memory.buffer, IN, 6);
    lanes.set([10.5, -20.25]);
    assert.deepEqual([exports.extract0!(IN), exports.extract1!(IN)], [10.5, -20.25]);
    exports.replace0!(IN, 99);
    exports.replace1!(IN, -99);
    assert.deepEqual(Array.from(lanes), [10.5, -20.25, 99, -20.25, 10.5, -99]);
  });

  it('shuffle64 picks every combination of 64-bit lanes', () => {
    const functions: Record<string, FunctionBuilder> = {};
    const lanes = [0, 1, 2, 3] as const;
    for (const l0 of lanes) {
      for (const l1 of lanes) {
        const f = new FunctionBuilder(['i32', 'i32']);
        f.get(1);
        f.shuffle64(() => f.get(0).load('v128'), () => f.get(0).load('v128', 16), l0, l1);
        functions[`s${l0}${l1}`] = f.store('v128');
      }
    }
    const { exports, memory } = instantiate(functions);
    const words = new BigUint64Array(memory.buffer);
    // Lanes whose eight bytes all differ, so a byte index off by one shows.
    const source = [0x0706_0504_0302_0100n, 0x0f0e_0d0c_0b0a_0908n, 0x1716_1514_1312_1110n, 0x1f1e_1d1c_1b1a_1918n];
    words.set(source, IN / 8);
    for (const l0 of lanes) {
      for (const l1 of lanes) {
        exports[`s${l0}${l1}`]!(IN, OUT);
        assert.deepEqual([words[OUT / 8], words[OUT / 8 + 1]], [source[l0], source[l1]], `shuffle64(${l0}, ${l1})`);
      }
    }
  });

  it('typed select of v128, i32 and f64', () => {
    const v128 = new FunctionBuilder(['i32', 'i32']).get(1).f64x2(1, 2).f64x2(3, 4).get(0).select('v128').store('v128');
    const i32 = new FunctionBuilder(['i32'], ['i32']).i32(-7).i32(300).get(0).select('i32');
    const f64 = new FunctionBuilder(['i32'], ['f64']).f64(0.5).f64(-0.5).get(0).select('f64');
    const { exports, memory } = instantiate({ v128, i32, f64 });
    const out = new Float64Array(memory.buffer, OUT, 2);
    exports.v128!(1, OUT);
    assert.deepEqual(Array.from(out), [1, 2]);
    exports.v128!(0, OUT);
    assert.deepEqual(Array.from(out), [3, 4]);
    exports.v128!(-5, OUT);
    assert.deepEqual(Array.from(out), [1, 2]);
    assert.deepEqual([exports.i32!(1), exports.i32!(0), exports.f64!(2), exports.f64!(0)], [-7, 300, 0.5, -0.5]);
  });

  it('block, loop, if/else, br and br_if branch to the right labels', () => {
    // sum(n) = 1 + 2 + ... + n, by a loop that exits with br_if 1 and repeats with br 0.
    const sum = new FunctionBuilder(['i32'], ['i32']);
    const i = sum.local('i32');
    const acc = sum.local('i32');
    sum.block().loop();
    sum.get(i).get(0).op('i32.ge_s').brIf(1);
    sum.get(i).i32(1).op('i32.add').set(i);
    sum.get(acc).get(i).op('i32.add').set(acc);
    sum.br(0).end().end();
    sum.get(acc);

    // classify(x): 1 if x < 0, 2 if x == 0, 3 if x > 100 (leaving two blocks with br 2 from an if), else 4.
    const classify = new FunctionBuilder(['i32'], ['i32']);
    const r = classify.local('i32');
    classify.block().block();
    classify.get(0).i32(0).op('i32.lt_s').if().i32(1).set(r).br(2).end();
    classify.get(0).op('i32.eqz').if().i32(2).set(r).else().get(0).i32(100).op('i32.ge_s').brIf(0).i32(4).set(r).br(2).end();
    classify.end(); // the inner block; br_if 0 above left only the if, so x >= 100 arrives here with r = 0
    classify.get(r).op('i32.eqz').if().i32(3).set(r).end();
    classify.end();
    classify.get(r);

    const { exports } = instantiate({ sum, classify });
    for (const n of [0, 1, 2, 10, 1000]) assert.equal(exports.sum!(n), (n * (n + 1)) / 2, `sum(${n})`);
    assert.deepEqual([-5, 0, 100, 101, 5, 99].map((x) => exports.classify!(x)), [1, 2, 3, 3, 4, 4]);
  });
});
