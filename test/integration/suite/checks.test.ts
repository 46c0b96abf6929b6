// Inline checks in a real VS Code on the fixture workspace (test/fixtures/workspace/checks/): the language
// server finds the graded functions, runs the notebook tests through the checker and shows CodeLenses and
// diagnostics; fixing the code and saving clears them, in a .py file and in a .ipynb notebook.
// Waits are on conditions (diagnostics events, polling the CodeLens provider), never on fixed sleeps.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LensTitle } from '../../../src/server/lensTitles';
import type { RunChecksResult } from '../../../src/shared/protocol';
import { extensionUnderTest } from '../extensionUnderTest';
import { requestScreenshot } from '../screenshot';

const SOURCE = 'Optimization Lab';
const MOMENTUM_TITLE = '✗ W1 differs: momentum without (1 - beta)';
const PASSED_TITLE = /^✓ (\d+)\/\1 checks passed$/;

function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

interface LensTitleAt {
  line: number;
  title: string;
}

async function lensTitles(uri: vscode.Uri): Promise<LensTitleAt[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  // The check lenses; the "Train with this" lens beside each update function is left out (tested in the server's tests).
  return lenses.flatMap((l) => (l.command && l.command.title !== LensTitle.trainWithThis ? [{ line: l.range.start.line, title: l.command.title }] : []));
}

/**
 * Resolves with the probe's first defined value, probing again on every diagnostics change and every
 * 100 ms (the CodeLens provider has no event the extension host can see); rejects after the timeout.
 */
async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise<T>((resolve, reject) => {
    let busy = false;
    let done = false;
    const finish = (fn: () => void) => {
      done = true;
      clearInterval(timer);
      subscription.dispose();
      fn();
    };
    const attempt = async () => {
      if (busy || done) return;
      busy = true;
      try {
        const value = await probe();
        if (value !== undefined) finish(() => resolve(value));
        else if (Date.now() > deadline) finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)));
      } catch (error) {
        finish(() => reject(error));
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void attempt(), 100);
    const subscription = vscode.languages.onDidChangeDiagnostics(() => void attempt());
    void attempt();
  });
}

function lineOf(document: vscode.TextDocument, text: string): number {
  const index = document.getText().indexOf(text);
  assert.ok(index >= 0, `"${text}" not found in ${document.uri.path}`);
  return document.positionAt(index).line;
}

/** Replaces every occurrence of `from` in the document by `to` with one workspace edit. */
async function replaceAll(document: vscode.TextDocument, from: string, to: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  const text = document.getText();
  let index = text.indexOf(from);
  assert.ok(index >= 0, `"${from}" not found in ${document.uri.path}`);
  while (index >= 0) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(index), document.positionAt(index + from.length)), to);
    index = text.indexOf(from, index + from.length);
  }
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');
}

const FORGOT_ONE_MINUS_BETA = ' + grads["d';
const WITH_ONE_MINUS_BETA = ' + (1 - beta) * grads["d';

suite('Inline checks: CodeLens, diagnostics and saving', () => {
  suiteSetup(async () => {
    await extensionUnderTest().activate();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a .py file: a passing CodeLens over Adam, a diagnostic naming the mistake over momentum', async () => {
    const uri = workspaceFile('checks/optimizers.py');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const momentumLine = lineOf(document, 'def update_parameters_with_momentum');
    const adamLine = lineOf(document, 'def update_parameters_with_adam');

    const diagnostic = await until('a diagnostic on the momentum def', () => ourDiagnostics(uri).find((d) => d.range.start.line === momentumLine));
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.code, 'momentum-missing-one-minus-beta');
    assert.match(diagnostic.message, /parameters\["W1"\]/, 'the message names the key');
    assert.match(diagnostic.message, /\(1 - beta\)/, 'the hint says what to change');
    const related = diagnostic.relatedInformation?.[0];
    assert.ok(related, 'related information points at the mistake');
    // The mistake's own line: where v forgets (1 - beta), not where W is then set from it.
    assert.equal(related.location.range.start.line, lineOf(document, 'v["dW" + str(l + 1)] = beta * v'));
    assert.equal(ourDiagnostics(uri).length, 1, 'Adam passes: no diagnostic on it');

    const titles = await until('both CodeLenses to show results', async () => {
      const found = await lensTitles(uri);
      const adam = found.find((l) => l.line === adamLine);
      return adam && PASSED_TITLE.test(adam.title) ? found : undefined;
    });
    assert.equal(titles.length, 2, `one lens per graded function: ${JSON.stringify(titles)}`);
    assert.equal(titles.find((l) => l.line === momentumLine)?.title, MOMENTUM_TITLE);
    await requestScreenshot('checks-py-codelens', { waitForText: MOMENTUM_TITLE });
  });

  test('fixing the function and saving clears the diagnostic; a new mistake shows again (timed, warm worker)', async () => {
    const uri = workspaceFile('checks/optimizers.py');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const momentumLine = lineOf(document, 'def update_parameters_with_momentum');
    await until('the first diagnostic', () => (ourDiagnostics(uri).length > 0 ? true : undefined));

    await replaceAll(document, FORGOT_ONE_MINUS_BETA, WITH_ONE_MINUS_BETA);
    assert.equal(ourDiagnostics(uri).length, 1, 'an edit alone does not run the checks (runOn: save)');
    let saving = Date.now();
    assert.ok(await document.save());
    let saved = Date.now();
    await until('the diagnostic to clear', () => (ourDiagnostics(uri).length === 0 ? true : undefined));
    console.log(`save → diagnostic cleared: ${Date.now() - saving} ms (save() itself ${saved - saving} ms, then ${Date.now() - saved} ms; warm worker)`);
    await until('a passing lens over momentum', async () => {
      const momentum = (await lensTitles(uri)).find((l) => l.line === momentumLine);
      return momentum && PASSED_TITLE.test(momentum.title) ? true : undefined;
    });

    // A different mistake (the update's sign), so the result cannot come from the cache.
    await replaceAll(document, '] - learning_rate * v[', '] + learning_rate * v[');
    saving = Date.now();
    assert.ok(await document.save());
    saved = Date.now();
    const diagnostic = await until('a diagnostic for the flipped sign', () => ourDiagnostics(uri).find((d) => d.range.start.line === momentumLine));
    console.log(`save → diagnostic shown: ${Date.now() - saving} ms (save() itself ${saved - saving} ms, then ${Date.now() - saved} ms; warm worker)`);
    assert.equal(diagnostic.code, 'update-sign-flipped');
  });

  test('a .ipynb notebook: cells are checked together, and fixing a cell then saving clears its diagnostic', async () => {
    const uri = workspaceFile('checks/optimizers.ipynb');
    const notebook = await vscode.workspace.openNotebookDocument(uri);
    await vscode.window.showNotebookDocument(notebook);
    const cellWith = (text: string) => {
      const cell = notebook.getCells().find((c) => c.document.getText().includes(text));
      assert.ok(cell, `no cell contains "${text}"`);
      return cell;
    };
    const momentumCell = cellWith('def update_parameters_with_momentum');
    const adamCell = cellWith('def update_parameters_with_adam');
    const momentumLine = lineOf(momentumCell.document, 'def update_parameters_with_momentum');
    const adamLine = lineOf(adamCell.document, 'def update_parameters_with_adam');

    const diagnostic = await until('a diagnostic in the momentum cell', () =>
      ourDiagnostics(momentumCell.document.uri).find((d) => d.range.start.line === momentumLine),
    );
    assert.equal(diagnostic.code, 'momentum-missing-one-minus-beta');
    assert.equal(ourDiagnostics(adamCell.document.uri).length, 0);
    const adamTitle = await until('a passing lens in the Adam cell (which uses np from another cell)', async () => {
      const title = (await lensTitles(adamCell.document.uri)).find((l) => l.line === adamLine)?.title;
      return title && PASSED_TITLE.test(title) ? title : undefined;
    });
    assert.match(adamTitle, PASSED_TITLE);
    const momentumTitles = await lensTitles(momentumCell.document.uri);
    assert.deepEqual(momentumTitles, [{ line: momentumLine, title: MOMENTUM_TITLE }]);
    await requestScreenshot('checks-notebook-codelens', { waitForText: MOMENTUM_TITLE });

    await replaceAll(momentumCell.document, FORGOT_ONE_MINUS_BETA, WITH_ONE_MINUS_BETA);
    const saving = Date.now();
    await notebook.save();
    const saved = Date.now();
    await until('the notebook diagnostic to clear', () => (ourDiagnostics(momentumCell.document.uri).length === 0 ? true : undefined));
    console.log(`notebook save → diagnostic cleared: ${Date.now() - saving} ms (save() itself ${saved - saving} ms, then ${Date.now() - saved} ms)`);
  });

  test('a file that is not open is checked from disk (the Test Explorer path), through the command', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, 'checks', 'closed.py');
    const text = 'import numpy as np\n\ndef initialize_velocity(parameters):\n    return {"d" + k: np.zeros_like(a) for k, a in parameters.items()}\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const result = await vscode.commands.executeCommand<RunChecksResult>('optimizationLab.runNotebookTests', { uri: uri.toString() });
    assert.equal(result.kind, 'checked');
    if (result.kind !== 'checked') return;
    assert.deepEqual(result.functions.map((f) => [f.name, f.status, f.location.range.start.line]), [['initialize_velocity', 'pass', 2]]);
    assert.match(result.functions[0]?.summary ?? '', PASSED_TITLE);
    assert.ok((result.functions[0]?.cases.length ?? 0) >= 2, 'the notebook case and the extra cases');
  });

  test('a Python that does not exist: the CodeLens says so and nothing crashes; a good one brings the results back', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, 'checks', 'no-python.py');
    const text = 'import numpy as np\n\ndef initialize_adam(parameters):\n    return {}, {}\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const settings = vscode.workspace.getConfiguration('optimizationLab');
    await settings.update('pythonPath', '/nonexistent/bin/python3', vscode.ConfigurationTarget.Workspace);
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const titles = await until('the lens to say Python is missing', async () => {
        const found = await lensTitles(uri);
        return found.some((l) => l.title === LensTitle.pythonNotFound) ? found : undefined;
      });
      assert.deepEqual(titles, [{ line: 2, title: LensTitle.pythonNotFound }]);
      const lens = ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [])[0];
      assert.equal(lens?.command?.command, 'optimizationLab.selectPythonInterpreter');
      await requestScreenshot('checks-python-missing');
    } finally {
      await settings.update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await until('results with python3 again', async () => {
      const title = (await lensTitles(uri))[0]?.title ?? '';
      return title.startsWith('✗') ? title : undefined;
    });
    // The "Python was not found" notification stays until dismissed (the API cannot close it): dismiss it,
    // as a user would, so it does not cover later tests' screenshots.
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});
