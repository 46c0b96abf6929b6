/** The status bar item with the checks' state; a click opens the Test Explorer. */
import * as vscode from 'vscode';
import type { CheckState } from '../../shared/protocol';

export class CheckStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('optimizationLab.checks', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'Optimization Lab notebook tests';
    this.item.command = 'workbench.view.testing.focus';
  }

  update(state: CheckState): void {
    const view = statusBarView(state);
    if (!view) {
      this.item.hide();
      return;
    }
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

export interface StatusBarView {
  text: string;
  tooltip: string;
  warning: boolean;
}

/** What the item shows for a state; undefined hides it (no graded function open). */
export function statusBarView(state: CheckState): StatusBarView | undefined {
  if (state.problem === 'untrusted') {
    return { text: '$(workspace-untrusted) Notebook tests off', tooltip: 'Trust this workspace to run the notebook tests on your functions', warning: false };
  }
  if (state.problem === 'python-unavailable') {
    return { text: '$(warning) Notebook tests: no Python', tooltip: 'Python with numpy was not found: select an interpreter or set optimizationLab.pythonPath', warning: true };
  }
  if (state.running > 0) {
    return { text: `$(sync~spin) Checking ${state.running}…`, tooltip: 'Running the notebook tests on your functions', warning: false };
  }
  if (state.failed > 0) {
    return { text: `$(error) ${state.failed} failed, ${state.passed} passed`, tooltip: 'Notebook tests: open the Test Explorer', warning: false };
  }
  if (state.passed > 0) {
    return { text: `$(pass) ${state.passed} passed`, tooltip: 'Notebook tests: open the Test Explorer', warning: false };
  }
  return undefined;
}
