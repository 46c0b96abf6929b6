// What the integration suites need to know about the extension under test, read from its own manifest.
import * as vscode from 'vscode';

export const extensionId = 'optimization-lab.optimization-lab';

export interface ContributedCommand {
  readonly command: string;
  readonly title: string;
}

export function extensionUnderTest(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(extensionId);
  if (!extension) throw new Error(`extension ${extensionId} is not loaded in this VS Code`);
  return extension;
}

export function contributedCommands(extension: vscode.Extension<unknown>): ContributedCommand[] {
  const manifest = extension.packageJSON as { contributes?: { commands?: ContributedCommand[] } };
  return manifest.contributes?.commands ?? [];
}

/** Contributed command ids that are not registered with VS Code (after activation). */
export async function unregisteredCommands(extension: vscode.Extension<unknown>): Promise<string[]> {
  const registered = new Set(await vscode.commands.getCommands(true));
  return contributedCommands(extension).map((c) => c.command).filter((command) => !registered.has(command));
}
