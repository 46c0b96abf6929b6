import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTrainArgs } from '../../../src/cli/trainArgs';
import { UsageError } from '../../../src/cli/usageError';

describe('parseTrainArgs', () => {
  it('defaults: all three optimizers on the notebook moons, nothing overridden', () => {
    assert.deepEqual(parseTrainArgs([]), {
      optimizers: ['gd', 'momentum', 'adam'],
      dataset: { kind: 'moons', samples: 300, noise: 0.2, dataSeed: 3 },
      overrides: {},
      json: false,
      help: false,
      pythonPath: 'python3',
      timeLimitSeconds: 600,
    });
  });
  it('maps every flag to its TrainConfig field', () => {
    const inv = parseTrainArgs([
      ...['-o', 'momentum', '--epochs', '20', '--learning-rate', '0.01', '--mini-batch-size', '1', '--beta', '0.5'],
      ...['--beta1', '0.8', '--beta2', '0.99', '--epsilon', '1e-4', '--layers', '2, 4,1', '--seed', '0', '--init-seed', '9'],
      ...['--record-every', '2', '--print-every', '10', '--samples', '50', '--noise', '0', '--data-seed', '1', '--json'],
    ]);
    assert.deepEqual(inv.optimizers, ['momentum']);
    assert.deepEqual(inv.dataset, { kind: 'moons', samples: 50, noise: 0, dataSeed: 1 });
    assert.deepEqual(inv.layers, [2, 4, 1]);
    assert.deepEqual(inv.overrides, {
      numEpochs: 20, learningRate: 0.01, miniBatchSize: 1, beta: 0.5, beta1: 0.8, beta2: 0.99, epsilon: 1e-4,
      seed: 0, initSeed: 9, recordEvery: 2, printEvery: 10,
    });
    assert.equal(inv.json, true);
  });
  it('keeps the order of several optimizers and drops repeats', () => {
    assert.deepEqual(parseTrainArgs(['-o', 'adam', '-o', 'gd,adam', '--optimizer', 'momentum']).optimizers, ['adam', 'gd', 'momentum']);
  });
  it('--dataset FILE, and moons by name', () => {
    assert.deepEqual(parseTrainArgs(['--dataset', 'd.csv']).dataset, { kind: 'file', path: 'd.csv' });
    assert.equal(parseTrainArgs(['--dataset', 'moons', '--samples', '9']).dataset.kind, 'moons');
  });
  it('rejects what it cannot use with a UsageError naming the flag', () => {
    const bad: [string[], RegExp][] = [
      [['--epochs', '1e400'], /--epochs expects an integer/],
      [['--epochs', ''], /--epochs expects an integer/],
      [['--noise', 'loud'], /--noise expects a number, got 'loud'/],
      [['--noise=-1'], /--noise must be >= 0/],
      [['--data-seed=-3'], /--data-seed must be between 0 and 2\*\*32 - 1/],
      [['--layers', '2'], /--layers expects at least two positive integers/],
      [['--layers', '2,0,1'], /--layers expects/],
      [['-o', 'gd,,adam'], /--optimizer must be one of gd, momentum, adam, rmsprop, nesterov, adamw, amsgrad, got ''/],
      [['--decay', 'exponential'], /--decay must be one of none, update_lr, schedule_lr_decay, got 'exponential'/],
      [['--json=yes'], /--json/],
    ];
    for (const [args, message] of bad) {
      assert.throws(() => parseTrainArgs(args), (e: unknown) => e instanceof UsageError && message.test(e.message), args.join(' '));
    }
  });
});
