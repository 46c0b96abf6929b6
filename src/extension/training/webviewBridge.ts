// Connects one webview to the run store: waits for the webview's `ready`, posts the full state,
// then forwards every change; validates what the webview sends before acting on it, and answers
// the messages both webviews send (commands, remove, errors, what was drawn).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isWebviewToExtension, type ExtensionToWebview, type WebviewToExtension } from '../../shared/webviewMessages';
import type { Lab } from './lab';
import type { RunStore } from './runStore';

/** What a webview last reported drawing (for the integration tests, which cannot look inside it). */
export interface VisualizationStatus {
  runs: number;
  finished: number;
  boundaries: number;
}

/** The one message only the visualization panel handles itself. */
export type ExportPngMessage = Extract<WebviewToExtension, { type: 'exportPng' }>;

export class WebviewBridge implements vscode.Disposable {
  private ready = false;
  /** Asked for before the webview's `ready` (an Export Plots that opened the panel): its listener did not exist yet. */
  private readonly waiting: ExtensionToWebview[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  /** Undefined until the webview has drawn. */
  rendered: VisualizationStatus | undefined;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly store: RunStore,
    /** How error messages name the webview: "visualization", "Runs view". */
    private readonly viewName: string,
    private readonly onExportPng: (message: ExportPngMessage) => Promise<void> = async () => {},
    /** Answers the lab's controls (both webviews have some). */
    private readonly lab?: Lab,
  ) {
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => {
        if (!isWebviewToExtension(raw)) return;
        if (raw.type === 'ready') {
          // Also after the webview reloads its document (the panel was moved or hidden with retainContext off).
          this.ready = true;
          void this.post(store.state());
          for (const message of this.waiting.splice(0)) void this.post(message);
          void this.lab?.greeting().then((messages) => messages.forEach((m) => void this.post(m)));
          return;
        }
        this.handle(raw).catch((e: unknown) => {
          void vscode.window.showErrorMessage(`Optimization Lab: ${e instanceof Error ? e.message : String(e)}`);
        });
      }),
      store.onDidChange((message) => {
        if (this.ready) void this.post(message);
      }),
      ...(lab
        ? [
            lab.onDidPost((message) => {
              if (this.ready) void this.post(message);
            }),
          ]
        : []),
    );
  }

  private async handle(message: Exclude<WebviewToExtension, { type: 'ready' }>): Promise<void> {
    switch (message.type) {
      case 'command':
        await vscode.commands.executeCommand(message.command, ...(message.runId ? [{ runId: message.runId }] : []));
        return;
      case 'removeRun':
        this.store.remove([message.runId]);
        return;
      case 'lab':
      case 'labReset':
        await this.lab?.handle(message);
        return;
      case 'exportPng':
        await this.onExportPng(message);
        return;
      case 'webviewError':
        void vscode.window.showErrorMessage(`Optimization Lab ${this.viewName}: ${message.message}`);
        return;
      case 'rendered':
        this.rendered = { runs: message.runs, finished: message.finished, boundaries: message.boundaries };
        return;
    }
  }

  /** Posts now, or right after the state once the webview has said `ready`. */
  postWhenReady(message: ExtensionToWebview): void {
    if (this.ready) void this.post(message);
    else this.waiting.push(message);
  }

  private post(message: ExtensionToWebview): Thenable<boolean> {
    return this.webview.postMessage(message);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

/** The HTML shell of a webview: a strict CSP with a nonce, the bundled script, the shared stylesheet. */
export function webviewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  page: { title: string; script: string; styles: string[]; body: string },
): string {
  const nonce = makeNonce();
  const asset = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${page.styles.map((s) => `<link rel="stylesheet" href="${asset('media', s)}">`).join('\n')}
<title>${page.title}</title>
</head>
<body>
${page.body}
<script nonce="${nonce}" src="${asset('dist', 'webview', page.script)}"></script>
</body>
</html>`;
}

/** A CSP nonce must be unguessable, which Math.random is not; base64 is the alphabet CSP defines for it. */
function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Webview options shared by the panel and the view: scripts on, files only from dist/ and media/. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}
