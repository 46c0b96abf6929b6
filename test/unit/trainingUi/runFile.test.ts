import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runFromFile, runToFile } from '../../../src/extension/training/runFile';
import { defaultTrainConfig } from '../../../src/core/trainer/trainConfig';
import type { RunView } from '../../../src/shared/webviewMessages';

const run: RunView = {
  id: 'run-1',
  label: 'Adam #1',
  optimizer: 'adam',
  datasetId: 'moons',
  datasetName: 'Built-in moons',
  config: { ...defaultTrainConfig('adam'), layersDims: [2, 2, 1], numEpochs: 200, learningRateSchedule: '' },
  status: 'finished',
  startedAt: 0,
  epochs: [0, 100],
  costs: [0.69, 0.5],
  learningRates: [0.0007, 0.0007],
  printedCosts: [0.69],
  parameters: {
    W1: { rows: 2, cols: 2, data: [1, 2, 3, 4] },
    b1: { rows: 2, cols: 1, data: [0.5, -0.5] },
    W2: { rows: 1, cols: 2, data: [1, -1] },
    b2: { rows: 1, cols: 1, data: [0] },
  },
  summary: { accuracy: 0.94, finalCost: 0.5, oscillation: 0, seconds: 0.01, epochsRun: 200 },
};

test('a saved run keeps parameters as nested lists and reads back equal', () => {
  const file = runToFile(run, undefined);
  assert.deepEqual(file.parameters['W1'], [
    [1, 2],
    [3, 4],
  ]);
  const back = runFromFile(JSON.stringify(file), 'runs/adam-1.run.json', 'run-2').run;
  assert.equal(back.id, 'run-2');
  assert.equal(back.label, 'Adam #1 (adam-1.run.json)');
  assert.deepEqual(back.parameters, run.parameters);
  assert.deepEqual([back.costs, back.epochs, back.summary], [run.costs, run.epochs, run.summary]);
});

test('files that are not runs are refused with the reason', () => {
  assert.throws(() => runFromFile('{', 'x.json', 'r'), /^Error: x\.json: not valid JSON/);
  assert.throws(() => runFromFile('{"X": [[1]]}', 'data.json', 'r'), /not an Optimization Lab run file \("format" must be "optimization-lab-run"\)/);
  const file = runToFile(run, undefined);
  assert.throws(() => runFromFile(JSON.stringify({ ...file, costs: [1] }), 'r.json', 'r'), /"costs" and "recordEpochs" must be number lists of one length/);
  assert.throws(() => runFromFile(JSON.stringify({ ...file, parameters: { W1: [[1, 2], [3]] } }), 'r.json', 'r'), /parameter W1 has rows of different lengths/);
  assert.throws(() => runFromFile(JSON.stringify({ ...file, version: 99 }), 'r.json', 'r'), /version 99 is newer/);
});

test('every optimizer of the registry is read back; a file from before the registry gets the newer defaults', () => {
  for (const optimizer of ['rmsprop', 'nesterov', 'adamw', 'amsgrad'] as const) {
    const file = runToFile({ ...run, optimizer, config: { ...run.config, optimizer } }, undefined);
    assert.equal(runFromFile(JSON.stringify(file), 'r.json', 'r').run.optimizer, optimizer);
  }
  const file = runToFile(run, undefined) as unknown as { config: Record<string, unknown> };
  delete file.config['alpha'];
  delete file.config['weightDecay'];
  delete file.config['decay'];
  const back = runFromFile(JSON.stringify(file), 'old.run.json', 'r').run;
  assert.deepEqual([back.config.alpha, back.config.weightDecay, back.config.decay], [0.99, 0.01, 'none']);
  assert.throws(() => runFromFile(JSON.stringify({ ...file, optimizer: 'sgd' }), 'r.json', 'r'), /"optimizer" must be one of gd, momentum, adam, rmsprop, nesterov, adamw, amsgrad/);
});

test('a diverged run (NaN costs, written as null) is saved and read back with its divergence', () => {
  const diverged: RunView = { ...run, status: 'diverged', costs: [0.69, NaN], diverged: { epoch: 100, cause: 'the learning rate is too large' } };
  const back = runFromFile(JSON.stringify(runToFile(diverged, undefined)), 'd.run.json', 'r').run;
  assert.deepEqual(back.costs, [0.69, NaN]);
  assert.equal(back.status, 'diverged');
  assert.deepEqual(back.diverged, { epoch: 100, cause: 'the learning rate is too large' });
});
