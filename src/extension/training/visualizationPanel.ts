// The "Optimization Lab" visualization panel: cost curves, decision boundaries and the comparison
// table, drawn by webview/visualization/main.ts. One panel at a time; a serializer brings it back
// after a window reload (the runs come from the run store, saved in the workspace state).
import * as vscode from 'vscode';
import type { Lab } from './lab';
import type { RunStore } from './runStore';
import { WebviewBridge, webviewHtml, webviewOptions, type ExportPngMessage, type VisualizationStatus } from './webviewBridge';

// The integration tests import the type from here.
export type { VisualizationStatus } from './webviewBridge';

export const VISUALIZATION_VIEW_TYPE = 'optimizationLab.visualization';

export class VisualizationPanels implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private bridge: WebviewBridge | undefined;
  /** Where the next exported PNG goes without asking (the Export Plots command's argument). */
  private exportTarget: vscode.Uri | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: RunStore,
    private readonly lab?: Lab,
  ) {}

  /** What the panel last reported drawing; undefined while no panel is open or before it has drawn. */
  status(): VisualizationStatus | undefined {
    return this.bridge?.rendered;
  }

  /** Reveals the panel, creating it beside the editor if needed. */
  show(preserveFocus = true): void {
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      VISUALIZATION_VIEW_TYPE,
      'Optimization Lab',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      { ...webviewOptions(this.extensionUri), retainContextWhenHidden: true },
    );
    this.adopt(panel);
  }

  /**
   * Asks the panel to export its plots as one PNG (the webview draws, the extension writes the file):
   * to `target` when given, else where a save dialog says.
   */
  exportPlots(target?: vscode.Uri): void {
    // The webview exports nothing without runs: a target set now would silently catch a later, unrelated export.
    if (this.store.list().length === 0) {
      void vscode.window.showInformationMessage('No runs to export yet: train one first (Compare Optimizers or Train with Adam).');
      return;
    }
    this.exportTarget = target;
    this.show(false);
    this.bridge?.postWhenReady({ type: 'exportPlots' });
  }

  serializer(): vscode.WebviewPanelSerializer {
    return {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => {
        panel.webview.options = webviewOptions(this.extensionUri);
        this.adopt(panel);
      },
    };
  }

  dispose(): void {
    this.bridge?.dispose();
    this.panel?.dispose();
  }

  private adopt(panel: vscode.WebviewPanel): void {
    if (this.panel && this.panel !== panel) this.panel.dispose();
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'optimization-lab.svg');
    this.bridge = new WebviewBridge(panel.webview, this.store, 'visualization', (m) => this.exportPng(m), this.lab);
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, {
      title: 'Optimization Lab',
      script: 'visualization.js',
      styles: ['webview.css'],
      body: '<main id="app" aria-live="polite"><p class="empty">Loading…</p></main>',
    });
    panel.onDidDispose(() => {
      if (this.panel !== panel) return;
      this.bridge?.dispose();
      this.panel = undefined;
      this.bridge = undefined;
    });
  }

  private async exportPng(message: ExportPngMessage): Promise<void> {
    const target = this.exportTarget;
    this.exportTarget = undefined;
    await savePng(message.fileName, message.dataUrl, target);
  }
}

async function savePng(fileName: string, dataUrl: string, given: vscode.Uri | undefined): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const safeName = fileName.replace(/[^\w.-]+/g, '-');
  const target =
    given ??
    (await vscode.window.showSaveDialog({
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, safeName) } : {}),
      filters: { 'PNG image': ['png'] },
      saveLabel: 'Export plots',
    }));
  if (!target) return;
  const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  await vscode.workspace.fs.writeFile(target, bytes);
  if (given) return;
  const open = await vscode.window.showInformationMessage(`Plots saved to ${vscode.workspace.asRelativePath(target)}`, 'Open');
  if (open) await vscode.commands.executeCommand('vscode.open', target);
}
