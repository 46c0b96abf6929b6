/**
 * Inline checks of the learner's optimizer functions: the language client, the Python and trust
 * state it sends to the server, the commands behind the CodeLenses, the status bar item and the
 * Test Explorer controller.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CheckStateNotification,
  ClientCommands,
  ConfigurationNotification,
  PythonUnavailableNotification,
  RunChecksRequest,
  type ChecksConfiguration,
  type PythonProblem,
  type RunChecksParams,
  type RunChecksResult,
} from '../../shared/protocol';
import { CheckStatusBar } from './checkStatusBar';
import { affects, readCheckSettings, SETTINGS_SECTION } from '../settings';
import { ChecksTestController } from './checksTestController';
import { createLanguageClient } from './languageClient';
import { PythonInterpreter } from './pythonInterpreter';

const SELECT_INTERPRETER = 'Select Interpreter';
const OPEN_SETTING = 'Open Setting';

/**
 * Registers the commands at once and starts the language server in the background: resolving the
 * interpreter may wait seconds for the Python extension, and activation (training, a restored
 * panel) must not wait with it.
 */
export function registerChecks(context: vscode.ExtensionContext): void {
  const interpreter = new PythonInterpreter();
  const statusBar = new CheckStatusBar();
  context.subscriptions.push(interpreter, statusBar);
  const started = startChecks(context, interpreter, statusBar).catch((error: unknown) => {
    void vscode.window.showErrorMessage(`Optimization Lab could not start the notebook tests: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  context.subscriptions.push(
    vscode.commands.registerCommand(ClientCommands.runNotebookTests, async (params?: RunChecksParams) => {
      const client = await started;
      if (!client) {
        void vscode.window.showErrorMessage('The Optimization Lab language server did not start: see the "Optimization Lab Checks" output for why.');
        return undefined;
      }
      return runNotebookTests(client, params);
    }),
    vscode.commands.registerCommand(ClientCommands.selectPython, selectPython),
  );
}

/** The client once it runs, with its listeners and the Test Explorer; undefined when the server did not start. */
async function startChecks(
  context: vscode.ExtensionContext,
  interpreter: PythonInterpreter,
  statusBar: CheckStatusBar,
): Promise<LanguageClient | undefined> {
  // activate() does not wait for this: if the extension is deactivated meanwhile, context.subscriptions has
  // already been disposed, so nothing may be started or registered after an await once that happened.
  let deactivated = false;
  context.subscriptions.push({ dispose: () => (deactivated = true) });
  const configuration = await currentConfiguration(interpreter);
  if (deactivated) return undefined;
  const client = createLanguageClient(context, configuration);
  context.subscriptions.push(client);

  // Called from event listeners that cannot await it: a failure (the server stopping) is logged, never left unhandled.
  const sendConfiguration = async (): Promise<void> => {
    try {
      const configuration = await currentConfiguration(interpreter);
      if (client.isRunning()) await client.sendNotification(ConfigurationNotification, configuration);
    } catch (error) {
      client.warn('Could not send the settings to the Optimization Lab language server', error);
    }
  };
  const shownProblems = new Set<string>();

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affects(event, 'pythonPath') || affects(event, 'check')) void sendConfiguration();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void sendConfiguration()),
    interpreter.onDidChange(() => void sendConfiguration()),
    client.onNotification(CheckStateNotification, (state) => statusBar.update(state)),
    client.onNotification(PythonUnavailableNotification, (problem) => {
      const key = `${problem.reason}\u0000${problem.pythonPath}`;
      if (shownProblems.has(key)) return;
      shownProblems.add(key);
      void showPythonProblem(problem);
    }),
  );

  try {
    await client.start();
  } catch (error) {
    // Training and visualization must keep working when the checks cannot start.
    client.error('The Optimization Lab language server did not start', error, 'force');
    return undefined;
  }
  if (deactivated) return undefined; // the client itself was disposed with the subscriptions
  context.subscriptions.push(new ChecksTestController(client));
  return client;
}

async function currentConfiguration(interpreter: PythonInterpreter): Promise<ChecksConfiguration> {
  const settings = readCheckSettings();
  const python = await interpreter.resolve(settings.pythonPath);
  return {
    pythonPath: python.path,
    pythonSource: python.source,
    trusted: vscode.workspace.isTrusted,
    runOn: settings.runOn,
    timeoutSeconds: settings.timeoutSeconds,
    memoryLimitMb: settings.memoryLimitMb,
  };
}

/** The CodeLens click (with the function) or the command palette (the active file or notebook). */
async function runNotebookTests(client: LanguageClient, params?: RunChecksParams): Promise<RunChecksResult | undefined> {
  const target = params ?? activeDocumentParams();
  if (!target) {
    void vscode.window.showInformationMessage('Open a Python file or notebook with the notebook\'s optimizer functions to run its tests.');
    return undefined;
  }
  const result = await client.sendRequest(RunChecksRequest, target);
  if (result.kind === 'untrusted') {
    // Not awaited: the trust editor stays open until the learner decides.
    void vscode.commands.executeCommand(ClientCommands.manageTrust);
  } else if (result.kind === 'checked' && result.functions.length === 0) {
    void vscode.window.showInformationMessage('No graded function (update_parameters_with_adam, …) was found in this file.');
  }
  return result;
}

function activeDocumentParams(): RunChecksParams | undefined {
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  if (notebook) return { uri: notebook.uri.toString() };
  const document = vscode.window.activeTextEditor?.document;
  return document?.languageId === 'python' ? { uri: document.uri.toString() } : undefined;
}

/** The Python extension's interpreter picker when it is installed, else a file dialog that sets our setting. */
async function selectPython(): Promise<void> {
  if (PythonInterpreter.hasPythonExtension()) {
    await vscode.commands.executeCommand('python.setInterpreter');
    return;
  }
  const picked = await vscode.window.showOpenDialog({
    title: 'Python interpreter (with numpy) for the notebook tests',
    openLabel: 'Use this Python',
    canSelectMany: false,
    canSelectFolders: false,
  });
  const file = picked?.[0];
  if (!file) return;
  const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('pythonPath', file.fsPath, target);
}

async function openPythonSetting(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openSettings', `${SETTINGS_SECTION}.pythonPath`);
}

async function showPythonProblem(problem: PythonProblem): Promise<void> {
  const choice = await vscode.window.showWarningMessage(
    `Optimization Lab cannot run the notebook tests. ${problem.message}`,
    SELECT_INTERPRETER,
    OPEN_SETTING,
  );
  if (choice === SELECT_INTERPRETER) await selectPython();
  else if (choice === OPEN_SETTING) await openPythonSetting();
}
