// The training feature in a real VS Code, on the fixture workspace (test/fixtures/workspace/data holds the
// notebook's moons written by numpy, and a malformed CSV). The commands return what the tests check.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TrainingOutcome } from '../../../src/extension/training/trainingController';
import type { VisualizationStatus } from '../../../src/extension/training/visualizationPanel';
import { readDataset } from '../../../src/core/data/readDataset';
import { makeMoons } from '../../../src/core/data/moons';
import { OPTIMIZERS, trainCommandId } from '../../../src/core/optimizers/registry';
import { defaultTrainConfig } from '../../../src/core/trainer/trainConfig';
import { train } from '../../../src/core/trainer/trainer';
import { extensionUnderTest } from '../extensionUnderTest';
import { requestScreenshot } from '../screenshot';

async function run<T>(command: string, args?: unknown): Promise<T> {
  return (await vscode.commands.executeCommand(command, ...(args === undefined ? [] : [args]))) as T;
}

/** Polls until `condition` holds (never a fixed sleep); fails with what it waited for. */
async function waitFor<T>(what: string, timeoutMs: number, probe: () => PromiseLike<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const workspaceUri = (path: string): vscode.Uri => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, path);

suite('Training: commands, worker and visualization', function () {
  this.timeout(180_000);

  suiteSetup(async () => {
    await extensionUnderTest().activate();
    await run('optimizationLab.clearRuns');
  });

  test('every optimizer of the registry has its train command; Compare trains the optimizers it is given', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const o of OPTIMIZERS) assert.ok(registered.has(trainCommandId(o.id)), `${trainCommandId(o.id)} is not registered`);
    assert.ok(registered.has('optimizationLab.chooseOptimizersToCompare'));
    const rmsprop = await run<TrainingOutcome>(trainCommandId('rmsprop'), { dataset: 'moons', overrides: { epochs: 300 }, background: true });
    assert.equal(rmsprop.error, undefined);
    assert.deepEqual(rmsprop.runs.map((r) => [r.optimizer, r.status, r.epochsRun]), [['rmsprop', 'finished', 300]]);
    const compared = await run<TrainingOutcome>('optimizationLab.compareOptimizers', {
      dataset: 'moons',
      optimizers: ['nesterov', 'adamw', 'amsgrad'],
      overrides: { epochs: 200 },
      background: true,
    });
    assert.deepEqual(compared.runs.map((r) => [r.optimizer, r.status]), [['nesterov', 'finished'], ['adamw', 'finished'], ['amsgrad', 'finished']]);
    // The same numbers as the core's trainer on the same config (the worker runs the registry's update).
    const { X, Y } = makeMoons(300, 0.2, 3);
    const core = train(X, Y, { ...defaultTrainConfig('adamw'), numEpochs: 200 });
    assert.deepEqual(compared.runs[1]!.costs, core.costs);
  });

  test('learning-rate decay and a schedule expression together are refused before training, naming both settings', async () => {
    const outcome = await run<TrainingOutcome>(trainCommandId('gd'), {
      dataset: 'moons',
      overrides: { learningRateDecay: 'update_lr', learningRateSchedule: 'lr0 / 2' },
      background: true,
    });
    assert.match(outcome.error ?? '', /learningRateSchedule and learningRateDecay \(update_lr\) both change the learning rate/);
    assert.deepEqual(outcome.runs, []);
  });

  test('Compare Optimizers on the notebook moons gives 79.7 % / 79.7 % / 94 %, as the notebook', async () => {
    const outcome = await run<TrainingOutcome>('optimizationLab.compareOptimizers', { dataset: 'data/moons.csv' });
    assert.equal(outcome.error, undefined);
    assert.deepEqual(
      outcome.runs.map((r) => [r.optimizer, r.status, r.accuracyText]),
      [
        ['gd', 'finished', '79.7%'],
        ['momentum', 'finished', '79.7%'],
        ['adam', 'finished', '94.0%'],
      ],
    );
    // The editor's worker trains with WebAssembly (VS Code's extension host refuses code generation; its worker must not).
    assert.deepEqual(outcome.runs.map((r) => r.kernel), ['wasm', 'wasm', 'wasm']);
    const gd = outcome.runs[0]!;
    // "Cost after epoch 0: 0.690736", the first line the notebook prints for gradient descent.
    assert.ok(Math.abs(gd.printedCosts[0]! - 0.690736) < 5e-7, `first printed cost ${gd.printedCosts[0]}`);
    assert.equal(gd.costs.length, 100, 'a cost every 100 epochs');
    assert.equal(gd.epochsRun, 10_000);

    const status = await waitFor<VisualizationStatus>('the panel to draw three finished runs and their boundaries', 30_000, async () => {
      const s = await run<VisualizationStatus | undefined>('optimizationLab.internal.visualizationStatus');
      return s && s.finished >= 3 && s.boundaries >= 3 ? s : undefined;
    });
    assert.ok(status.boundaries >= 3);
    await requestScreenshot('training-compare-optimizers');
  });

  test('Export Plots writes one PNG with the chart, the boundaries and the table', async () => {
    // Kept beside the screenshots (this file runs from out/test/integration/suite/).
    const folder = join(__dirname, '..', '..', '..', '..', 'test-output', 'screenshots');
    mkdirSync(folder, { recursive: true });
    const target = vscode.Uri.file(join(folder, 'training-exported-plots.png'));
    await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    {
      await run('optimizationLab.exportPlots', { uri: target.toString() });
      const bytes = await waitFor('the exported PNG', 30_000, () =>
        vscode.workspace.fs.readFile(target).then(
          (b) => b,
          () => undefined,
        ),
      );
      assert.deepEqual(Array.from(bytes.subarray(0, 8)), [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      const [width, height] = [view.getUint32(16), view.getUint32(20)];
      assert.ok(width >= 700 && height >= 500, `image ${width} x ${height}`);
    }
  });

  test('the side panel lists the runs in its own activity-bar container', async () => {
    await run('optimizationLab.runs.focus');
    const status = await waitFor<VisualizationStatus>('the runs view to list the three runs', 30_000, async () => {
      const s = await run<VisualizationStatus | undefined>('optimizationLab.internal.runsViewStatus');
      return s && s.finished >= 3 ? s : undefined;
    });
    assert.ok(status.runs >= 3);
    await requestScreenshot('training-runs-view');
    await run('workbench.view.explorer');
  });

  test('a malformed data set is reported with its file and line, and nothing crashes', async () => {
    const outcome = await run<TrainingOutcome>('optimizationLab.trainAdam', { dataset: 'data/ragged.csv', background: true });
    assert.equal(outcome.error, 'data/ragged.csv:4: expected 3 values, found 2');
    assert.deepEqual(outcome.runs, []);
    await requestScreenshot('training-malformed-dataset');
    // The extension still trains afterwards.
    const next = await run<TrainingOutcome>('optimizationLab.trainGd', {
      dataset: 'data/small-moons.json',
      overrides: { epochs: 300 },
      background: true,
    });
    assert.equal(next.runs[0]?.status, 'finished');
    assert.equal(next.runs[0]?.epochsRun, 300);
  });

  test('a missing data set file and an invalid schedule are reported before training', async () => {
    const missing = await run<TrainingOutcome>('optimizationLab.trainAdam', { dataset: 'data/nope.csv', background: true });
    assert.match(missing.error ?? '', /^data\/nope\.csv: file not found/);
    const schedule = await run<TrainingOutcome>('optimizationLab.trainAdam', {
      dataset: 'moons',
      overrides: { learningRateSchedule: 'lr0 / (1 + ' },
      background: true,
    });
    assert.match(schedule.error ?? '', /Unexpected end of expression \(at character 12/);
    assert.deepEqual(schedule.runs, []);
  });

  test('a learning-rate schedule is applied in the worker', async () => {
    const outcome = await run<TrainingOutcome>('optimizationLab.trainAdam', {
      dataset: 'moons',
      overrides: { epochs: 2000, learningRateSchedule: 'decay_rate = 1; lr0 / (1 + decay_rate * floor(epoch / 1000))' },
      background: true,
    });
    assert.equal(outcome.runs[0]?.status, 'finished', outcome.error ?? outcome.runs[0]?.error);
  });

  test('Stop Training stops a long run', async () => {
    const epochs = 5_000_000;
    const training = run<TrainingOutcome>('optimizationLab.trainAdam', { dataset: 'moons', overrides: { epochs }, background: true });
    // Stop as soon as the run is in the worker (stopTraining returns how many runs it stopped).
    await waitFor('a running run to stop', 30_000, async () => ((await run<number>('optimizationLab.stopTraining')) > 0 ? true : undefined));
    const outcome = await training;
    const adam = outcome.runs[0]!;
    assert.equal(adam.status, 'stopped');
    assert.ok((adam.epochsRun ?? epochs) < epochs, `stopped after ${adam.epochsRun} epochs`);
  });

  test('a run saved as JSON opens again with its results', async () => {
    const outcome = await run<TrainingOutcome>('optimizationLab.trainMomentum', { dataset: 'moons', overrides: { epochs: 500 }, background: true });
    const saved = workspaceUri('saved-momentum.run.json');
    try {
      await run('optimizationLab.saveRun', { runId: outcome.runs[0]!.runId, uri: saved.toString() });
      const file = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(saved))) as {
        format: string;
        costs: number[];
        parameters: Record<string, number[][]>;
        summary: { accuracy: number };
      };
      assert.equal(file.format, 'optimization-lab-run');
      assert.deepEqual(file.costs, outcome.runs[0]!.costs);
      assert.deepEqual(Object.keys(file.parameters).sort(), ['W1', 'W2', 'W3', 'b1', 'b2', 'b3']);
      assert.equal(file.summary.accuracy, outcome.runs[0]!.accuracy);
      const reopened = await run<string | undefined>('optimizationLab.openRun', { uri: saved.toString() });
      assert.ok(reopened, 'openRun returns the new run id');
    } finally {
      await vscode.workspace.fs.delete(saved).then(undefined, () => undefined);
    }
  });

  test('Create Moons Data Set writes a CSV the readers accept', async () => {
    const uri = await run<vscode.Uri>('optimizationLab.createMoonsDataset', { quiet: true, samples: 50, noise: 0.1, seed: 7, fileName: 'created-moons.csv' });
    try {
      const ds = readDataset(await vscode.workspace.fs.readFile(uri), 'created-moons.csv');
      assert.deepEqual([ds.X.rows, ds.X.cols], [2, 50]);
    } finally {
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });
});
