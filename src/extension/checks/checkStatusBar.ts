/** The status bar item with the checks' state; a click opens the Test Explorer. */
import * as vscode from 'vscode';
import type { CheckState } from '../../shared/protocol';
import { statusBarView } from './checkStatusView';

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
