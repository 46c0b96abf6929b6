// Stopping a run of the learner's own functions: the run says it was stopped, keeps what it recorded, and
// nothing the learner's code started outlives it. (How fast the stop lands is measured by the bench's
// learner section, not here.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeMoons } from '../../../src/core/data/moons';
import { defaultTrainConfig } from '../../../src/core/trainer/trainConfig';
import { trainWithLearnerFunctions } from '../../../src/checker/training/learnerTraining';

const correct = readFileSync(join(__dirname, '..', '..', 'fixtures', 'learner', 'correct_notebook_style.py'), 'utf8');

describe("Stopping a run of the learner's functions", () => {
  it('ends the run as stopped with its records so far, and the processes its code started with it', async () => {
    const marker = `optlab-stop-${process.pid}`;
    // The learner's update starts a process once, then trains normally.
    const source = `${correct}\n\nimport subprocess\n_started = []\n\ndef update_parameters_with_gd(parameters, grads, learning_rate):\n` +
      `    if not _started:\n        _started.append(subprocess.Popen(["sleep", "300", "${marker}"]))\n` +
      '    for key in parameters:\n        parameters[key] = parameters[key] - learning_rate * grads["d" + key]\n    return parameters\n';
    const { X, Y } = makeMoons(300, 0.2, 3);
    const controller = new AbortController();
    let records = 0;
    const result = await trainWithLearnerFunctions({
      pythonPath: 'python3',
      source,
      X,
      Y,
      config: { ...defaultTrainConfig('gd'), optimizer: 'gd', numEpochs: 1_000_000, recordEvery: 10 },
      timeLimitMs: 120_000,
      onRecord: () => {
        if (++records === 3) controller.abort();
      },
      signal: controller.signal,
    });
    assert.equal(result.status, 'stopped');
    assert.ok(result.recordEpochs.length >= 3, `${result.recordEpochs.length} records kept`);
    assert.deepEqual(result.recordEpochs.slice(0, 3), [0, 10, 20]);
    let left = '';
    try {
      left = execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' });
    } catch {
      left = '';
    }
    assert.equal(left.trim(), '', 'the sleep the learner started ended with the run');
  });
});
