// "Train with My Functions": which file (the active editor, a notebook, or an argument), which of the
// notebook's optimizers (the ones whose update the file defines), which Python; the controller trains.
import * as vscode from 'vscode';
import { notebookToSource } from '../../checker/notebookSource';
import { definedUpdates, isLearnerOptimizer, missingFunctionsMessage, UPDATE_FUNCTIONS, type LearnerOptimizer } from '../../checker/training/learnerFunctions';
import { PythonInterpreter } from '../checks/pythonInterpreter';
import { readCheckSettings, SETTINGS_SECTION } from '../settings';
import { UNTRUSTED_MY_FUNCTIONS, type MyFunctionsArgs, type TrainCommandArgs, type TrainingController, type TrainingOutcome } from './trainingController';
import { EXCLUDE } from './datasetSource';
import { toUri, type UriArgument } from './uriArgument';


export interface MyFunctionsCommandArgs extends TrainCommandArgs {
  /** The learner's .py or .ipynb (default: the active editor or notebook). */
  uri?: UriArgument;
  optimizer?: LearnerOptimizer;
}

/** The workspace's Python files and notebooks (workspace-relative), whose functions the lab's Train can use. */
export async function learnerFiles(): Promise<string[]> {
  return (await vscode.workspace.findFiles('**/*.{py,ipynb}', EXCLUDE, 500)).map((uri) => vscode.workspace.asRelativePath(uri, false)).sort();
}

/** The learner's Python source: the file's text, or a notebook's code cells joined (as the checks read them). */
async function learnerSource(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (uri.path.endsWith('.ipynb')) {
    const notebook = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === uri.toString());
    if (notebook) return notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code).map((c) => c.document.getText()).join('\n\n');
    return notebookToSource(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))).source;
  }
  return open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

function activeLearnerUri(): vscode.Uri | undefined {
  const notebook = vscode.window.activeNotebookEditor?.notebook.uri;
  if (notebook) return notebook;
  const doc = vscode.window.activeTextEditor?.document;
  return doc?.languageId === 'python' ? doc.uri : undefined;
}

export async function trainWithMyFunctions(controller: TrainingController, interpreter: PythonInterpreter, args: MyFunctionsCommandArgs = {}): Promise<TrainingOutcome> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage(UNTRUSTED_MY_FUNCTIONS);
    return { runs: [], error: UNTRUSTED_MY_FUNCTIONS };
  }
  const uri = args.uri !== undefined ? toUri(args.uri) : activeLearnerUri();
  if (!uri) {
    const error = 'Open the Python file or notebook with your optimizer functions first (Train with My Functions trains with them).';
    void vscode.window.showErrorMessage(error);
    return { runs: [], error };
  }
  // A command argument is input like any other (the panel, the lens and the quick pick only offer these).
  if (args.optimizer !== undefined && !isLearnerOptimizer(args.optimizer)) {
    const error = `Train with My Functions trains the notebook's optimizers with your functions (${Object.keys(UPDATE_FUNCTIONS).join(', ')}), not ${String(args.optimizer)}.`;
    void vscode.window.showErrorMessage(error);
    return { runs: [], error };
  }
  const source = await learnerSource(uri);
  const defined = definedUpdates(source);
  let optimizer = args.optimizer;
  if (optimizer === undefined) {
    if (defined.length === 0) {
      const error = `${vscode.workspace.asRelativePath(uri)} defines none of ${Object.values(UPDATE_FUNCTIONS).join(', ')}.`;
      void vscode.window.showErrorMessage(error);
      return { runs: [], error };
    }
    optimizer =
      defined.length === 1
        ? defined[0]
        : ((await vscode.window.showQuickPick(defined.map((o) => ({ label: UPDATE_FUNCTIONS[o], id: o }))))?.id as LearnerOptimizer | undefined);
    if (optimizer === undefined) return { runs: [], cancelled: true };
  }
  // The trainer runs only the learner's own functions and would stop at the first one missing, after the
  // reference had trained: say every missing one now, before anything runs.
  const error = missingFunctionsMessage(vscode.workspace.asRelativePath(uri), source, optimizer);
  if (error !== undefined) {
    void vscode.window.showErrorMessage(error);
    return { runs: [], error };
  }
  const settings = readCheckSettings(uri);
  const python = await interpreter.resolve(settings.pythonPath, uri);
  const timeLimitSeconds = vscode.workspace.getConfiguration(SETTINGS_SECTION, uri).get<number>('myFunctions.timeLimitSeconds') ?? 600;
  const request: MyFunctionsArgs = {
    source,
    fileName: vscode.workspace.asRelativePath(uri, false),
    uri,
    optimizer,
    pythonPath: python.path,
    timeLimitSeconds: Number.isFinite(timeLimitSeconds) && timeLimitSeconds > 0 ? timeLimitSeconds : 600,
    ...(args.dataset !== undefined ? { dataset: args.dataset } : {}),
    ...(args.overrides ? { overrides: args.overrides } : {}),
    ...(args.controls ? { controls: args.controls } : {}),
    ...(args.background ? { background: true } : {}),
  };
  return controller.trainWithMyFunctions(request);
}
