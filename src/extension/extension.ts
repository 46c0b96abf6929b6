import * as vscode from 'vscode';
import { registerTraining } from './training/registerTraining';
import { registerChecks } from './checks/registerChecks';

/** Each feature registers its own commands and views; every disposable goes to context.subscriptions. */
export function activate(context: vscode.ExtensionContext): void {
  registerTraining(context);
  registerChecks(context);
}

export function deactivate(): void {
  // Disposables in context.subscriptions are released by VS Code; the language client stops there too.
}
