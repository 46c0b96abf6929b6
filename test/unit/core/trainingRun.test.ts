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

  it('a healthy run does not diverge, and one that predicts a single class is flagged', () => {
    assert.equal(train(X, Y, { ...defaultTrainConfig('adam'), numEpochs: 50 }).diverged, undefined);
    assert.match(majorityClassWarning(0.75, Float64Array.of(0, 0, 0, 1), 1) ?? '', /75\.0% is the majority-class rate/);
    assert.equal(majorityClassWarning(0.94, Float64Array.of(0, 1, 0, 1), 1), undefined);
  });
});
