// The training feature: commands in one table, the visualization panel (with its serializer),
// the side-panel runs view, the run store and the training worker.
import { availableParallelism } from 'node:os';
import * as vscode from 'vscode';
import { isOptimizerId, OPTIMIZER_IDS, OPTIMIZERS, trainCommandId, type OptimizerId } from '../../core/optimizers/registry';
import { readTrainingSettings, SETTINGS_SECTION } from '../settings';
import { createMoonsDataset, type CreateMoonsArgs } from './createMoonsDataset';
import { RunStore } from './runStore';
import { openRun, saveRun, type OpenRunArgs, type SaveRunArgs } from './runFileCommands';
import { RUNS_VIEW_ID, RunsViewProvider } from './runsView';
import { isWebviewToExtension } from '../../shared/webviewMessages';
import { PythonInterpreter } from '../checks/pythonInterpreter';
import { Lab } from './lab';
import { trainWithMyFunctions, type MyFunctionsCommandArgs } from './myFunctions';
import { TrainingController, type TrainCommandArgs } from './trainingController';
import { TrainingWorker } from './trainingWorker';
import { toUri, type UriArgument } from './uriArgument';
import { VISUALIZATION_VIEW_TYPE, VisualizationPanels } from './visualizationPanel';

export function registerTraining(context: vscode.ExtensionContext): void {
  const { extensionUri } = context;
  const store = new RunStore(context.workspaceState);
  const workerFile = vscode.Uri.joinPath(extensionUri, 'dist', 'trainWorker.js').fsPath;
  const worker = new TrainingWorker(workerFile);
  // A second worker thread trains every other run of a comparison on the second core (started on the first
  // comparison, stopped when idle like the first); none where there is one core.
  const compareWorker = availableParallelism() > 1 ? new TrainingWorker(workerFile) : undefined;
  // The panel answers the lab and the lab opens the panel (for a config file): `show` is called only later.
  const show = (): void => panels.show();
  const controller = new TrainingController(store, worker, show, compareWorker);
  const interpreter = new PythonInterpreter();
  const lab = new Lab(controller, show, (args) => trainWithMyFunctions(controller, interpreter, args));
  const panels = new VisualizationPanels(extensionUri, store, lab);
  const runsView = new RunsViewProvider(extensionUri, store, lab);

  const commands: Record<string, (...args: never[]) => unknown> = {
    // "Train with <title>" for every optimizer of the registry (package.json contributes the same; a test ties them).
    ...Object.fromEntries(OPTIMIZERS.map((o) => [trainCommandId(o.id), (args?: TrainCommandArgs) => controller.train([o.id], args)])),
    'optimizationLab.trainWithMyFunctions': (args?: MyFunctionsCommandArgs) => trainWithMyFunctions(controller, interpreter, args),
    'optimizationLab.compareOptimizers': (args?: CompareCommandArgs) => {
      const optimizers: unknown = args?.optimizers ?? readTrainingSettings().compareOptimizers;
      if (!Array.isArray(optimizers) || optimizers.length === 0 || !optimizers.every(isOptimizerId)) {
        const error = `Compare Optimizers: "optimizers" must list ids among ${OPTIMIZER_IDS.join(', ')}, got ${JSON.stringify(optimizers)}`;
        void vscode.window.showErrorMessage(error);
        return { runs: [], error };
      }
      return controller.train(optimizers, args);
    },
    'optimizationLab.chooseOptimizersToCompare': async (args?: TrainCommandArgs) => {
      const chosen = await chooseOptimizers(readTrainingSettings().compareOptimizers);
      return chosen === undefined ? { runs: [], cancelled: true } : controller.train(chosen, args);
    },
    'optimizationLab.stopTraining': () => {
      const stopped = controller.stopAll();
      vscode.window.setStatusBarMessage(stopped > 0 ? 'Optimization Lab: training stopped' : 'Optimization Lab: no training is running', 5000);
      return stopped;
    },
    'optimizationLab.createMoonsDataset': (args?: CreateMoonsArgs) => createMoonsDataset(args),
    'optimizationLab.openVisualization': () => panels.show(false),
    'optimizationLab.exportPlots': (args?: { uri?: UriArgument }) => panels.exportPlots(args?.uri === undefined ? undefined : toUri(args.uri)),
    // From the explorer's context menu (a Uri), the palette (nothing: pick one) or a test ({ uri }).
    'optimizationLab.runConfigFile': (arg?: vscode.Uri | { uri?: UriArgument }) =>
      lab.runConfigFile(arg instanceof vscode.Uri ? arg : arg?.uri === undefined ? undefined : toUri(arg.uri)),
    'optimizationLab.saveRun': (args?: SaveRunArgs) => saveRun(store, args),
    'optimizationLab.openRun': (args?: OpenRunArgs) => openRun(store, args, show),
    'optimizationLab.clearRuns': () => store.clear(),
    // Not contributed (no palette entry): lets the integration tests wait until the panel has drawn.
    'optimizationLab.internal.visualizationStatus': () => panels.status(),
    // Lets the integration tests send what the panel's controls send (they cannot click inside a webview).
    'optimizationLab.internal.lab': (message: unknown) => (isWebviewToExtension(message) && (message.type === 'lab' || message.type === 'labReset') ? lab.handle(message) : undefined),
    'optimizationLab.internal.runsViewStatus': () => runsView.status(),
    'optimizationLab.internal.runs': () => store.list().map((r) => ({ id: r.id, label: r.label, status: r.status })),
  };
  for (const [id, handler] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }
  context.subscriptions.push(
    store,
    controller,
    lab,
    interpreter,
    panels,
    runsView,
    worker,
    ...(compareWorker ? [compareWorker] : []),
    vscode.window.registerWebviewPanelSerializer(VISUALIZATION_VIEW_TYPE, panels.serializer()),
    vscode.window.registerWebviewViewProvider(RUNS_VIEW_ID, runsView),
  );
}

/** Compare Optimizers' arguments: which optimizers (default: the compareOptimizers setting). */
interface CompareCommandArgs extends TrainCommandArgs {
  optimizers?: OptimizerId[];
}

/**
 * A multi-select of every optimizer, the current compareOptimizers picked; the choice becomes the
 * setting (workspace if one is open), so the next Compare Optimizers trains the same set.
 */
async function chooseOptimizers(current: readonly OptimizerId[]): Promise<OptimizerId[] | undefined> {
  const items = OPTIMIZERS.map((o) => ({ label: o.title, description: o.id, detail: o.description, picked: current.includes(o.id), id: o.id }));
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Optimizers to compare', placeHolder: 'Pick two or more' });
  if (picked === undefined || picked.length === 0) return undefined;
  const ids = picked.map((p) => p.id);
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('compareOptimizers', ids, target);
  return ids;
}
