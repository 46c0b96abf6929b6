/**
 * The bundled language server as a process, spoken to over LSP (stdio) like the extension does over IPC,
 * with the real checker and python3: diagnostics after open, the CodeLens refresh after a run, the
 * notebook sync, and the time from didSave to the diagnostic with a warm worker (printed, not asserted).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import {
  CodeLensRefreshRequest,
  CodeLensRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenNotebookDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  NotebookCellKind,
  PublishDiagnosticsNotification,
  type CodeLens,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { ChecksConfiguration } from '../../../src/shared/protocol';

const repo = path.resolve(__dirname, '../../..');
// Inside the repository so that the checker finds python/harness.py by walking up, as from dist/.
const outDir = path.join(repo, 'out', 'test', 'server');
const fixture = readFileSync(path.join(repo, 'test/fixtures/workspace/checks/optimizers.py'), 'utf8');
const config: ChecksConfiguration = { pythonPath: 'python3', pythonSource: 'default', trusted: true, runOn: 'save', timeoutSeconds: 10, memoryLimitMb: 1024 };

let server: ChildProcess;
let connection: ProtocolConnection;
const diagnostics = new Map<string, Diagnostic[]>();
const diagnosticWaiters: Array<() => void> = [];
let refreshes = 0;

before(async () => {
  mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(repo, 'src/server/server.ts')],
    outfile: path.join(outDir, 'server.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
  const wasm = path.dirname(require.resolve('@vscode/tree-sitter-wasm'));
  for (const file of ['tree-sitter.wasm', 'tree-sitter-python.wasm']) copyFileSync(path.join(wasm, file), path.join(outDir, file));
  server = spawn(process.execPath, [path.join(outDir, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  connection = createProtocolConnection(server.stdout!, server.stdin!);
  connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics: list }) => {
    diagnostics.set(uri, list);
    diagnosticWaiters.splice(0).forEach((wake) => wake());
  });
  connection.onRequest(CodeLensRefreshRequest.type, () => {
    refreshes += 1;
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { codeLens: { refreshSupport: true } } },
    initializationOptions: config,
  });
  await connection.sendNotification(InitializedNotification.type, {});
});

after(() => {
  connection?.dispose();
  server?.kill();
});

/** Resolves when a published diagnostics list satisfies the predicate (no polling, no sleeps). */
async function diagnosticsWhere(uri: string, predicate: (list: Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = diagnostics.get(uri);
    if (list && predicate(list)) return list;
    const remaining = deadline - Date.now();
    if (remaining <= 0) assert.fail(`no matching diagnostics for ${uri}: ${JSON.stringify(list)}`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, remaining);
      diagnosticWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

async function lensTitles(uri: string): Promise<string[]> {
  const lenses = ((await connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? []) as CodeLens[];
  // The check lenses; each update function's "Train with this" lens beside them is tested in checksService.test.ts.
  return lenses.map((l) => l.command?.title ?? '').filter((t) => t !== '▶ Train with this');
}

test('a .py file: the diagnostic names the mistake, the CodeLenses show results and are refreshed', async () => {
  const uri = pathToFileURL(path.join(outDir, 'optimizers.py')).href;
  const refreshesBefore = refreshes;
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'python', version: 1, text: fixture } });
  const [diagnostic] = await diagnosticsWhere(uri, (list) => list.length === 1);
  assert.equal(diagnostic?.code, 'momentum-missing-one-minus-beta');
  assert.equal(diagnostic?.range.start.line, 4);
  const titles = await lensTitles(uri);
  assert.equal(titles[0], '✗ W1 differs: momentum without (1 - beta)');
  assert.match(titles[1] ?? '', /^✓ (\d+)\/\1 checks passed$/);
  assert.ok(refreshes > refreshesBefore, 'the server asks the editor to refresh its CodeLenses after a run');

  // Fix, save, and time save → diagnostics with the worker warm (twice: clear, then a new mistake).
  const fixed = fixture.replace(/ \+ grads\["d/g, ' + (1 - beta) * grads["d');
  await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  let saved = performance.now();
  await connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  await diagnosticsWhere(uri, (list) => list.length === 0);
  const clearMs = performance.now() - saved;
  const flipped = fixed.replace(/\] - learning_rate \* v\[/g, '] + learning_rate * v[');
  await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text: flipped }] });
  saved = performance.now();
  await connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  const [flippedDiagnostic] = await diagnosticsWhere(uri, (list) => list.length === 1);
  const showMs = performance.now() - saved;
  assert.equal(flippedDiagnostic?.code, 'update-sign-flipped');
  console.log(`language server, warm worker: didSave → diagnostics cleared ${clearMs.toFixed(0)} ms, didSave → new diagnostic ${showMs.toFixed(0)} ms`);
});

test('a notebook through notebook document sync: the diagnostic lands in the momentum cell', async () => {
  const notebookUri = pathToFileURL(path.join(outDir, 'lab.ipynb')).href;
  const [imports, momentum, adam] = fixture.split('\n\n\n');
  const cells = [imports ?? '', momentum ?? '', adam ?? ''].map((text, i) => ({ uri: `vscode-notebook-cell:${notebookUri}#cell${i}`, text }));
  await connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
    notebookDocument: { uri: notebookUri, notebookType: 'jupyter-notebook', version: 1, cells: cells.map((c) => ({ kind: NotebookCellKind.Code, document: c.uri })) },
    cellTextDocuments: cells.map((c) => ({ uri: c.uri, languageId: 'python', version: 1, text: c.text })),
  });
  const [diagnostic] = await diagnosticsWhere(cells[1]!.uri, (list) => list.length === 1);
  assert.equal(diagnostic?.range.start.line, 0);
  assert.match((await lensTitles(cells[2]!.uri))[0] ?? '', /^✓/);
});
