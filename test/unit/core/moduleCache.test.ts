// The kernels' compiled-module cache: each key compiled once, a refusal remembered, bounded by its limit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FunctionBuilder } from '../../../src/core/wasm/functionBuilder';
import { ModuleCache } from '../../../src/core/wasm/moduleCache';

const valid = (): Record<string, FunctionBuilder> => ({ run: new FunctionBuilder([]) });
/** A body that does not validate (an i32 left on the stack of a function that returns nothing). */
const invalid = (): Record<string, FunctionBuilder> => {
  const f = new FunctionBuilder([]);
  f.i32(1);
  return { run: f };
};

describe('ModuleCache', () => {
  it('compiles a key once and hands back the same module', () => {
    const cache = new ModuleCache();
    let builds = 0;
    const first = cache.get('a', () => (builds++, valid()));
    assert.ok(first instanceof WebAssembly.Module);
    assert.equal(cache.get('a', () => (builds++, valid())), first);
    assert.equal(builds, 1);
  });

  it('remembers a refusal: undefined, and not compiled again', () => {
    const cache = new ModuleCache();
    let builds = 0;
    assert.equal(cache.get('bad', () => (builds++, invalid())), undefined);
    assert.equal(cache.get('bad', () => (builds++, valid())), undefined);
    assert.equal(builds, 1);
  });

  it('starts over past its limit', () => {
    const cache = new ModuleCache(2);
    const a = cache.get('a', valid);
    cache.get('b', valid);
    cache.get('c', valid); // the third key clears the first two
    assert.notEqual(cache.get('a', valid), a);
  });
});
