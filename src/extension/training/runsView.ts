// The side-panel view (its own activity-bar container): the runs with small cost curves, and buttons
// for the train commands. A webview view, because a tree view cannot draw the curves.
import * as vscode from 'vscode';
import type { WebviewToExtension } from '../../shared/webviewMessages';
import type { RunStore } from './runStore';
import type { VisualizationStatus } from './visualizationPanel';
import { WebviewBridge, webviewHtml, webviewOptions } from './webviewBridge';

export const RUNS_VIEW_ID = 'optimizationLab.runs';

export class RunsViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private bridge: WebviewBridge | undefined;
  private rendered: VisualizationStatus | undefined;

  /** What the view last reported drawing (for the integration tests); undefined until it has drawn. */
  status(): VisualizationStatus | undefined {
    return this.bridge ? this.rendered : undefined;
  }

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: RunStore,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = webviewOptions(this.extensionUri);
    this.bridge?.dispose();
    this.bridge = new WebviewBridge(view.webview, this.store, (m) => this.handle(m));
    view.webview.html = webviewHtml(view.webview, this.extensionUri, {
      title: 'Runs',
      script: 'sidebar.js',
      styles: ['webview.css'],
      body: '<main id="app"></main>',
    });
    view.onDidDispose(() => {
      this.bridge?.dispose();
      this.bridge = undefined;
      this.rendered = undefined;
    });
  }

  dispose(): void {
    this.bridge?.dispose();
  }

  private async handle(message: Exclude<WebviewToExtension, { type: 'ready' }>): Promise<void> {
    if (message.type === 'command') {
      await vscode.commands.executeCommand(message.command, ...(message.runId ? [{ runId: message.runId }] : []));
    } else if (message.type === 'removeRun') {
      this.store.remove([message.runId]);
    } else if (message.type === 'rendered') {
      this.rendered = { runs: message.runs, finished: message.finished, boundaries: message.boundaries };
    }
  }
}
