// "Create Moons Data Set": the notebook's moons (or another size / noise / seed) as CSV in the workspace.
import * as vscode from 'vscode';
import { formatCsv } from '../../core/data/csv';
import { makeMoons } from '../../core/data/moons';

export interface CreateMoonsArgs {
  samples?: number;
  noise?: number;
  seed?: number;
  /** Workspace-relative path of the CSV to write. */
  fileName?: string;
  /** Skip the questions (tests): missing values take the notebook's defaults. */
  quiet?: boolean;
}

/** Asks for size, noise and seed (the notebook's 300, 0.2, 3 preset), writes the CSV, returns its URI. */
export async function createMoonsDataset(args: CreateMoonsArgs = {}): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage('Open a folder first: the data set is written into the workspace.');
    return undefined;
  }
  const ask = async (key: 'samples' | 'noise' | 'seed', prompt: string, fallback: number, valid: (n: number) => string | undefined) => {
    if (args[key] !== undefined || args.quiet) return args[key] ?? fallback;
    const text = await vscode.window.showInputBox({
      title: 'Create Moons Data Set',
      prompt,
      value: String(fallback),
      validateInput: (v) => (v.trim() === '' || Number.isNaN(Number(v)) ? 'Enter a number' : valid(Number(v))),
    });
    return text === undefined ? undefined : Number(text);
  };
  const samples = await ask('samples', 'Number of points (the notebook: 300)', 300, (n) =>
    Number.isInteger(n) && n >= 2 && n <= 1_000_000 ? undefined : 'An integer from 2 to 1,000,000',
  );
  if (samples === undefined) return undefined;
  const noise = await ask('noise', 'Noise: standard deviation added to each coordinate (the notebook: 0.2)', 0.2, (n) =>
    n >= 0 && n <= 10 ? undefined : 'A number from 0 to 10',
  );
  if (noise === undefined) return undefined;
  const seed = await ask('seed', 'Seed of numpy\'s generator (the notebook: 3)', 3, (n) =>
    Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? undefined : 'An integer from 0 to 4294967295',
  );
  if (seed === undefined) return undefined;

  const notebook = samples === 300 && noise === 0.2 && seed === 3;
  const fileName = args.fileName ?? (notebook ? 'moons.csv' : `moons-${samples}-noise${noise}-seed${seed}.csv`);
  const target = vscode.Uri.joinPath(folder.uri, fileName);
  const { X, Y } = makeMoons(samples, noise, seed);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(formatCsv(X, Y)));
  if (!args.quiet) {
    void vscode.window
      .showInformationMessage(`Wrote ${samples} moons points to ${fileName}.`, 'Train with Adam on it', 'Open')
      .then(async (action) => {
        if (action === 'Open') await vscode.commands.executeCommand('vscode.open', target);
        if (action === 'Train with Adam on it') await vscode.commands.executeCommand('optimizationLab.trainAdam', { dataset: fileName });
      })
      .then(undefined, (e: unknown) => vscode.window.showErrorMessage(`Optimization Lab: ${e instanceof Error ? e.message : String(e)}`));
  }
  return target;
}
