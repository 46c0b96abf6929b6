// In an untrusted workspace the extension still activates (its manifest declares limited support):
// training and visualization commands work, only the checks that run learner code are held back.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionUnderTest, unregisteredCommands } from '../extensionUnderTest';

suite('Smoke: the extension in an untrusted workspace', () => {
  test('the workspace is not trusted', () => {
    assert.match(vscode.version, /^1\.100\./);
    assert.equal(vscode.workspace.isTrusted, false);
  });

  test('activates in restricted mode and registers its commands', async () => {
    const extension = extensionUnderTest();
    await extension.activate();
    assert.equal(extension.isActive, true);
    assert.deepEqual(await unregisteredCommands(extension), [], 'contributed but not registered');
  });
});
