import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeMoons } from '../../../src/core/data/moons';
import { matrix } from '../../../src/core/linalg/matrix';
import { OPTIMIZER_IDS } from '../../../src/core/optimizers/registry';
import { RandomState } from '../../../src/core/random/randomState';
import { majorityClassWarning } from '../../../src/core/trainer/divergence';
import { defaultTrainConfig, type TrainConfig } from '../../../src/core/trainer/trainConfig';
import { train } from '../../../src/core/trainer/trainer';
import { TrainingRun } from '../../../src/core/trainer/trainingRun';
import { networkLayout } from '../../../src/core/kernels/networkLayout';
import { onlySaturated } from '../../../src/core/trainer/saturation';
import { fixtureDataset, maxRelativeError, saturationFixtures } from './trainerFixtures';

const { X, Y } = makeMoons(300, 0.2, 3);
const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));

describe('TrainingRun: stepping a mini-batch at a time', () => {
  for (const optimizer of OPTIMIZER_IDS) {
    it(`${optimizer}: three steps, a step to the epoch's end, three more, then the rest give train()'s bits`, () => {
      const config: TrainConfig = { ...defaultTrainConfig(optimizer), numEpochs: 40, recordEvery: 1, printEvery: 10, learningRate: 0.01 };
      const whole = train(X, Y, config);
      const run = new TrainingRun(X, Y, config);
      for (let i = 0; i < 3; i++) run.step('batch');
      run.step('epoch');
      for (let i = 0; i < 3; i++) run.step('batch');
      const rest = run.run();
      assert.ok(same(rest.costs, whole.costs), 'costs');
      assert.ok(same(rest.printedCosts, whole.printedCosts), 'printed costs');
      for (const k of Object.keys(whole.parameters)) assert.ok(same(rest.parameters[k]!.data, whole.parameters[k]!.data), k);
      assert.equal(rest.epochsRun, 40);
      assert.equal(rest.accuracy, whole.accuracy);
    });
  }

  it('trained in slices (runFor, as a run that must stay responsive does) gives the bits of one run', () => {
    const config: TrainConfig = { ...defaultTrainConfig('adam'), numEpochs: 300, recordEvery: 7, printEvery: 50 };
    const whole = train(X, Y, config);
    const run = new TrainingRun(X, Y, config);
    let slices = 0;
    // 0 ms: one epoch per slice, the most slices there can be.
    while (!run.runFor(0)) slices++;
    assert.equal(slices, 299);
    const sliced = run.result();
    assert.ok(same(sliced.costs, whole.costs), 'costs');
    assert.ok(same(sliced.printedCosts, whole.printedCosts), 'printed costs');
    for (const k of Object.keys(whole.parameters)) assert.ok(same(sliced.parameters[k]!.data, whole.parameters[k]!.data), k);
    assert.equal(sliced.stopped, false);
  });

  it("says where it is: epoch, mini-batch, the epoch's seed, t, the examples of the mini-batch", () => {
    const run = new TrainingRun(X, Y, defaultTrainConfig('adam'));
    const first = run.step('batch');
    assert.deepEqual([first.epoch, first.miniBatch, first.miniBatches, first.seed, first.t], [0, 0, 5, 11, 1]);
    // random_mini_batches(X, Y, 64, seed=11): permutation(300) after np.random.seed(11), the first 64.
    const rs = new RandomState(11);
    assert.deepEqual(first.examples, Array.from(rs.permutation(300)).slice(0, 64));
    run.step('batch');
    const third = run.step('batch');
    assert.deepEqual([third.epoch, third.miniBatch, third.t], [0, 2, 3]);
    const last = run.step('epoch');
    assert.deepEqual([last.epoch, last.miniBatch, last.t, last.examples.length], [0, 4, 5, 300 - 4 * 64]);
    assert.deepEqual([run.step('batch').epoch, run.step('batch').seed], [1, 12]);
  });

  it("shows the update: from zero state Adam's first v is (1 - beta1) dW, s is (1 - beta2) dW², the step is before - after", () => {
    const run = new TrainingRun(X, Y, defaultTrainConfig('adam'));
    const before = run.result().parameters;
    const step = run.step('batch');
    const after = run.result().parameters;
    const w1 = step.parameters.find((p) => p.name === 'W1')!;
    const tensor = (label: string): number[] => w1.tensors.find((t) => t.label === label)!.data;
    assert.deepEqual(w1.tensors.map((t) => t.label), ['dW1', 'v', 's', 'v_corrected', 's_corrected', 'step']);
    assert.deepEqual([w1.rows, w1.cols], [5, 2]);
    const dW = tensor('dW1');
    assert.ok(same(tensor('v'), dW.map((g) => 0.9 * 0 + (1 - 0.9) * g)));
    assert.ok(same(tensor('s'), dW.map((g) => 0.999 * 0 + (1 - 0.999) * (g * g))));
    assert.ok(same(tensor('v_corrected'), tensor('v').map((v) => v / (1 - 0.9))));
    assert.ok(same(tensor('step'), Array.from(before['W1']!.data, (b, i) => b - after['W1']!.data[i]!)));
    assert.equal(step.parameters.length, 6);
  });

  it('names the state buffers of each optimizer, and cannot step after whole epochs ran', () => {
    const run = new TrainingRun(X, Y, { ...defaultTrainConfig('amsgrad'), numEpochs: 3 });
    assert.deepEqual(run.step('batch').parameters[0]!.tensors.map((t) => t.label), ['dW1', 'v', 's', 'sMax', 'v_corrected', 's_corrected', 'step']);
    run.run();
    assert.throws(() => run.step('batch'), /cannot step any more/);
    const gd = new TrainingRun(X, Y, { ...defaultTrainConfig('gd'), numEpochs: 1 });
    assert.deepEqual(gd.step('batch').parameters[1]!.tensors.map((t) => t.label), ['db1', 'step']);
    const done = gd.step('epoch');
    assert.equal(done.finished, true);
    assert.equal(gd.step('batch').finished, true, 'stepping past the last epoch changes nothing');
  });
});

describe('TrainingRun: divergence', () => {
  it('a learning rate of 1e6 stops Adam at the epoch it diverged, keeps what it had, and says why', () => {
    const result = train(X, Y, { ...defaultTrainConfig('adam'), learningRate: 1e6, numEpochs: 500 });
    assert.ok(result.diverged, 'diverged');
    assert.ok(result.epochsRun < 500 && result.epochsRun === result.diverged.epoch + 1, `stopped after epoch ${result.diverged.epoch}`);
    assert.match(result.diverged.cause, /^the learning rate 1000000 is too large for Adam/);
    assert.equal(result.recordEpochs[result.recordEpochs.length - 1], result.diverged.epoch, 'the diverged epoch is on the curve');
    assert.equal(result.stopped, false);
  });

  it('gradient descent with a huge step, unscaled inputs and Nesterov with beta 1 get their own causes', () => {
    const gd = train(X, Y, { ...defaultTrainConfig('gd'), learningRate: 1e8, numEpochs: 200 });
    assert.match(gd.diverged?.cause ?? '', /too large for Gradient descent: its steps are the learning rate times the gradient/);
    const wide = matrix(2, 300, Array.from(X.data, (x) => x * 1e200));
    const scaled = train(wide, Y, { ...defaultTrainConfig('gd'), numEpochs: 50 });
    assert.match(scaled.diverged?.cause ?? '', /features reach 2\.\d+e\+200: scale them/);
    const nesterov = train(X, Y, { ...defaultTrainConfig('nesterov'), beta: 1, learningRate: 50, numEpochs: 300 });
    assert.match(nesterov.diverged?.cause ?? '', /^beta 1 never forgets/);
  });

  // numpy's loop (test/fixtures/training/saturation.json, scripts/make_training_fixtures.py) records these NaN costs
  // (0 * log 0 where a saturated output equals its label) and trains on; the trainer must too, on both fast kernels.
  for (const fixture of saturationFixtures) {
    it(`${fixture.name}: a cost that is NaN from saturated outputs alone is recorded and training goes on, as numpy's does`, () => {
      const { X: Xs, Y: Ys } = fixtureDataset(fixture.dataset);
      const nanAt = fixture.costs.flatMap((c, epoch) => (c === null ? [epoch] : []));
      assert.ok(nanAt.length > 0, 'the fixture has NaN costs');
      for (const kernel of ['auto', 'generic'] as const) {
        const result = train(Xs, Ys, fixture.config, {}, { kernel });
        assert.equal(result.diverged, undefined, `${kernel}: ${result.diverged?.cause}`);
        assert.equal(result.epochsRun, fixture.config.numEpochs);
        assert.deepEqual(result.costs.flatMap((c, epoch) => (Number.isNaN(c) ? [epoch] : [])), nanAt, `${kernel}: NaN at the same epochs as numpy`);
        const finite = (costs: readonly (number | null)[]): number[] => costs.filter((c): c is number => c !== null && !Number.isNaN(c));
        assert.ok(maxRelativeError(finite(result.costs), finite(fixture.costs)) < 1e-10, `${kernel}: the other costs match numpy's`);
        assert.equal(result.accuracy, fixture.accuracy);
        assert.match(result.warning ?? '', new RegExp(`the cost is NaN at ${nanAt.length} recorded epochs \\(the first: ${nanAt[0]}\\).*0 × log 0`));
      }
    });
  }

  it('a cost that is infinite because an output saturated against its label, or above chance, is divergence', () => {
    const layout = networkLayout([1, 1]);
    // W = 1000, b = 0: the example x = 1 gives a = 1 exactly (z = 1000).
    const params = Float64Array.of(1000, 0);
    assert.equal(onlySaturated(layout, params, Float64Array.of(1), Float64Array.of(1), Int32Array.of(0)), true, 'a = 1 = y: 0 × log 0');
    assert.equal(onlySaturated(layout, params, Float64Array.of(1), Float64Array.of(0), Int32Array.of(0)), false, 'a = 1, y = 0: -log 0');
    assert.equal(onlySaturated(layout, params, Float64Array.of(-1), Float64Array.of(0), Int32Array.of(0)), true, 'a = 0 = y');
    assert.equal(onlySaturated(layout, params, Float64Array.of(-1), Float64Array.of(1), Int32Array.of(0)), false, 'a = 0, y = 1');
    assert.equal(onlySaturated(layout, Float64Array.of(NaN, 0), Float64Array.of(1), Float64Array.of(1), Int32Array.of(0)), false, 'a NaN output');
    // Two examples, one saturated right and one unsaturated but wrong at a = 0.2 (cost ln 5 = 1.6 > 2 ln 2): no better than chance.
    const two = Float64Array.of(1, Math.log(0.2 / 0.8) / 1000);
    assert.equal(onlySaturated(layout, params, two, Float64Array.of(1, 1), Int32Array.of(0, 1)), false, 'worse than answering 0.5');
    assert.equal(onlySaturated(layout, params, two, Float64Array.of(1, 0), Int32Array.of(0, 1)), true, 'the second right too: ln 1.25 per two');
  });

  it('a healthy run does not diverge, and one that predicts a single class is flagged', () => {
    assert.equal(train(X, Y, { ...defaultTrainConfig('adam'), numEpochs: 50 }).diverged, undefined);
    assert.match(majorityClassWarning(0.75, Float64Array.of(0, 0, 0, 1), 1) ?? '', /75\.0% is the majority-class rate/);
    assert.equal(majorityClassWarning(0.94, Float64Array.of(0, 1, 0, 1), 1), undefined);
  });
});
