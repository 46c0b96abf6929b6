import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { attachNegativeValues } from '../../../src/cli/parseFlags';
import { parseIntegerFlag, parseLayersFlag } from '../../../src/cli/parseNumbers';
import { UsageError } from '../../../src/cli/usageError';
import { networkSizeProblem, trainingSizeProblem } from '../../../src/core/data/networkLimits';
import { optlab } from './runOptlab';

describe('each flag with a bad value gets a message about that flag, before anything is allocated', () => {
  const cases: [string[], RegExp][] = [
    // Was "argument is ambiguous": parseArgs took -1 for a flag.
    [['train', '--learning-rate', '-1'], /^optlab: --learning-rate must be a finite number > 0, got -1$/],
    [['train', '--learning-rate', '-.5'], /^optlab: --learning-rate must be a finite number > 0, got -0\.5$/],
    [['train', '-e', '-4'], /^optlab: --epochs must be an integer between 1 and 1,000,000, got -4$/],
    [['train', '--seed', '-3'], /^optlab: --seed must be an integer between -1 and 4,294,967,295, got -3$/],
    [['train', '--noise', '-1'], /^optlab: --noise must be >= 0, got -1$/],
    // Was a complaint about --seed (seed + epochs must stay a 32-bit seed).
    [['train', '--epochs', '4294967296'], /^optlab: --epochs must be an integer between 1 and 1,000,000, got 4294967296$/],
    // Was "Invalid typed array length" or 6 GB.
    [['train', '--samples', '1e12'], /^optlab: --samples must be an integer between 1 and 1,000,000, got 1000000000000$/],
    [['dataset', 'moons', '--samples', '1e12'], /^optlab: --samples must be an integer between 1 and 1,000,000, got 1000000000000$/],
    [['train', '--layers', '2,50000,50000,1'], /^optlab: --layers 2,50000,50000,1 is too large: layer 1 has 50,000 units, the limit is 10,000$/],
    [['train', '--layers', '2,9000,9000,1'], /^optlab: --layers 2,9000,9000,1 is too large: 81,045,001 weights and biases, the limit is 10,000,000$/],
    [['train', '--layers', '2,3000,3000,1', '--samples', '1000000'], /^optlab: network too large for moons .*: 6,001 units x 1,000,000 examples = 6,001,000,000 activations, the limit is 50,000,000/],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), () => {
      const r = optlab(...args);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, '');
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0]!, message);
    });
  }

  it('a 100 KB flag value is not echoed whole', () => {
    const text = 'x'.repeat(100_000);
    assert.throws(() => parseIntegerFlag('--epochs', text), (e: unknown) => e instanceof UsageError && e.message.length < 200 && /100,000 characters/.test(e.message));
    assert.throws(() => parseLayersFlag('--layers', text), (e: unknown) => e instanceof UsageError && e.message.length < 250);
  });
});

describe('attachNegativeValues', () => {
  const options = { seed: { type: 'string' }, epochs: { type: 'string', short: 'e' }, json: { type: 'boolean' } } as const;
  it('joins a negative number to the flag before it, and only then', () => {
    assert.deepEqual(attachNegativeValues(['--seed', '-3', '-e', '-1e3', '--json'], options), ['--seed=-3', '-e-1e3', '--json']);
    // A flag after a flag stays a flag; a boolean flag takes no value; '--' ends the flags.
    assert.deepEqual(attachNegativeValues(['--seed', '--json', '--json', '-1', '--', '--seed', '-1'], options), ['--seed', '--json', '--json', '-1', '--', '--seed', '-1']);
  });
});

describe('network limits', () => {
  it('name the layer, the parameter count or the activations that are too many', () => {
    assert.equal(networkSizeProblem([2, 5, 2, 1]), undefined);
    assert.equal(networkSizeProblem([20000, 5, 1]), 'the input layer has 20,000 units, the limit is 10,000');
    assert.equal(trainingSizeProblem([2, 5, 2, 1], 1_000_000), undefined);
    assert.match(trainingSizeProblem([2, 100, 1], 1_000_000)!, /^101 units x 1,000,000 examples = 101,000,000 activations/);
  });
});
