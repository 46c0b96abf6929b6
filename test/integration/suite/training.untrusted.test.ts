// package.json declares limited support for untrusted workspaces: "Training and visualization work everywhere"
// (only the checks run the learner's code). This holds the extension to it in a workspace that is not trusted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TrainingOutcome } from '../../../src/extension/training/trainingController';
import { extensionUnderTest } from '../extensionUnderTest';

suite('Training in an untrusted workspace', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    await extensionUnderTest().activate();
  });

  test('Train with Adam on the built-in moons trains and reports the notebook\'s 94 %', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const outcome = await vscode.commands.executeCommand<TrainingOutcome>('optimizationLab.trainAdam', { dataset: 'moons' });
    assert.equal(outcome.error, undefined);
    assert.deepEqual(
      outcome.runs.map((r) => [r.optimizer, r.status, r.accuracyText, r.epochsRun]),
      [['adam', 'finished', '94.0%', 10_000]],
    );
  });

  test('Train with My Functions runs nothing of the learner in an untrusted workspace, and says why', async () => {
    const runs = (await vscode.commands.executeCommand('optimizationLab.internal.runs')) as unknown[];
    const outcome = await vscode.commands.executeCommand<TrainingOutcome>('optimizationLab.trainWithMyFunctions', {
      uri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'optimizers.py').toString(),
      optimizer: 'adam',
      background: true,
    });
    assert.match(outcome.error ?? '', /runs your code: trust this workspace first/);
    assert.deepEqual(outcome.runs, []);
    assert.equal(((await vscode.commands.executeCommand('optimizationLab.internal.runs')) as unknown[]).length, runs.length, 'no run was started');
  });
});
