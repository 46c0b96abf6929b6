import type * as vscode from 'vscode';

// Placeholder until the inline checks land (issue 4).
export async function registerChecks(_context: vscode.ExtensionContext): Promise<void> {}
