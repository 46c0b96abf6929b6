// "Save Run" and "Open Run": a run as a JSON file in the workspace, and back.
import * as vscode from 'vscode';
import { formatAccuracy } from '../../shared/runMetrics';
import { runFromFile, runToFile } from './runFile';
import { newRunId, type RunStore } from './runStore';
import { toUri, type UriArgument } from './uriArgument';

export interface SaveRunArgs {
  runId?: string;
  /** Target file (tests); otherwise a save dialog. */
  uri?: UriArgument;
}

export interface OpenRunArgs {
  uri?: UriArgument;
}

/** Saves a finished run (the chosen one, or the latest); returns the file written. */
export async function saveRun(store: RunStore, args: SaveRunArgs = {}): Promise<vscode.Uri | undefined> {
  const done = store.list().filter((r) => r.status !== 'running');
  if (done.length === 0) {
    void vscode.window.showInformationMessage('No finished run to save yet: train one first.');
    return undefined;
  }
  let run = args.runId ? store.get(args.runId) : done.length === 1 ? done[0] : undefined;
  if (!run) {
    const picked = await vscode.window.showQuickPick(
      [...done].reverse().map((r) => ({
        label: r.label,
        description: `${r.datasetName}${r.summary ? `, accuracy ${formatAccuracy(r.summary.accuracy)}` : ''}`,
        run: r,
      })),
      { title: 'Run to save' },
    );
    run = picked?.run;
  }
  if (!run) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const defaultName = `${run.label.replace(/[^\w]+/g, '-').replace(/-+$/, '').toLowerCase()}.run.json`;
  const target = args.uri
    ? toUri(args.uri)
    : await vscode.window.showSaveDialog({
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, defaultName) } : {}),
        filters: { 'Optimization Lab run': ['json'] },
        saveLabel: 'Save run',
      });
  if (!target) return undefined;
  const file = runToFile(run, store.dataset(run.datasetId));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(JSON.stringify(file, null, 1)));
  if (!args.uri) void vscode.window.showInformationMessage(`Saved ${run.label} to ${vscode.workspace.asRelativePath(target)}.`);
  return target;
}

/** Reads a saved run into the store (it shows beside the live runs); returns the new run's id. */
export async function openRun(store: RunStore, args: OpenRunArgs = {}, reveal: () => void = () => {}): Promise<string | undefined> {
  const target = args.uri
    ? toUri(args.uri)
    : (
        await vscode.window.showOpenDialog({
          canSelectMany: false,
          filters: { 'Optimization Lab run': ['json'] },
          openLabel: 'Open run',
        })
      )?.[0];
  if (!target) return undefined;
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    const id = newRunId();
    const { run, points } = runFromFile(text, vscode.workspace.asRelativePath(target, false), id);
    store.add(run, points);
    reveal();
    return id;
  } catch (e) {
    void vscode.window.showErrorMessage((e as Error).message);
    return undefined;
  }
}
