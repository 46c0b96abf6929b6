// The lab's pure pieces: its controls' validation, the *.optlab.json config files, and stored runs
// read back from JSON (where NaN became null) without ever breaking the panel.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultTrainConfig } from '../../../src/core/trainer/trainConfig';
import { readStoredRun } from '../../../src/extension/training/storedRun';
import { configFileText, readConfigFile } from '../../../src/shared/labConfigFile';
import { validateLabControls, type LabControls, type LabNumbers } from '../../../src/shared/labControls';

const numbers = Object.fromEntries(Object.entries(defaultTrainConfig('adam')).filter(([, v]) => typeof v === 'number')) as LabNumbers;
const controls: LabControls = {
  optimizer: 'adam',
  numbers,
  layers: [5, 2, 1],
  decay: 'none',
  learningRateSchedule: '',
  dataset: { kind: 'moons', samples: 300, noise: 0.2, seed: 3 },
};

describe('the lab controls', () => {
  it('accept the defaults and refuse what cannot train, control by control, in words', () => {
    assert.deepEqual(validateLabControls(controls), {});
    const bad = validateLabControls({
      ...controls,
      numbers: { ...controls.numbers, learningRate: 0, miniBatchSize: 1.5, beta1: 1 },
      layers: [5, 0],
      dataset: { kind: 'moons', samples: 1, noise: -1, seed: 3 },
    });
    assert.deepEqual(bad, {
      learningRate: 'must be a finite number > 0',
      miniBatchSize: 'must be an integer >= 1',
      beta1: 'must be a number in [0, 1)',
      layers: 'must be layer sizes between 1 and 4096, e.g. 5, 2, 1 (the last is the output)',
      'dataset.samples': 'must be an integer between 2 and 100000',
      'dataset.noise': 'must be a finite number >= 0',
    });
  });
  it("ignore a hyperparameter the chosen optimizer does not read, and refuse decay together with a schedule", () => {
    assert.deepEqual(validateLabControls({ ...controls, optimizer: 'gd', numbers: { ...controls.numbers, beta1: 7 } }), {});
    // Your own functions: the notebook's optimizers and the notebook's loop only.
    assert.deepEqual(validateLabControls({ ...controls, functions: 'my_optimizers.py' }), {});
    assert.deepEqual(validateLabControls({ ...controls, functions: '' , optimizer: 'rmsprop' }), {});
    assert.match(validateLabControls({ ...controls, functions: 'my_optimizers.py', optimizer: 'rmsprop' })['functions'] ?? '', /^train the notebook's optimizers \(gd, momentum, adam\)/);
    assert.match(validateLabControls({ ...controls, functions: 'my_optimizers.py', learningRateSchedule: 'lr0 / 2' })['functions'] ?? '', /clear the schedule expression/);
    assert.deepEqual(validateLabControls({ ...controls, optimizer: 'adam', numbers: { ...controls.numbers, beta1: 7 } }), { beta1: 'must be a number in [0, 1)' });
    assert.match(validateLabControls({ ...controls, decay: 'update_lr', learningRateSchedule: 'lr0 / 2' })['decay'] ?? '', /cannot be combined/);
  });
});

describe('*.optlab.json config files', () => {
  it('round-trip the controls', () => {
    const c: LabControls = { ...controls, optimizer: 'rmsprop', numbers: { ...controls.numbers, learningRate: 0.01, alpha: 0.9 }, dataset: { kind: 'file', path: 'data/moons.csv' } };
    assert.deepEqual(readConfigFile(configFileText(c), 'a.optlab.json'), c);
  });
  it('fill what a file leaves out with the defaults, and refuse what is wrong with the file name and field', () => {
    const short = readConfigFile('{"format": "optimization-lab-config", "version": 1, "optimizer": "nesterov", "learningRate": 0.05}', 'n.optlab.json');
    assert.deepEqual([short.optimizer, short.numbers.learningRate, short.numbers.beta, short.layers, short.dataset.kind], ['nesterov', 0.05, 0.9, [5, 2, 1], 'moons']);
    assert.throws(() => readConfigFile('{', 'x.optlab.json'), /^Error: x\.optlab\.json: not valid JSON/);
    assert.throws(() => readConfigFile('{"format": "other"}', 'x.optlab.json'), /"format" must be "optimization-lab-config"/);
    assert.throws(() => readConfigFile('{"format": "optimization-lab-config", "version": 1, "optimizer": "sgd"}', 'x.optlab.json'), /"optimizer" must be one of gd, momentum/);
    assert.throws(() => readConfigFile('{"format": "optimization-lab-config", "version": 1, "optimizer": "adam", "learningRate": -1}', 'x.optlab.json'), /x\.optlab\.json: "learningRate" must be a finite number > 0/);
    assert.throws(() => readConfigFile('{"format": "optimization-lab-config", "version": 9, "optimizer": "adam"}', 'x.optlab.json'), /version 9 is newer/);
  });
});

describe('stored runs read back from JSON', () => {
  const good = {
    id: 'run-1', label: 'Adam #1', optimizer: 'adam', datasetId: 'moons', datasetName: 'Built-in moons', config: defaultTrainConfig('adam'),
    status: 'diverged', startedAt: 1, epochs: [0, 100], costs: [0.69, null], learningRates: [1e6, 1e6],
    summary: { accuracy: 0.5, finalCost: null, oscillation: null, seconds: 0.1, epochsRun: 2 },
    diverged: { epoch: 1, cause: 'the learning rate 1000000 is too large for Adam' },
    parameters: { W1: { rows: 1, cols: 2, data: [null, 1] } },
  };
  it('turn the nulls JSON made of NaN back into NaN, and keep the divergence', () => {
    const run = readStoredRun(JSON.parse(JSON.stringify(good)))!;
    assert.deepEqual(run.costs, [0.69, NaN]);
    assert.ok(Number.isNaN(run.summary!.finalCost));
    assert.deepEqual(run.parameters!['W1']!.data, [NaN, 1]);
    assert.equal(run.status, 'diverged');
    assert.equal(run.diverged?.epoch, 1);
  });
  it('read a run of an older version with the newer defaults, a running or stepping one as stopped, and skip what cannot be shown', () => {
    const oldConfig: Record<string, unknown> = { ...defaultTrainConfig('adam') };
    for (const newer of ['alpha', 'weightDecay', 'decay']) delete oldConfig[newer];
    const old = readStoredRun({ ...good, status: 'running', config: oldConfig })!;
    assert.deepEqual([old.status, old.config.alpha, old.config.weightDecay, old.config.decay], ['stopped', 0.99, 0.01, 'none']);
    assert.equal(readStoredRun({ ...good, status: 'stepping' })!.status, 'stopped');
    assert.equal(readStoredRun({ ...good, status: 'exploded' })!.status, 'stopped');
    for (const broken of [null, 7, 'run', {}, { ...good, id: 3 }, { ...good, costs: [1] }, { ...good, optimizer: undefined }]) {
      assert.equal(readStoredRun(broken), undefined, JSON.stringify(broken));
    }
    assert.equal(readStoredRun({ ...good, parameters: { W1: { rows: 2, cols: 2, data: [1] } } })!.parameters, undefined, 'a misshapen matrix is left out');
  });
});
