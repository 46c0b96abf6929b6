import type { ExtensionToWebview, WebviewToExtension } from '../../src/shared/webviewMessages';

interface VsCodeApi {
  postMessage(message: WebviewToExtension): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The webview's one handle on VS Code (acquireVsCodeApi may be called only once per page). */
export const vscode: VsCodeApi = acquireVsCodeApi();

/** Listens for the extension's messages, then says `ready` so that the extension posts its state. */
export function connect(onMessage: (message: ExtensionToWebview) => void): void {
  window.addEventListener('message', (event: MessageEvent<ExtensionToWebview>) => onMessage(event.data));
  window.addEventListener('error', (event) => vscode.postMessage({ type: 'webviewError', message: String(event.message) }));
  vscode.setState({ version: 1 });
  vscode.postMessage({ type: 'ready' });
}
