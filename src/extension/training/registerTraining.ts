// The training feature: commands in one table, the visualization panel (with its serializer),
// the side-panel runs view, the run store and the training worker.
import * as vscode from 'vscode';
import type { OptimizerId } from '../../shared/webviewMessages';
import { createMoonsDataset, type CreateMoonsArgs } from './createMoonsDataset';
import { RunStore } from './runStore';
import { openRun, saveRun, type OpenRunArgs, type SaveRunArgs } from './runFileCommands';
import { RUNS_VIEW_ID, RunsViewProvider } from './runsView';
import { TrainingController, type TrainCommandArgs } from './trainingController';
import { TrainingWorker } from './trainingWorker';
import { toUri, type UriArgument } from './uriArgument';
import { VISUALIZATION_VIEW_TYPE, VisualizationPanels } from './visualizationPanel';

export function registerTraining(context: vscode.ExtensionContext): void {
  const { extensionUri } = context;
  const store = new RunStore(context.workspaceState);
  const worker = new TrainingWorker(vscode.Uri.joinPath(extensionUri, 'dist', 'trainWorker.js').fsPath);
  const panels = new VisualizationPanels(extensionUri, store);
  const controller = new TrainingController(store, worker, () => panels.show());
  const runsView = new RunsViewProvider(extensionUri, store);

  const train = (optimizer: OptimizerId) => (args?: TrainCommandArgs) => controller.train([optimizer], args);
  const commands: Record<string, (...args: never[]) => unknown> = {
    'optimizationLab.trainGd': train('gd'),
    'optimizationLab.trainMomentum': train('momentum'),
    'optimizationLab.trainAdam': train('adam'),
    'optimizationLab.compareOptimizers': (args?: TrainCommandArgs) => controller.train(['gd', 'momentum', 'adam'], args),
    'optimizationLab.stopTraining': () => {
      const stopped = controller.stopAll();
      vscode.window.setStatusBarMessage(stopped > 0 ? 'Optimization Lab: training stopped' : 'Optimization Lab: no training is running', 5000);
      return stopped;
    },
    'optimizationLab.createMoonsDataset': (args?: CreateMoonsArgs) => createMoonsDataset(args),
    'optimizationLab.openVisualization': () => panels.show(false),
    'optimizationLab.exportPlots': (args?: { uri?: UriArgument }) => panels.exportPlots(args?.uri === undefined ? undefined : toUri(args.uri)),
    'optimizationLab.saveRun': (args?: SaveRunArgs) => saveRun(store, args),
    'optimizationLab.openRun': (args?: OpenRunArgs) => openRun(store, args, () => panels.show()),
    'optimizationLab.clearRuns': () => store.clear(),
    // Not contributed (no palette entry): lets the integration tests wait until the panel has drawn.
    'optimizationLab.internal.visualizationStatus': () => panels.status(),
    'optimizationLab.internal.runsViewStatus': () => runsView.status(),
  };
  for (const [id, handler] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }
  context.subscriptions.push(
    store,
    controller,
    panels,
    runsView,
    worker,
    vscode.window.registerWebviewPanelSerializer(VISUALIZATION_VIEW_TYPE, panels.serializer()),
    vscode.window.registerWebviewViewProvider(RUNS_VIEW_ID, runsView),
  );
}
