// Train with My Functions in a real VS Code: the learner's file trained by python3 beside the core's
// reference, both runs in the store, the departure said when there is one.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { makeMoons } from '../../../src/core/data/moons';
import { defaultTrainConfig } from '../../../src/core/trainer/trainConfig';
import { train } from '../../../src/core/trainer/trainer';
import type { TrainingOutcome } from '../../../src/extension/training/trainingController';
import type { LabControls, LabNumbers } from '../../../src/shared/labControls';
import { extensionUnderTest } from '../extensionUnderTest';

const correct = readFileSync(join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'learner', 'correct_notebook_style.py'), 'utf8');

suite('Train with My Functions', function () {
  this.timeout(180_000);
  const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
  suiteSetup(async () => {
    await extensionUnderTest().activate();
  });

  test("a correct file trains Adam with the reference's numbers, both runs kept side by side", async () => {
    const file = vscode.Uri.joinPath(folder(), 'my-correct-adam.py');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(correct));
    try {
      const outcome = (await vscode.commands.executeCommand('optimizationLab.trainWithMyFunctions', {
        uri: file.toString(),
        optimizer: 'adam',
        dataset: 'moons',
        overrides: { epochs: 1000 },
        background: true,
      })) as TrainingOutcome;
      assert.equal(outcome.error, undefined);
      const [yours, reference] = outcome.runs;
      assert.match(yours!.label, /^Adam \(yours\) #\d+$/);
      assert.match(reference!.label, /^Adam \(reference\) #\d+$/);
      assert.equal(yours!.status, 'finished', yours!.error);
      assert.equal(yours!.departure, undefined);
      yours!.costs.forEach((c, i) => assert.ok(Math.abs(c - reference!.costs[i]!) <= 1e-12, `epoch ${i * 100}`));
      assert.equal(yours!.accuracyText, reference!.accuracyText);
    } finally {
      await vscode.workspace.fs.delete(file);
    }
  });

  test('v and s as one dictionary passes the unit cases but is named here, with its line', async () => {
    const file = vscode.Uri.joinPath(folder(), 'my-aliased-adam.py');
    const aliased = `${correct}\n\ndef initialize_adam(parameters):\n    v = {}\n    for l in range(len(parameters) // 2):\n        v["dW" + str(l + 1)] = np.zeros(parameters["W" + str(l + 1)].shape)\n        v["db" + str(l + 1)] = np.zeros(parameters["b" + str(l + 1)].shape)\n    return v, v\n`;
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(aliased));
    try {
      const outcome = (await vscode.commands.executeCommand('optimizationLab.trainWithMyFunctions', {
        uri: file.toString(),
        optimizer: 'adam',
        dataset: 'moons',
        overrides: { epochs: 50 },
        background: true,
      })) as TrainingOutcome;
      const yours = outcome.runs[0]!;
      assert.equal(yours.departure?.function, 'initialize_adam');
      assert.equal(yours.departure?.line, correct.split('\n').length + 2);
      assert.match(yours.departure?.title ?? '', /one dictionary as both v and s/);
    } finally {
      await vscode.workspace.fs.delete(file);
    }
  });

  test("the panel's Train with \"Functions: Mine\" trains the file's functions with the panel's values, beside the reference", async () => {
    const file = vscode.Uri.joinPath(folder(), 'my-panel-adam.py');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(correct));
    const numbers = Object.fromEntries(Object.entries(defaultTrainConfig('adam')).filter(([, v]) => typeof v === 'number')) as LabNumbers;
    const controls: LabControls = {
      optimizer: 'adam',
      numbers: { ...numbers, numEpochs: 200, miniBatchSize: 32, learningRate: 0.01 },
      layers: [5, 2, 1],
      decay: 'none',
      learningRateSchedule: '',
      dataset: { kind: 'moons', samples: 300, noise: 0.2, seed: 3 },
      functions: 'my-panel-adam.py',
    };
    try {
      const outcome = (await vscode.commands.executeCommand('optimizationLab.internal.lab', { type: 'lab', action: 'train', controls })) as TrainingOutcome;
      assert.equal(outcome.error, undefined);
      const [yours, reference] = outcome.runs;
      assert.match(yours!.label, /^Adam \(yours\) #\d+$/);
      assert.match(reference!.label, /^Adam \(reference\) #\d+$/);
      assert.equal(yours!.status, 'finished', yours!.error);
      // The panel's values, not the settings': 200 epochs, mini-batches of 32, learning rate 0.01.
      const { X, Y } = makeMoons(300, 0.2, 3);
      const core = train(X, Y, { ...defaultTrainConfig('adam'), numEpochs: 200, miniBatchSize: 32, learningRate: 0.01 });
      yours!.costs.forEach((c, i) => assert.ok(Math.abs(c - core.costs[i]!) <= 1e-12, `epoch ${i * 100}: ${c} vs ${core.costs[i]}`));
      assert.deepEqual(reference!.costs, core.costs);
      // Another optimizer than the notebook's is refused with the reason, from the panel and as a command argument.
      const refused = (await vscode.commands.executeCommand('optimizationLab.internal.lab', { type: 'lab', action: 'train', controls: { ...controls, optimizer: 'rmsprop' } })) as TrainingOutcome;
      assert.match(refused.error ?? '', /^Functions \(mine\) train the notebook's optimizers/);
      assert.deepEqual(refused.runs, []);
      const asArgument = (await vscode.commands.executeCommand('optimizationLab.trainWithMyFunctions', { uri: file.toString(), optimizer: 'rmsprop', background: true })) as TrainingOutcome;
      assert.equal(asArgument.error, "Train with My Functions trains the notebook's optimizers with your functions (gd, momentum, adam), not rmsprop.");
      assert.deepEqual(asArgument.runs, []);
    } finally {
      await vscode.workspace.fs.delete(file);
    }
  });

  test('a learning rate of 1e6 diverges both runs: yours is marked diverged with the cause the reference gives', async () => {
    const file = vscode.Uri.joinPath(folder(), 'my-diverging-gd.py');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(correct));
    try {
      const outcome = (await vscode.commands.executeCommand('optimizationLab.trainWithMyFunctions', {
        uri: file.toString(),
        optimizer: 'gd',
        dataset: 'moons',
        overrides: { epochs: 300, learningRate: 1e6 },
        background: true,
      })) as TrainingOutcome;
      const [yours, reference] = outcome.runs;
      assert.equal(yours!.status, 'diverged', yours!.error);
      assert.equal(reference!.status, 'diverged');
      assert.equal(yours!.diverged?.epoch, reference!.diverged?.epoch);
      assert.equal(yours!.diverged?.cause, reference!.diverged?.cause);
      assert.match(yours!.diverged?.cause ?? '', /learning rate/);
    } finally {
      await vscode.workspace.fs.delete(file);
    }
  });

  test("a mistake the checker knows is named beside the departure, in the run's notes", async () => {
    const file = vscode.Uri.joinPath(folder(), 'my-momentum.py');
    const forgetful =
      `${correct}\n\ndef update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):\n    L = len(parameters) // 2\n` +
      '    for l in range(1, L + 1):\n        for p in ("W", "b"):\n' +
      '            v["d" + p + str(l)] = beta * v["d" + p + str(l)] + grads["d" + p + str(l)]\n' +
      '            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v["d" + p + str(l)]\n    return parameters, v\n';
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(forgetful));
    try {
      const outcome = (await vscode.commands.executeCommand('optimizationLab.trainWithMyFunctions', {
        uri: file.toString(),
        optimizer: 'momentum',
        dataset: 'moons',
        overrides: { epochs: 50 },
        background: true,
      })) as TrainingOutcome;
      const yours = outcome.runs[0]!;
      assert.equal(yours.departure?.function, 'update_parameters_with_momentum');
      assert.equal(yours.departure?.mistake, 'momentum-missing-one-minus-beta');
      assert.match(yours.warning ?? '', /^your run leaves the reference at epoch 0, mini-batch 0: v\["dW1"\]\[0\]\[0\] expected .* \(momentum without \(1 - beta\)\)$/);
      assert.match(yours.departure?.hint ?? '', /^The checker names it: momentum without \(1 - beta\)\. /);
    } finally {
      await vscode.workspace.fs.delete(file);
    }
  });
});
