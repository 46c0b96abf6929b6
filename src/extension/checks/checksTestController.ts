/**
 * The Testing API view of the checks: every graded function found in the workspace's .py and .ipynb
 * files, with its test cases once they have run. Runs go to the language server; failures show
 * `TestMessage.diff` of the expected and actual values at the learner's code.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ChecksFinishedNotification,
  FunctionsChangedNotification,
  FunctionsRequest,
  RunChecksRequest,
  type CaseOutcome,
  type FunctionOutcome,
  type FunctionsResult,
  type GradedFunctionLocation,
  type RunChecksResult,
} from '../../shared/protocol';

const FILE_GLOB = '**/*.{py,ipynb}';
const EXCLUDE_GLOB = '**/{node_modules,.git,.venv,venv,env,site-packages,__pycache__,.vscode-test}/**';
const MAX_FILES = 2000;

export class ChecksTestController implements vscode.Disposable {
  private readonly controller = vscode.tests.createTestController('optimizationLab.notebookTests', 'Optimization Lab notebook tests');
  private readonly disposables: vscode.Disposable[] = [this.controller];
  /** Files this controller is running: their results come back in its own TestRun. */
  private readonly ownRuns = new Set<string>();

  constructor(private readonly client: LanguageClient) {
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.discoverWorkspace();
    };
    this.controller.refreshHandler = () => this.discoverWorkspace();
    this.controller.createRunProfile('Run notebook tests', vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token), true);
    this.disposables.push(
      client.onNotification(FunctionsChangedNotification, (result) => this.setFunctions(result)),
      client.onNotification(ChecksFinishedNotification, ({ uri, functions }) => this.showFinished(uri, functions)),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(FILE_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => void this.discoverFile(uri)),
      watcher.onDidChange((uri) => void this.discoverFile(uri)),
      watcher.onDidDelete((uri) => this.controller.items.delete(uri.toString())),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  async discoverWorkspace(): Promise<void> {
    const files = await vscode.workspace.findFiles(FILE_GLOB, EXCLUDE_GLOB, MAX_FILES);
    await Promise.all(files.map((uri) => this.discoverFile(uri)));
  }

  private async discoverFile(uri: vscode.Uri): Promise<void> {
    try {
      this.setFunctions(await this.client.sendRequest(FunctionsRequest, { uri: uri.toString() }));
    } catch {
      // The server may be restarting; the next change or refresh finds the file again.
    }
  }

  /** Replaces a file's function items, keeping the case items of functions that are still there. */
  private setFunctions(result: FunctionsResult): void {
    if (result.functions.length === 0) {
      this.controller.items.delete(result.uri);
      return;
    }
    const fileUri = vscode.Uri.parse(result.uri);
    let file = this.controller.items.get(result.uri);
    if (!file) {
      file = this.controller.createTestItem(result.uri, vscode.workspace.asRelativePath(fileUri), fileUri);
      this.controller.items.add(file);
    }
    const functions: vscode.TestItem[] = [];
    for (const fn of result.functions) {
      const id = functionId(result.uri, fn.name);
      const existing = file.children.get(id);
      const { uri, range } = itemPlace(fn, fileUri);
      // A TestItem's uri cannot change: make a new one when the function moved to another cell.
      const item = existing && existing.uri?.toString() === uri.toString() ? existing : this.controller.createTestItem(id, fn.name, uri);
      item.range = range;
      functions.push(item);
    }
    file.children.replace(functions);
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    try {
      const byFile = this.selectedFunctions(request);
      for (const [fileUri, items] of byFile) {
        if (token.isCancellationRequested) break;
        for (const item of items) {
          run.started(item);
          item.children.forEach((c) => run.started(c));
        }
        let result: RunChecksResult;
        this.ownRuns.add(fileUri);
        try {
          result = await this.client.sendRequest(RunChecksRequest, { uri: fileUri, functions: items.map((i) => i.label) }, token);
        } catch (error) {
          const message = new vscode.TestMessage(`The checks could not run: ${error instanceof Error ? error.message : String(error)}`);
          for (const item of items) run.errored(item, message);
          continue;
        } finally {
          this.ownRuns.delete(fileUri);
        }
        this.report(run, items, result);
      }
    } finally {
      run.end();
    }
  }

  /** A run the server made on its own (on save, while typing, a CodeLens click): shown as a quick, unsaved TestRun. */
  private showFinished(fileUri: string, functions: FunctionOutcome[]): void {
    if (this.ownRuns.has(fileUri)) return;
    const file = this.controller.items.get(fileUri);
    if (!file) return;
    const reported = functions.flatMap((outcome) => {
      const item = file.children.get(functionId(fileUri, outcome.name));
      return item ? [{ item, outcome }] : [];
    });
    if (reported.length === 0) return;
    const run = this.controller.createTestRun(new vscode.TestRunRequest(reported.map((r) => r.item)), 'Notebook tests', false);
    for (const { item, outcome } of reported) this.reportFunction(run, item, outcome);
    run.end();
  }

  /** The function items a request covers, grouped by their file or notebook. */
  private selectedFunctions(request: vscode.TestRunRequest): Map<string, vscode.TestItem[]> {
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    const roots: vscode.TestItem[] = [];
    if (request.include) roots.push(...request.include);
    else this.controller.items.forEach((i) => roots.push(i));
    const byFile = new Map<string, vscode.TestItem[]>();
    const add = (fileUri: string, item: vscode.TestItem) => {
      if (excluded.has(item.id)) return;
      const list = byFile.get(fileUri) ?? [];
      if (!list.includes(item)) list.push(item);
      byFile.set(fileUri, list);
    };
    for (const root of roots) {
      if (excluded.has(root.id)) continue;
      const parts = parseId(root.id);
      if (!parts.functionName) root.children.forEach((fn) => add(parts.fileUri, fn));
      else if (!parts.caseName) add(parts.fileUri, root);
      else if (root.parent) add(parts.fileUri, root.parent);
    }
    return byFile;
  }

  private report(run: vscode.TestRun, items: vscode.TestItem[], result: RunChecksResult): void {
    if (result.kind !== 'checked') {
      const text =
        result.kind === 'untrusted'
          ? 'This workspace is not trusted, so your code was not run. Trust the workspace to run the notebook tests.'
          : result.problem.message;
      for (const item of items) run.errored(item, new vscode.TestMessage(text));
      return;
    }
    for (const item of items) {
      const outcome = result.functions.find((f) => f.name === item.label);
      if (!outcome) {
        run.skipped(item);
        continue;
      }
      this.reportFunction(run, item, outcome);
    }
  }

  private reportFunction(run: vscode.TestRun, item: vscode.TestItem, outcome: FunctionOutcome): void {
    const cases = outcome.cases.map((c) => {
      const id = `${item.id}::${c.case}`;
      const child = item.children.get(id) ?? this.controller.createTestItem(id, c.case, item.uri);
      child.range = item.range;
      return { child, outcome: c };
    });
    item.children.replace(cases.map((c) => c.child));
    for (const { child, outcome: c } of cases) {
      if (c.status === 'pass') run.passed(child);
      else if (c.status === 'fail') run.failed(child, caseMessage(c, outcome));
      else run.errored(child, caseMessage(c, outcome));
    }
    if (outcome.output) run.appendOutput(outcome.output.replace(/\r?\n/g, '\r\n'), undefined, item);
    if (outcome.status === 'pass') run.passed(item);
    else run.failed(item, new vscode.TestMessage(outcome.summary));
  }
}

function caseMessage(c: CaseOutcome, outcome: FunctionOutcome): vscode.TestMessage {
  const text = [c.title ? `${c.title}: ${c.message}` : c.message, c.hint].filter((x) => x).join('\n');
  const message =
    c.expectedText !== undefined && c.actualText !== undefined
      ? vscode.TestMessage.diff(text, c.expectedText, c.actualText)
      : new vscode.TestMessage(text);
  const where = c.location ?? outcome.location;
  message.location = new vscode.Location(vscode.Uri.parse(where.uri), toRange(where.range));
  return message;
}

function functionId(fileUri: string, name: string): string {
  return `${fileUri}::${name}`;
}

function parseId(id: string): { fileUri: string; functionName?: string; caseName?: string } {
  const [fileUri = id, functionName, ...rest] = id.split('::');
  return { fileUri, functionName, caseName: rest.length > 0 ? rest.join('::') : undefined };
}

/** Where the Test Explorer puts the item: the cell or file with the def, or the closed notebook itself. */
function itemPlace(fn: GradedFunctionLocation, fileUri: vscode.Uri): { uri: vscode.Uri; range: vscode.Range | undefined } {
  const uri = vscode.Uri.parse(fn.uri);
  // A closed notebook has no cell documents yet: point at the notebook file without a range.
  if (uri.scheme === fileUri.scheme && uri.path === fileUri.path && uri.fragment !== '') return { uri: fileUri, range: undefined };
  return { uri, range: toRange(fn.range) };
}

function toRange(range: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}
