// The side-panel view (its own activity-bar container): the runs with small cost curves, and buttons
// for the train commands. A webview view, because a tree view cannot draw the curves.
import * as vscode from 'vscode';
import type { Lab } from './lab';
import type { RunStore } from './runStore';
import { WebviewBridge, webviewHtml, webviewOptions, type VisualizationStatus } from './webviewBridge';

export const RUNS_VIEW_ID = 'optimizationLab.runs';

export class RunsViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private bridge: WebviewBridge | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: RunStore,
    private readonly lab?: Lab,
  ) {}

  /** What the view last reported drawing (for the integration tests); undefined until it has drawn. */
  status(): VisualizationStatus | undefined {
    return this.bridge?.rendered;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = webviewOptions(this.extensionUri);
    this.bridge?.dispose();
    this.bridge = new WebviewBridge(view.webview, this.store, 'Runs view', undefined, this.lab);
    view.webview.html = webviewHtml(view.webview, this.extensionUri, {
      title: 'Runs',
      script: 'sidebar.js',
      styles: ['webview.css'],
      body: '<main id="app"></main>',
    });
    view.onDidDispose(() => {
      this.bridge?.dispose();
      this.bridge = undefined;
    });
  }

  dispose(): void {
    this.bridge?.dispose();
  }
}
