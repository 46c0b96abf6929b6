// The lab's requests in a real VS Code, through the internal command that forwards exactly what the
// panel's controls post (the e2e suite clicks the real controls): step, continue, live runs,
// divergence, config files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { makeMoons } from '../../../src/core/data/moons';
import { defaultTrainConfig } from '../../../src/core/trainer/trainConfig';
import { train } from '../../../src/core/trainer/trainer';
import { TrainingRun } from '../../../src/core/trainer/trainingRun';
import type { TrainingOutcome } from '../../../src/extension/training/trainingController';
import { configFileText } from '../../../src/shared/labConfigFile';
import type { LabControls, LabNumbers, StepView } from '../../../src/shared/labControls';
import type { WebviewToExtension } from '../../../src/shared/webviewMessages';
import { extensionUnderTest } from '../extensionUnderTest';

const lab = async <T>(message: WebviewToExtension): Promise<T> => (await vscode.commands.executeCommand('optimizationLab.internal.lab', message)) as T;
const numbers = Object.fromEntries(Object.entries(defaultTrainConfig('adam')).filter(([, v]) => typeof v === 'number')) as LabNumbers;
const controls = (change: Partial<LabControls> = {}, numberChange: Partial<LabNumbers> = {}): LabControls => ({
  optimizer: 'adam',
  numbers: { ...numbers, ...numberChange },
  layers: [5, 2, 1],
  decay: 'none',
  learningRateSchedule: '',
  dataset: { kind: 'moons', samples: 300, noise: 0.2, seed: 3 },
  ...change,
});

suite('The lab: the panel controls\' requests', function () {
  this.timeout(120_000);
  suiteSetup(async () => {
    await extensionUnderTest().activate();
    await vscode.commands.executeCommand('optimizationLab.clearRuns');
  });

  test('Step three mini-batches with Adam: t = 3 and the core\'s v; Train then continues the same run to the core\'s numbers', async () => {
    const c = controls({}, { numEpochs: 50, learningRate: 0.01 });
    let step: StepView | undefined;
    for (let i = 0; i < 3; i++) step = await lab<StepView>({ type: 'lab', action: 'step', controls: c });
    assert.deepEqual([step!.t, step!.epoch, step!.miniBatch, step!.seed, step!.examples.length], [3, 0, 2, 11, 64]);
    const { X, Y } = makeMoons(300, 0.2, 3);
    const core = new TrainingRun(X, Y, { ...defaultTrainConfig('adam'), numEpochs: 50, learningRate: 0.01 });
    core.step('batch');
    core.step('batch');
    const expected = core.step('batch').parameters.find((p) => p.name === 'W1')!.tensors.find((t) => t.label === 'v')!.data;
    assert.deepEqual(step!.parameters.find((p) => p.name === 'W1')!.tensors.find((t) => t.label === 'v')!.data, expected);

    const outcome = await lab<TrainingOutcome>({ type: 'lab', action: 'train', controls: c });
    assert.equal(outcome.runs.length, 1);
    assert.equal(outcome.runs[0]!.runId, step!.runId, 'the stepped run continued');
    assert.deepEqual(outcome.runs[0]!.costs, train(X, Y, { ...defaultTrainConfig('adam'), numEpochs: 50, learningRate: 0.01 }).costs);
  });

  test('other controls start a new stepped run; Reset drops it', async () => {
    const a = await lab<StepView>({ type: 'lab', action: 'step', controls: controls({}, { numEpochs: 5 }) });
    const b = await lab<StepView>({ type: 'lab', action: 'stepEpoch', controls: controls({ optimizer: 'rmsprop' }, { numEpochs: 5 }) });
    assert.notEqual(a.runId, b.runId);
    assert.deepEqual([b.t, b.miniBatch, b.optimizer], [5, 4, 'rmsprop']);
    await lab({ type: 'labReset' });
    const c = await lab<StepView>({ type: 'lab', action: 'step', controls: controls({ optimizer: 'rmsprop' }, { numEpochs: 5 }) });
    assert.notEqual(c.runId, b.runId);
    assert.equal(c.t, 1);
    await lab({ type: 'labReset' });
  });

  test('a learning rate of 1e6 diverges: the run says so and why, and the next run trains', async () => {
    const diverged = await lab<TrainingOutcome>({ type: 'lab', action: 'train', controls: controls({}, { learningRate: 1e6, numEpochs: 500 }) });
    assert.equal(diverged.runs[0]!.status, 'diverged');
    assert.match(diverged.runs[0]!.diverged?.cause ?? '', /too large for Adam/);
    const fine = await lab<TrainingOutcome>({ type: 'lab', action: 'train', controls: controls({ optimizer: 'gd' }, { numEpochs: 100 }) });
    assert.equal(fine.runs[0]!.status, 'finished');
  });

  test('live runs replace each other: only the newest is kept', async () => {
    const first = lab<TrainingOutcome>({ type: 'lab', action: 'train', live: true, controls: controls({}, { learningRate: 0.001 }) });
    const second = await lab<TrainingOutcome>({ type: 'lab', action: 'train', live: true, controls: controls({}, { learningRate: 0.002 }) });
    const stale = await first;
    assert.equal(second.runs[0]!.status, 'finished');
    assert.equal(second.runs[0]!.label, 'Live');
    const runs = (await vscode.commands.executeCommand('optimizationLab.internal.runs')) as { id: string; label: string }[];
    assert.deepEqual(runs.filter((r) => r.label === 'Live').map((r) => r.id), [second.runs[0]!.runId], 'only the newest live run is kept');
    assert.ok(!runs.some((r) => r.id === stale.runs[0]?.runId), 'the stale live run was dropped');
  });

  test('invalid controls are refused before training, with the reason', async () => {
    const outcome = await lab<TrainingOutcome>({ type: 'lab', action: 'train', controls: controls({ layers: [0] }, { learningRate: -1 }) });
    assert.match(outcome.error ?? '', /learningRate must be a finite number > 0; layers must be layer sizes/);
    assert.deepEqual(outcome.runs, []);
  });

  test('a *.optlab.json runs from its command, with its controls', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const file = vscode.Uri.joinPath(folder, 'nesterov-test.optlab.json');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(configFileText(controls({ optimizer: 'nesterov' }, { numEpochs: 30, learningRate: 0.05 }))));
    try {
      const outcome = (await vscode.commands.executeCommand('optimizationLab.runConfigFile', { uri: file.toString() })) as TrainingOutcome;
      assert.deepEqual(outcome.runs.map((r) => [r.optimizer, r.status, r.epochsRun]), [['nesterov', 'finished', 30]]);
      const bad = vscode.Uri.joinPath(folder, 'bad-test.optlab.json');
      await vscode.workspace.fs.writeFile(bad, new TextEncoder().encode('{"format": "optimization-lab-config", "version": 1, "optimizer": "sgd"}'));
      const refused = (await vscode.commands.executeCommand('optimizationLab.runConfigFile', { uri: bad.toString() })) as TrainingOutcome;
      assert.match(refused.error ?? '', /bad-test\.optlab\.json: "optimizer" must be one of/);
      await vscode.workspace.fs.delete(bad);
    } finally {
      await vscode.workspace.fs.delete(file);
    }
  });
});
