// The Python worker's boundaries: lossless values, missing Python or numpy, endless loops, crashes.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Checker } from '../../../src/checker/checker';
import { findHarness } from '../../../src/checker/harnessLocation';
import { fromWire, pyDictOf, pyFloat, pyInt, pyStr, pyTuple, toWire, type PyValue } from '../../../src/checker/pyValue';
import { PythonWorker, WorkerTimeoutError } from '../../../src/checker/pythonWorker';
import { PythonUnavailableError } from '../../../src/checker/types';

const OPTIONS = { pythonPath: 'python3', timeoutMs: 5000, memoryLimitMb: 512 };
const ADAM_INIT = `
import numpy as np
def initialize_adam(parameters):
    v = {"d" + k: np.zeros_like(p) for k, p in parameters.items()}
    return v, {k: np.zeros_like(a) for k, a in v.items()}
`;

function bits(x: number): bigint {
  return new BigUint64Array(new Float64Array([x]).buffer)[0]!;
}

describe('Python worker', () => {
  it('passes doubles both ways bit for bit (subnormals, -0, NaN, infinities, 1/3)', async () => {
    const worker = await PythonWorker.start({ pythonPath: 'python3', harnessPath: findHarness(), memoryLimitMb: 512 });
    try {
      await worker.request<'load'>({ type: 'load', source: 'def initialize_velocity(x, *rest):\n    return (x, *rest)\n' });
      const tricky = [5e-324, -0, 1 / 3, 1e308, -Infinity, Infinity, NaN, 0.1 + 0.2, -2.2250738585072014e-308, 1.0000000000000002];
      const args: PyValue[] = [
        pyDictOf({ W1: { rows: 2, cols: 5, data: Float64Array.from(tricky) } }),
        pyFloat(1 / 3),
        pyFloat(-0),
        pyInt(2 ** 53),
        pyStr('dW1'),
        pyTuple([{ kind: 'bool', value: true }, { kind: 'none' }]),
      ];
      const response = await worker.request<'call'>({ type: 'call', function: 'initialize_velocity', args: args.map(toWire), kwargs: {} }, 5000);
      assert.equal(response.type, 'returned');
      if (response.type !== 'returned') return;
      const back = fromWire(response.value);
      assert.equal(back.kind, 'tuple');
      if (back.kind !== 'tuple') return;
      const dict = back.items[0]!;
      assert.equal(dict.kind, 'dict');
      if (dict.kind !== 'dict') return;
      const w1 = dict.entries[0]![1];
      assert.equal(w1.kind, 'array');
      if (w1.kind !== 'array') return;
      assert.deepEqual(w1.shape, [2, 5]);
      assert.deepEqual([...w1.data].map(bits), tricky.map(bits));
      assert.deepEqual(back.items.slice(1), [pyFloat(1 / 3), pyFloat(-0), pyInt(2 ** 53), pyStr('dW1'), pyTuple([{ kind: 'bool', value: true }, { kind: 'none' }])]);
      assert.ok(Object.is((back.items[2] as { value: number }).value, -0));
    } finally {
      worker.kill();
    }
  });

  it("runs one session's calls in one process, on fresh copies of the stored inputs, and ends it on release", async () => {
    const worker = await PythonWorker.start({ pythonPath: 'python3', harnessPath: findHarness(), memoryLimitMb: 512 });
    // Returns its process id and the input as it came, then spoils the input in place.
    const source = 'import os\ndef initialize_velocity(x):\n    seen = x.copy()\n    x[:] = -1\n    return os.getpid(), seen\n';
    const pidOf = (r: { type: string; value?: unknown }): number => {
      assert.equal(r.type, 'returned');
      const value = fromWire((r as { value: Parameters<typeof fromWire>[0] }).value);
      assert.equal(value.kind, 'tuple');
      const [pid] = (value as { items: PyValue[] }).items;
      return (pid as { value: number }).value;
    };
    const seen = (r: object): number[] => {
      const value = fromWire((r as { value: Parameters<typeof fromWire>[0] }).value) as { items: PyValue[] };
      return Array.from((value.items[1] as { data: Float64Array }).data);
    };
    // Running, not a zombie waiting to be reaped (the harness reaps its ended processes at its next request).
    const alive = (pid: number): boolean => {
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    try {
      await worker.request<'load'>({ type: 'load', source });
      const bytes = new Uint8Array(Float64Array.from([1, 2, 3]).buffer);
      await worker.request<'store'>({ type: 'store', key: 'x', dtype: '<f8', shape: [3], byteLength: bytes.byteLength }, undefined, bytes);
      const call = (session?: string) =>
        worker.request<'call'>({ type: 'call', function: 'initialize_velocity', args: [{ t: 'ref', key: 'x' }], kwargs: {}, ...(session ? { session } : {}) }, 5000);
      const first = await call('a');
      const second = await call('a');
      assert.equal(pidOf(first), pidOf(second), 'the same process for the calls of one session');
      assert.deepEqual([seen(first), seen(second)], [[1, 2, 3], [1, 2, 3]], 'each call gets the input as stored');
      assert.ok(alive(pidOf(second)), 'kept for the next call of its session');
      await worker.request<'release'>({ type: 'release', session: 'a' });
      await new Promise((r) => setTimeout(r, 100));
      assert.ok(!alive(pidOf(second)), 'ended on release');
      const other = await call('b');
      assert.notEqual(pidOf(other), pidOf(second), 'another session, another process');
      const lone = await call();
      assert.ok(![pidOf(other), pidOf(second)].includes(pidOf(lone)), 'a call without a session has a process of its own');
      await new Promise((r) => setTimeout(r, 100));
      assert.ok(!alive(pidOf(other)), "a call of another session ends the previous session's process");
      assert.ok(!alive(pidOf(lone)), 'a call without a session is ended after it');
    } finally {
      worker.kill();
    }
  });

  it('kills a call that runs past its time limit', async () => {
    const worker = await PythonWorker.start({ pythonPath: 'python3', harnessPath: findHarness(), memoryLimitMb: 512 });
    try {
      await worker.request<'load'>({ type: 'load', source: 'def initialize_velocity(p):\n    while True:\n        pass\n' });
      const started = Date.now();
      const call = worker.request<'call'>({ type: 'call', function: 'initialize_velocity', args: [toWire(pyInt(1))], kwargs: {} }, 300);
      await assert.rejects(call, WorkerTimeoutError);
      assert.ok(Date.now() - started < 3000);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(worker.alive, false);
    } finally {
      worker.kill();
    }
  });

  it('replaces a worker that timed out or crashed, and the next check works', async () => {
    const checker = new Checker({ ...OPTIONS, timeoutMs: 500 });
    try {
      const hang = 'def initialize_adam(p):\n    while True:\n        pass\n';
      const [timedOut] = await checker.checkSource(hang);
      assert.equal(timedOut?.status, 'timeout');
      assert.equal(timedOut?.checks.length, 1, 'the remaining cases are not run after a timeout');
      const [afterTimeout] = await checker.checkSource(ADAM_INIT);
      assert.equal(afterTimeout?.status, 'pass');
      const [crashed] = await checker.checkSource('import os\ndef initialize_adam(p):\n    os._exit(7)\n');
      assert.equal(crashed?.status, 'error');
      assert.match(crashed?.checks[0]?.message ?? '', /exited with code 7/);
      const [afterCrash] = await checker.checkSource(ADAM_INIT);
      assert.equal(afterCrash?.status, 'pass');
    } finally {
      checker.dispose();
    }
  });

  it('runs concurrent checks one after another, each with its own source', async () => {
    const checker = new Checker(OPTIONS);
    try {
      const wrong = ADAM_INIT.replace('return v, {', 'return {');
      const [a, b, c] = await Promise.all([checker.checkSource(ADAM_INIT), checker.checkSource(wrong), checker.checkSource(ADAM_INIT)]);
      assert.deepEqual([a?.[0]?.status, b?.[0]?.status, c?.[0]?.status], ['pass', 'fail', 'pass']);
    } finally {
      checker.dispose();
    }
  });

  it('refuses a learner allocation beyond the memory limit with MemoryError', async () => {
    const checker = new Checker({ ...OPTIONS, memoryLimitMb: 256 });
    try {
      const [r] = await checker.checkSource('import numpy as np\ndef initialize_adam(p):\n    x = np.ones((64, 1024, 1024))\n    return x, x\n');
      assert.equal(r?.status, 'error');
      assert.match(r?.checks[0]?.message ?? '', /^MemoryError/);
      assert.equal(r?.checks[0]?.learnerLine, 3);
    } finally {
      checker.dispose();
    }
  });

  it('says Python was not found, and which setting to set', async () => {
    const checker = new Checker({ ...OPTIONS, pythonPath: '/nonexistent/bin/python3' });
    try {
      await assert.rejects(checker.checkSource(ADAM_INIT), (e: unknown) => {
        assert.ok(e instanceof PythonUnavailableError);
        assert.equal(e.reason, 'python-not-found');
        assert.equal(e.pythonPath, '/nonexistent/bin/python3');
        assert.match(e.message, /optimizationLab\.pythonPath/);
        assert.match(e.message, /--python/);
        return true;
      });
      // The checker stays usable once the setting is fixed.
      checker.setOptions({ pythonPath: 'python3' });
      const [r] = await checker.checkSource(ADAM_INIT);
      assert.equal(r?.status, 'pass');
    } finally {
      checker.dispose();
    }
  });

  it('says numpy is missing and how to install it', async () => {
    // A python3 that ignores site-packages, where numpy lives.
    const dir = mkdtempSync(join(tmpdir(), 'optlab-nonumpy-'));
    const script = join(dir, 'python-without-numpy');
    writeFileSync(script, '#!/bin/sh\nexec python3 -S -s "$@"\n');
    chmodSync(script, 0o755);
    const checker = new Checker({ ...OPTIONS, pythonPath: script });
    try {
      await assert.rejects(checker.checkSource(ADAM_INIT), (e: unknown) => {
        assert.ok(e instanceof PythonUnavailableError);
        assert.equal(e.reason, 'numpy-missing');
        assert.match(e.message, /-m pip install numpy/);
        return true;
      });
    } finally {
      checker.dispose();
    }
  });

  it('says when the interpreter is not a working Python', async () => {
    const checker = new Checker({ ...OPTIONS, pythonPath: '/bin/false' });
    try {
      await assert.rejects(checker.checkSource(ADAM_INIT), (e: unknown) => e instanceof PythonUnavailableError && e.reason === 'python-failed');
    } finally {
      checker.dispose();
    }
  });
});
