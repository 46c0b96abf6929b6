// In an untrusted workspace no learner code runs: the CodeLens asks for trust instead, saving does nothing,
// and asking explicitly leads to the trust dialog. The fixture writes a marker file if any of it runs.
import * as assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { LensTitle } from '../../../src/server/lensTitles';
import type { RunChecksResult } from '../../../src/shared/protocol';
import { extensionUnderTest } from '../extensionUnderTest';

const MARKER = join(tmpdir(), 'optimization-lab-untrusted-code-ran');

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  // The check lenses; the update function's "Train with this" lens is looked at on its own.
  return lenses.flatMap((l) => (l.command && l.command.title !== LensTitle.trainUntrusted ? [l.command.title] : []));
}

/** Polls the CodeLens provider until it answers, without fixed sleeps; rejects after the timeout. */
async function untilLenses(uri: vscode.Uri, count: number, timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const titles = await lensTitles(uri);
    if (titles.length >= count) return titles;
    if (Date.now() > deadline) throw new Error(`no CodeLenses after ${timeoutMs} ms: ${JSON.stringify(titles)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

suite('Inline checks in an untrusted workspace', () => {
  suiteSetup(async () => {
    rmSync(MARKER, { force: true });
    await extensionUnderTest().activate();
  });

  test('the CodeLens asks for trust; saving and asking run nothing', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, 'checks', 'optimizers.py');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);

    const titles = await untilLenses(uri, 2);
    assert.deepEqual(titles, [LensTitle.untrusted, LensTitle.untrusted]);
    const lens = ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [])[0];
    assert.equal(lens?.command?.command, 'workbench.trust.manage');

    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '# edited\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save());
    // The request goes to the server after the save notification (LSP keeps the order) and answers "untrusted".
    const result = await vscode.commands.executeCommand<RunChecksResult>('optimizationLab.runNotebookTests', { uri: uri.toString() });
    assert.equal(result.kind, 'untrusted');

    assert.deepEqual(await lensTitles(uri), [LensTitle.untrusted, LensTitle.untrusted]);
    // The update function's "Train with this" lens asks for trust too, before it would train with the learner's code.
    const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const train = all.filter((l) => l.command?.title === LensTitle.trainUntrusted);
    assert.deepEqual(train.map((l) => l.command?.command), ['workbench.trust.manage']);
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Optimization Lab'), []);
    assert.equal(existsSync(MARKER), false, 'learner code ran in an untrusted workspace');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
