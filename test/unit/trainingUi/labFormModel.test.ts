import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HYPERPARAMETERS } from '../../../src/core/optimizers/hyperparameters';
import { OPTIMIZERS } from '../../../src/core/optimizers/registry';
import { CONFIG_PARAMETERS } from '../../../src/core/trainer/trainConfig';
import {
  completeControls,
  controlId,
  defaultLabControls,
  isNumberShown,
  NUMBER_CONTROLS,
  parseLayers,
  parseNumber,
  placeErrors,
  SLIDERS,
} from '../../../webview/shared/labFormModel';

test('a control per CONFIG_PARAMETERS entry, titled and grouped from the tables', () => {
  assert.deepEqual(NUMBER_CONTROLS.map((c) => c.key), CONFIG_PARAMETERS.map((p) => p.key));
  const group = (key: string): string => NUMBER_CONTROLS.find((c) => c.key === key)!.group;
  assert.deepEqual(['learningRate', 'miniBatchSize', 'numEpochs', 'seed'].map(group), ['main', 'main', 'main', 'main']);
  assert.deepEqual(HYPERPARAMETERS.map((h) => group(h.key)), HYPERPARAMETERS.map(() => 'hyper'));
  assert.deepEqual(['decayRate', 'decayInterval', 'initSeed', 'printEvery', 'recordEvery'].map(group), ['decay', 'decay', 'advanced', 'advanced', 'advanced']);
});

test('only the hyperparameters the chosen optimizer reads are shown, and the decay fields with their decay', () => {
  for (const o of OPTIMIZERS) {
    const shown = HYPERPARAMETERS.filter((h) => isNumberShown(h.key, { optimizer: o.id, decay: 'none' })).map((h) => h.key);
    assert.deepEqual(shown, HYPERPARAMETERS.map((h) => h.key).filter((k) => (o.hyperparameters as readonly string[]).includes(k)), o.id);
  }
  assert.deepEqual(['decayRate', 'decayInterval'].map((k) => isNumberShown(k, { optimizer: 'adam', decay: 'none' })), [false, false]);
  assert.deepEqual(['decayRate', 'decayInterval'].map((k) => isNumberShown(k, { optimizer: 'adam', decay: 'update_lr' })), [true, false]);
  assert.deepEqual(['decayRate', 'decayInterval'].map((k) => isNumberShown(k, { optimizer: 'adam', decay: 'schedule_lr_decay' })), [true, true]);
});

test('text becomes values; what is not a number becomes NaN and is refused', () => {
  assert.deepEqual(parseLayers('5, 2, 1'), [5, 2, 1]);
  assert.deepEqual(parseLayers(' 5 2,1 '), [5, 2, 1]);
  assert.ok(Number.isNaN(parseLayers('5, x, 1')[1]));
  assert.deepEqual(parseLayers(''), []);
  assert.ok(Number.isNaN(parseNumber('')) && Number.isNaN(parseNumber('abc')));
  assert.equal(parseNumber(' 1e-3 '), 0.001);
});

test('the sliders: learning rate on a log scale, batch in powers of two, epochs in hundreds', () => {
  const lr = SLIDERS.learningRate!;
  assert.equal(lr.toPosition(0.001), -3);
  assert.equal(lr.fromPosition(-2), 0.01);
  assert.equal(lr.fromPosition(lr.toPosition(0.0007)), 0.0007);
  assert.equal(lr.toPosition(1e6), 1);
  assert.equal(lr.toPosition(NaN), -5);
  assert.equal(SLIDERS.miniBatchSize!.fromPosition(6), 64);
  assert.equal(SLIDERS.miniBatchSize!.toPosition(64), 6);
  assert.equal(SLIDERS.numEpochs!.toPosition(10000), 10000);
});

test('errors go under the control shown, or to the message line with the control named', () => {
  const c = defaultLabControls();
  c.numbers.learningRate = 0;
  c.numbers.beta = -1; // not read by Adam: no error at all
  c.numbers.initSeed = -5; // not shown in the compact form
  c.layers = [5, NaN];
  const shownKeys = new Set(['learningRate', 'numEpochs', 'optimizer']);
  const { inPlace, elsewhere } = placeErrors(c, (k) => shownKeys.has(k));
  assert.deepEqual(Object.keys(inPlace), ['learningRate']);
  assert.match(inPlace['learningRate']!, /finite number > 0/);
  assert.ok(elsewhere.some((l) => l.startsWith('Initialization seed must be')));
  assert.ok(elsewhere.some((l) => l.startsWith('Layers must be')));
  assert.ok(!elsewhere.some((l) => l.startsWith('Beta ')));
  assert.equal(controlId('dataset.noise'), 'lab-dataset-noise');
});

test('controls from a message are completed from the defaults, never trusted to be whole', () => {
  const c = completeControls({ optimizer: 'sgd' as never, numbers: { learningRate: 0.01 } as never });
  assert.equal(c.optimizer, 'adam');
  assert.equal(c.numbers.learningRate, 0.01);
  assert.equal(c.numbers.numEpochs, 10000);
  assert.deepEqual(c.layers, [5, 2, 1]);
  assert.deepEqual(completeControls(undefined), defaultLabControls());
});
