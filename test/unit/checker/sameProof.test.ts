// A "same" answer (a big returned array equal to the expected one, sent without its data) is believed only
// with a proof: SHA-256 of the call's nonce and the expected bytes, which a forged line cannot compute.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { fromWire, pyDictOf, sameProof, UnprovenSameError, type PyValue } from '../../../src/checker/pyValue';
import type { WireValue } from '../../../src/checker/protocol';

const data = Float64Array.from({ length: 4096 }, (_, i) => i / 7);
const expected: PyValue = pyDictOf({ W1: { rows: 64, cols: 64, data } });
const nonce = randomBytes(16).toString('hex');

function answer(proof: string): WireValue {
  return { t: 'dict', entries: [[{ t: 'str', v: 'W1' }, { t: 'same', dtype: '<f8', shape: [64, 64], proof }]] };
}

describe('same proofs', () => {
  it('takes the expected data when the proof is the digest of the nonce and the expected bytes', () => {
    const value = fromWire(answer(sameProof(nonce, data)), expected, nonce);
    assert.equal(value.kind, 'dict');
    if (value.kind !== 'dict') return;
    const w1 = value.entries[0]![1];
    assert.ok(w1.kind === 'array' && w1.data === data);
  });

  it('refuses a forged proof, a proof for another nonce, a missing nonce and a "same" where no array is expected', () => {
    assert.throws(() => fromWire(answer('0'.repeat(64)), expected, nonce), UnprovenSameError);
    assert.throws(() => fromWire(answer(sameProof(randomBytes(16).toString('hex'), data)), expected, nonce), UnprovenSameError);
    assert.throws(() => fromWire(answer(sameProof(nonce, data)), expected), UnprovenSameError);
    assert.throws(() => fromWire(answer(sameProof(nonce, data)), pyDictOf({}), nonce), UnprovenSameError);
  });

  it('agrees with the harness on the digest (python/optlab_wire.py same_proof)', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = [
      'import sys, numpy as np',
      "sys.path.insert(0, 'python')",
      'from optlab_wire import same_proof',
      `print(same_proof('${nonce}', (np.arange(4096, dtype=np.float64) / 7).reshape(64, 64), np))`,
    ].join('\n');
    const out = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    const pythonData = Float64Array.from({ length: 4096 }, (_, i) => i / 7);
    assert.equal(out.stdout.trim(), sameProof(nonce, pythonData));
  });
});
