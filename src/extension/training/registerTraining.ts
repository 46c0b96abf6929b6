import type * as vscode from 'vscode';

// Placeholder until the training feature lands (issue 5).
export function registerTraining(_context: vscode.ExtensionContext): void {}
