// A file given to a command: a Uri from VS Code, or a string from callers that pass JSON (the tests, a keybinding's args).
import * as vscode from 'vscode';

export type UriArgument = vscode.Uri | string;

export function toUri(value: UriArgument): vscode.Uri {
  return typeof value === 'string' ? vscode.Uri.parse(value) : value;
}
