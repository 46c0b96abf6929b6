// The extension activates in the real VS Code and every command its manifest contributes is registered.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { contributedCommands, extensionUnderTest, unregisteredCommands } from '../extensionUnderTest';

suite('Smoke: the extension in a real VS Code', () => {
  test('runs in VS Code 1.100', () => {
    assert.match(vscode.version, /^1\.100\./, `expected VS Code 1.100.x, got ${vscode.version}`);
  });

  test('the workspace is trusted and opened on the fixture folder', () => {
    assert.equal(vscode.workspace.isTrusted, true);
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
  });

  test('activates without error', async () => {
    const extension = extensionUnderTest();
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('registers every command its package.json contributes', async () => {
    const extension = extensionUnderTest();
    await extension.activate();
    assert.ok(contributedCommands(extension).length >= 7, 'expected the Optimization Lab commands in the manifest');
    assert.deepEqual(await unregisteredCommands(extension), [], 'contributed but not registered');
  });
});
