import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allFinite } from '../../../src/core/trainer/allFinite';

describe('allFinite (the divergence check after every epoch)', () => {
  it('is true for finite values, however large their sum', () => {
    assert.equal(allFinite(new Float64Array(0)), true);
    assert.equal(allFinite(new Float64Array([1e308, 1e308, 1e308, 1e308, 1e308])), true);
    assert.equal(allFinite(new Float64Array([-Number.MAX_VALUE, Number.MAX_VALUE, 5e-324, -0])), true);
  });
  it('finds one NaN or infinity at any position, in the unrolled part and the tail', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      for (let n = 1; n <= 11; n++) {
        for (let at = 0; at < n; at++) {
          const values = Float64Array.from({ length: n }, (_, i) => (i === at ? bad : (i + 1) * 1e307));
          assert.equal(allFinite(values), false, `${bad} at ${at} of ${n}`);
        }
      }
    }
  });
  it('is false for +Infinity and -Infinity together (whose plain sum is NaN, but whose pairs could cancel)', () => {
    assert.equal(allFinite(new Float64Array([Infinity, -Infinity, 1, 2])), false);
  });
});
