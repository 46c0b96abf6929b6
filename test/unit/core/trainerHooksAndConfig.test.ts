import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matrix } from '../../../src/core/linalg/matrix';
import { defaultTrainConfig, train, validateTrainConfig, type TrainConfig } from '../../../src/core/trainer/trainer';
import { fixtureDataset } from './trainerFixtures';

const { X, Y } = fixtureDataset('moons-300-0.2-3');

describe('train() hooks', () => {
  const result0Costs = train(X, Y, { ...defaultTrainConfig('adam'), numEpochs: 95, recordEvery: 10 }).costs;
  it('onRecord runs every recordEvery epochs with the recorded cost and a parameter snapshot', () => {
    const records: number[] = [];
    const snapshots: number[] = [];
    const config = { ...defaultTrainConfig('adam'), numEpochs: 95, recordEvery: 10 };
    const result = train(X, Y, config, {
      onRecord(record, snapshot) {
        records.push(record.epoch);
        assert.equal(record.cost, result0Costs[records.length - 1]);
        assert.equal(record.learningRate, 0.0007);
        snapshots.push(snapshot().W1!.data[0]!);
      },
    });
    assert.deepEqual(records, [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    assert.deepEqual(result.recordEpochs, records);
    // Snapshots are copies taken as training goes: they change, and the last is not the final state.
    assert.equal(new Set(snapshots).size, snapshots.length);
    assert.notEqual(snapshots.at(-1), result.parameters.W1!.data[0]);
  });
  it('shouldStop ends the run before the next epoch and says so', () => {
    let polls = 0;
    const result = train(X, Y, { ...defaultTrainConfig('gd'), numEpochs: 1000, recordEvery: 1 }, { shouldStop: () => ++polls > 25 });
    assert.equal(result.stopped, true);
    assert.equal(result.epochsRun, 25);
    assert.equal(result.costs.length, 25);
    assert.ok(polls >= 25);
    // The 25 epochs it ran are exactly the first 25 of an uninterrupted run.
    const full = train(X, Y, { ...defaultTrainConfig('gd'), numEpochs: 25, recordEvery: 1 });
    assert.deepEqual(result.costs, full.costs);
    assert.deepEqual(result.parameters, full.parameters);
  });
  it('skipping the cost on unrecorded epochs changes no number', () => {
    const sparse = train(X, Y, { ...defaultTrainConfig('momentum'), numEpochs: 60, recordEvery: 20, printEvery: 60 });
    const dense = train(X, Y, { ...defaultTrainConfig('momentum'), numEpochs: 60, recordEvery: 1, printEvery: 1 });
    assert.deepEqual(sparse.costs, dense.costs.filter((_, i) => i % 20 === 0));
    assert.deepEqual(sparse.parameters, dense.parameters);
  });
});

describe('TrainConfig validation', () => {
  const good = defaultTrainConfig('adam');
  const bad: [Partial<TrainConfig> | Record<string, unknown>, RegExp][] = [
    [{ optimizer: 'sgd' }, /^optimizer must be one of gd, momentum, adam, rmsprop, nesterov, adamw, amsgrad, got sgd$/],
    [{ layersDims: [2] }, /^layersDims must be at least two positive integers/],
    [{ layersDims: [2, 0, 1] }, /^layersDims must be/],
    [{ layersDims: [2, 2.5, 1] }, /^layersDims must be/],
    [{ learningRate: 0 }, /^learningRate must be a finite number > 0, got 0$/],
    [{ learningRate: NaN }, /^learningRate must be/],
    [{ learningRate: Infinity }, /^learningRate must be/],
    [{ miniBatchSize: 0 }, /^miniBatchSize must be an integer >= 1, got 0$/],
    [{ miniBatchSize: 1.5 }, /^miniBatchSize must be/],
    [{ beta: 1.5 }, /^beta must be a number in \[0, 1\], got 1.5$/],
    [{ beta: -0.1 }, /^beta must be/],
    [{ beta1: 1 }, /^beta1 must be a number in \[0, 1\), got 1$/],
    [{ beta2: 1 }, /^beta2 must be/],
    [{ epsilon: 0 }, /^epsilon must be a finite number > 0/],
    [{ numEpochs: 0 }, /^numEpochs must be an integer >= 1/],
    [{ recordEvery: 0 }, /^recordEvery must be/],
    [{ printEvery: -1 }, /^printEvery must be/],
    [{ initSeed: -1 }, /^initSeed must be an integer between 0 and 2\*\*32 - 1/],
    [{ seed: 2 ** 32 - 5 }, /^seed must be an integer between -1 and 2\*\*32 - 1 - numEpochs/],
    [{ seed: 1.5 }, /^seed must be/],
  ];
  for (const [change, message] of bad) {
    it(`rejects ${JSON.stringify(change, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))}`, () => {
      assert.throws(() => validateTrainConfig({ ...good, ...change } as TrainConfig), (e: unknown) => e instanceof RangeError && message.test(e.message));
    });
  }
  it('accepts the defaults and the edges of each range', () => {
    validateTrainConfig(good, 2, 1);
    validateTrainConfig({ ...good, beta: 1, beta1: 0, beta2: 0, seed: -1, initSeed: 2 ** 32 - 1 });
  });
  it('checks the first and last layer against the data and X against Y', () => {
    assert.throws(() => train(X, Y, { ...good, layersDims: [3, 5, 1] }), /^RangeError: layersDims\[0\] must be the number of features in X \(2\), got 3$/);
    assert.throws(() => train(X, Y, { ...good, layersDims: [2, 5, 2] }), /^RangeError: layersDims\[2\] must be the number of rows of Y \(1\), got 2$/);
    assert.throws(() => train(X, matrix(1, 10), good), /X has 300 examples but Y has 10/);
    assert.throws(() => train(matrix(2, 0), matrix(1, 0), good), /at least one example/);
  });
  it('rejects a schedule that returns a learning rate it cannot use, naming the epoch', () => {
    const config = { ...good, numEpochs: 10, learningRateAt: (epoch: number) => (epoch < 3 ? 0.01 : -1) };
    assert.throws(() => train(X, Y, config), /^RangeError: learningRateAt\(3, 0.0007\) must return a finite number > 0, got -1$/);
  });
});
