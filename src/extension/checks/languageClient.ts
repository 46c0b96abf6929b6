/** Starts the Optimization Lab language server (dist/server.js) over IPC for Python files and notebook cells. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { ChecksConfiguration } from '../../shared/protocol';

const LANGUAGE_CLIENT_ID = 'optimizationLab';

export function createLanguageClient(context: vscode.ExtensionContext, initialConfiguration: ChecksConfiguration): LanguageClient {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
      // Cells arrive through notebook document sync (declared by the server), so a notebook's cells are seen together.
      { notebook: { notebookType: 'jupyter-notebook' }, language: 'python' },
    ],
    initializationOptions: initialConfiguration,
    outputChannelName: 'Optimization Lab Checks',
  };
  return new LanguageClient(LANGUAGE_CLIENT_ID, 'Optimization Lab Checks', serverOptions, clientOptions);
}
