/**
 * The Optimization Lab language server (bundled to dist/server.js, started by the extension over
 * IPC). It finds the six graded functions (eight in the newer editions) in Python files and notebooks, runs the notebook's tests
 * on them through the checker, and shows the outcome as CodeLenses and diagnostics.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  CodeLensRefreshRequest,
  createConnection,
  NotebookCellKind,
  NotebookDocuments,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type NotebookDocument,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Checker } from '../checker/checker';
import {
  ChecksFinishedNotification,
  CheckStateNotification,
  ConfigurationNotification,
  FunctionsChangedNotification,
  FunctionsRequest,
  PythonUnavailableNotification,
  RunChecksRequest,
} from '../shared/protocol';
import { sourceOfIpynb, sourceOfNotebookCells, sourceOfTextDocument, type CheckSource } from './checkSource';
import { ChecksService, type ChecksHost } from './checksService';
import { parseConfiguration } from './configuration';
import { PythonOutliner } from './pythonOutline';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const notebooks = new NotebookDocuments(TextDocument);
let service: ChecksService | undefined;
let codeLensRefresh = false;
let refreshPending = false;
/** didChangeContent also fires on open: remember the version opened so it is not taken for an edit. */
const openedVersions = new Map<string, number>();

/**
 * Sends that nobody awaits: a write fails when the client has gone (a window closing mid-check).
 * The connection logs it; an unhandled rejection would end the server instead.
 */
function send(sending: Promise<void>): void {
  sending.catch(() => undefined);
}

const host: ChecksHost = {
  publishDiagnostics: (uri, diagnostics) => send(connection.sendDiagnostics({ uri, diagnostics })),
  refreshCodeLenses: () => {
    // Coalesce the refreshes of one turn of the event loop (a run start marks six functions at once).
    if (!codeLensRefresh || refreshPending) return;
    refreshPending = true;
    setImmediate(() => {
      refreshPending = false;
      send(connection.sendRequest(CodeLensRefreshRequest.type));
    });
  },
  sendCheckState: (state) => send(connection.sendNotification(CheckStateNotification, state)),
  sendPythonUnavailable: (problem) => send(connection.sendNotification(PythonUnavailableNotification, problem)),
  sendFunctionsChanged: (result) => send(connection.sendNotification(FunctionsChangedNotification, result)),
  sendChecksFinished: (uri, functions) => send(connection.sendNotification(ChecksFinishedNotification, { uri, functions })),
  log: (message) => connection.console.log(message),
};

connection.onInitialize(async (params) => {
  codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
  const outliner = await PythonOutliner.create(__dirname);
  service = new ChecksService(outliner, (options) => new Checker(options), host, parseConfiguration(params.initializationOptions));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      notebookDocumentSync: {
        notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] }],
        save: true,
      },
      codeLensProvider: { resolveProvider: false },
    },
  };
});

connection.onNotification(ConfigurationNotification, (config) => service?.configure(parseConfiguration(config)));

documents.onDidOpen(({ document }) => {
  openedVersions.set(document.uri, document.version);
  service?.update(sourceOfTextDocument(document.uri, document.getText()), 'open');
});
documents.onDidChangeContent(({ document }) => {
  if (openedVersions.get(document.uri) === document.version) return;
  service?.update(sourceOfTextDocument(document.uri, document.getText()), 'change');
});
documents.onDidSave(({ document }) => service?.update(sourceOfTextDocument(document.uri, document.getText()), 'save'));
documents.onDidClose(({ document }) => {
  openedVersions.delete(document.uri);
  service?.close(document.uri);
});

notebooks.onDidOpen((notebook) => service?.update(sourceOfNotebook(notebook), 'open'));
notebooks.onDidChange(({ notebookDocument }) => service?.update(sourceOfNotebook(notebookDocument), 'change'));
notebooks.onDidSave((notebook) => service?.update(sourceOfNotebook(notebook), 'save'));
notebooks.onDidClose((notebook) => service?.close(notebook.uri));

connection.onCodeLens(({ textDocument }) => service?.codeLenses(textDocument.uri) ?? []);

connection.onRequest(FunctionsRequest, async ({ uri }) => {
  if (!service) return { uri, functions: [] };
  return service.isOpen(uri) ? service.functions(uri) : service.functions(uri, await sourceFromDisk(uri));
});

connection.onRequest(RunChecksRequest, async (params) => {
  if (!service) return { kind: 'checked' as const, uri: params.uri, functions: [] };
  return service.isOpen(params.uri) ? service.run(params) : service.run(params, await sourceFromDisk(params.uri));
});

connection.onShutdown(() => {
  service?.dispose();
  service = undefined;
});

/** The Python code cells in notebook order, as text documents the client synchronised. */
function sourceOfNotebook(notebook: NotebookDocument): CheckSource {
  const cells = notebook.cells
    .filter((cell) => cell.kind === NotebookCellKind.Code)
    .map((cell) => notebooks.getCellTextDocument(cell))
    .filter((doc): doc is TextDocument => doc !== undefined && doc.languageId === 'python')
    .map((doc) => ({ uri: doc.uri, text: doc.getText() }));
  return sourceOfNotebookCells(notebook.uri, cells);
}

/** A file the test controller asks about without opening it; undefined when it cannot be read. */
async function sourceFromDisk(uri: string): Promise<CheckSource | undefined> {
  try {
    const text = await readFile(fileURLToPath(uri), 'utf8');
    return uri.toLowerCase().endsWith('.ipynb') ? sourceOfIpynb(uri, text) : sourceOfTextDocument(uri, text);
  } catch (error) {
    connection.console.warn(`cannot read ${uri}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

documents.listen(connection);
notebooks.listen(connection);
connection.listen();
