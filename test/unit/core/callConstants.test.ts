// A generated function's run constants in a block of its memory: what JavaScript writes (i32 and f64
// slots, at any block address) is what the function reads back, exactly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constantsBytes, readConstants, writeConstants, type ConstantField } from '../../../src/core/wasm/callConstants';
import { encodeModule } from '../../../src/core/wasm/encodeModule';
import { FunctionBuilder } from '../../../src/core/wasm/functionBuilder';

type Name = 'count' | 'at' | 'beta' | 'epsilon' | 'negative';
const FIELDS: readonly ConstantField<Name>[] = [['count', 'i32'], ['beta', 'f64'], ['at', 'i32'], ['epsilon', 'f64'], ['negative', 'i32']];

const echoMemory = new WebAssembly.Memory({ initial: 1 });

/** A function that reads the block at `block` and writes each field as an f64 from `out` on (i32s converted). */
function echo(block: number, out: number): (learningRate: number) => void {
  const f = new FunctionBuilder(['f64']);
  const c = readConstants(f, FIELDS, block);
  FIELDS.forEach(([name, type], i) => {
    f.i32(out).get(c[name]);
    if (type === 'i32') f.op('f64.convert_i32_s');
    f.store('f64', 8 * i);
  });
  f.i32(out).get(0).store('f64', 8 * FIELDS.length); // and the one parameter
  return new WebAssembly.Instance(new WebAssembly.Module(encodeModule({ run: f })), { env: { memory: echoMemory } }).exports.run as (lr: number) => void;
}

describe('call constants', () => {
  it('the block is 8 bytes a field, rounded up to 16', () => {
    assert.equal(constantsBytes(FIELDS), 48);
    assert.equal(constantsBytes(FIELDS.slice(0, 4)), 32);
    assert.equal(constantsBytes([]), 0);
  });

  for (const block of [0, 512]) {
    it(`what writeConstants puts at ${block} is what readConstants reads, bit for bit`, () => {
      const values = { count: 300, beta: 0.9, at: 2_000_000_000, epsilon: 1e-8, negative: -7 };
      new Uint8Array(echoMemory.buffer).fill(0xff); // stale bytes in the high halves of the i32 slots
      writeConstants(echoMemory.buffer, FIELDS, block, values);
      const run = echo(block, 2048);
      run(0.0007);
      const out = Array.from(new Float64Array(echoMemory.buffer, 2048, FIELDS.length + 1));
      assert.deepEqual(out, [300, 0.9, 2_000_000_000, 1e-8, -7, 0.0007]);
    });
  }
});
