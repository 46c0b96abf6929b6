// `optlab train --with FILE.py`: the notebook's loop with a learner's own functions (python3 with
// numpy), beside the core's reference, and where the two part. Each learner file below is the correct
// notebook-style file with one function redefined after it (the last definition is the one that runs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { TrainWithJson } from '../../../src/cli/trainWithCommand';
import { optlab, ROOT } from './runOptlab';

const tmp = mkdtempSync(join(tmpdir(), 'optlab-with-'));
const correct = readFileSync(join(ROOT, 'test', 'fixtures', 'learner', 'correct_notebook_style.py'), 'utf8');
const learnerFile = (name: string, override = ''): string => {
  const file = join(tmp, `${name}.py`);
  writeFileSync(file, `${correct}\n\n${override}`);
  return file;
};
const run = (file: string, ...flags: string[]): { status: number | null; json: Record<string, TrainWithJson>; stderr: string } => {
  const r = optlab('train', '--with', file, '--json', ...flags);
  return { status: r.status, json: r.stdout ? (JSON.parse(r.stdout) as Record<string, TrainWithJson>) : {}, stderr: r.stderr };
};

describe('optlab train --with FILE.py', () => {
  it("a correct file gives the reference's numbers for all three optimizers (to 1e-12) and no departure", () => {
    const r = run(learnerFile('correct'), '--epochs', '300', '--record-every', '10');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(Object.keys(r.json), ['gd', 'momentum', 'adam']);
    for (const [o, result] of Object.entries(r.json)) {
      assert.equal(result.status, 'finished', o);
      assert.equal(result.departure, null, o);
      assert.equal(result.costs.length, 30);
      result.costs.forEach((c, i) => assert.ok(Math.abs(c - result.reference.costs[i]!) <= 1e-12, `${o} epoch ${i * 10}: ${c} vs ${result.reference.costs[i]}`));
      assert.equal(result.accuracy, result.reference.accuracy);
    }
  });

  it('initialize_adam that gives v and s the same dictionary passes one step from zero but is caught and named', () => {
    const aliased = learnerFile('aliased', 'def initialize_adam(parameters):\n    v, _ = initialize_adam_fresh(parameters)\n    return v, v\n\n\ninitialize_adam_fresh = None\n');
    // A file whose initialize_adam returns one dictionary twice (defined without helpers, as a learner would).
    writeFileSync(aliased, `${correct}\n\ndef initialize_adam(parameters):\n    v = {}\n    for l in range(len(parameters) // 2):\n        v["dW" + str(l + 1)] = np.zeros(parameters["W" + str(l + 1)].shape)\n        v["db" + str(l + 1)] = np.zeros(parameters["b" + str(l + 1)].shape)\n    return v, v\n`);
    const r = run(aliased, '-o', 'adam', '--epochs', '20');
    assert.equal(r.status, 1);
    const d = r.json['adam']!.departure!;
    assert.equal(d.mistake, 'adam-state-aliased');
    assert.equal(d.function, 'initialize_adam');
    assert.equal(d.line, correct.split('\n').length + 2);
    assert.match(d.title, /one dictionary as both v and s/);
  });

  it('an update without bias correction leaves the reference at the first step, said in the learner\'s terms', () => {
    const file = learnerFile(
      'no-correction',
      'def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):\n' +
        '    for key in parameters:\n' +
        '        g = grads["d" + key]\n' +
        '        v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g\n' +
        '        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g ** 2\n' +
        '        parameters[key] = parameters[key] - learning_rate * v["d" + key] / (np.sqrt(s["d" + key]) + epsilon)\n' +
        '    return parameters, v, s\n',
    );
    const d = run(file, '-o', 'adam', '--epochs', '5').json['adam']!.departure!;
    assert.deepEqual([d.epoch, d.mini_batch, d.t, d.key, d.function], [0, 0, 1, 'W1', 'update_parameters_with_adam']);
    assert.match(d.title, /^your run leaves the reference at epoch 0, mini-batch 0 \(Adam t = 1\): W1\[0\]\[0\] expected [-\d.e]+, got [-\d.e]+$/);
    assert.notEqual(d.expected, d.got);
    // The checker's cases name the mistake of the function the departure points to.
    assert.equal(d.mistake, 'adam-no-bias-correction');
    assert.match(d.hint, /^The checker names it: no bias correction\. /);
  });

  it('a run whose cost becomes NaN is reported as diverged at its epoch, not as a run without a result', () => {
    const r = run(learnerFile('diverges'), '-o', 'gd', '--learning-rate', '1e6', '--epochs', '300');
    assert.equal(r.status, 1);
    const result = r.json['gd']!;
    assert.equal(result.status, 'diverged', JSON.stringify(result.error));
    assert.equal(result.diverged_at, 0);
    assert.ok(Number.isNaN(result.costs[0]) || result.costs[0] === null, `first cost ${result.costs[0]}`);
  });

  it('a cost that is NaN only from saturated outputs (0 × log 0) does not stop the learner\'s run, as it does not stop the reference', () => {
    // The core's saturation fixture (test/fixtures/training/saturation.json): numpy's loop has NaN costs from epoch 66 on.
    const r = run(learnerFile('saturates'), '-o', 'adam', '--samples', '300', '--noise', '0.1', '--layers', '2,10,10,1', '--learning-rate', '0.05',
      '--epochs', '300', '--record-every', '1');
    const result = r.json['adam']!;
    assert.equal(result.status, 'finished', JSON.stringify(result.error ?? result.diverged_at));
    assert.equal(result.reference.costs.length, 300);
    const nanAt = (costs: readonly (number | null)[]): number[] => costs.flatMap((c, epoch) => (c === null || Number.isNaN(c) ? [epoch] : []));
    assert.ok(nanAt(result.reference.costs).length > 0, 'the reference has NaN costs');
    assert.deepEqual(nanAt(result.costs), nanAt(result.reference.costs));
    assert.equal(result.accuracy, result.reference.accuracy);
  });

  it('mini-batches that are not shuffled point to random_mini_batches', () => {
    const file = learnerFile(
      'not-shuffled',
      'def random_mini_batches(X, Y, mini_batch_size=64, seed=0):\n    m = X.shape[1]\n' +
        '    return [(X[:, k:k + mini_batch_size], Y[:, k:k + mini_batch_size]) for k in range(0, m, mini_batch_size)]\n',
    );
    const d = run(file, '-o', 'gd', '--epochs', '5').json['gd']!.departure!;
    assert.equal(d.function, 'random_mini_batches');
    assert.match(d.title, /mini-batch 0: its mini-batch is not the notebook's/);
  });

  it("an exception in the learner's code mid-training says which function, line, epoch and mini-batch", () => {
    const file = learnerFile(
      'raises',
      'def update_parameters_with_gd(parameters, grads, learning_rate):\n    update_parameters_with_gd.calls = getattr(update_parameters_with_gd, "calls", 0) + 1\n' +
        '    if update_parameters_with_gd.calls == 8:\n        raise ValueError("boom at call 8")\n' +
        '    for key in parameters:\n        parameters[key] = parameters[key] - learning_rate * grads["d" + key]\n    return parameters\n',
    );
    const r = run(file, '-o', 'gd', '--epochs', '5');
    assert.equal(r.status, 1);
    const e = r.json['gd']!.error!;
    assert.deepEqual([e.function, e.epoch, e.miniBatch, e.line], ['update_parameters_with_gd', 1, 2, correct.split('\n').length + 5]);
    assert.match(e.message, /boom at call 8/);
  });

  it('an endless loop is stopped at --time-limit with nothing left running; prints cannot break the run', () => {
    const marker = `optlab-with-${process.pid}`;
    const file = learnerFile(
      'endless',
      `import subprocess\n\ndef update_parameters_with_gd(parameters, grads, learning_rate):\n    print("{\\"type\\": \\"done\\"}")\n    subprocess.Popen(["sleep", "300", "${marker}"])\n    while True:\n        pass\n`,
    );
    const started = Date.now();
    const r = run(file, '-o', 'gd', '--epochs', '5', '--time-limit', '3');
    assert.equal(r.json['gd']!.status, 'timeout');
    assert.match(r.json['gd']!.error!.message, /past the time limit \(3 s\)/);
    assert.ok(Date.now() - started < 20_000);
    let left = '';
    try {
      left = execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' });
    } catch {
      left = '';
    }
    assert.equal(left.trim(), '', 'the sleep the learner started was ended with its process group');
  });

  it('refuses what it cannot do, as usage errors', () => {
    assert.match(optlab('train', '--with', join(tmp, 'nope.py')).stderr, /cannot read .*nope\.py: no such file/);
    assert.match(optlab('train', '--with', learnerFile('correct2'), '-o', 'rmsprop').stderr, /--with trains the notebook's optimizers with your functions \(gd, momentum, adam\), not rmsprop/);
    writeFileSync(join(tmp, 'empty.py'), 'import numpy as np\n');
    assert.match(optlab('train', '--with', join(tmp, 'empty.py')).stderr, /defines none of update_parameters_with_gd/);
    // Every function the loop calls that the file lacks, named before anything trains.
    const onlyAdam = join(tmp, 'only-adam.py');
    writeFileSync(onlyAdam, `import numpy as np\n\ndef update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):\n    return parameters, v, s\n`);
    const r = optlab('train', '--with', onlyAdam, '-o', 'adam');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /only-adam\.py does not define random_mini_batches and initialize_adam: training with your functions calls your random_mini_batches, initialize_adam and update_parameters_with_adam/);
  });
});
