// Which data set a train command uses: the argument, else the `optimizationLab.dataset` setting,
// else a quick pick of data files in the workspace plus the built-in moons. Reads through
// workspace.fs (so remote and virtual workspaces work) and parses with the core readers.
import * as vscode from 'vscode';
import type { Dataset } from '../../core/data/dataset';
import { DatasetError } from '../../core/data/datasetError';
import { assertDatasetFileFacts, type FileKind } from '../../core/data/datasetFileFacts';
import { makeMoons } from '../../core/data/moons';
import { isNpyLabelFile, npyCompanionNames } from '../../core/data/npy';
import { DATASET_EXTENSIONS, datasetFormat, readDataset, type DatasetFile } from '../../core/data/readDataset';
import type { DatasetChoice } from '../../shared/labControls';

const BUILT_IN_MOONS = 'moons';

export interface LoadedDataset {
  /** Stable key of the source: `file:<path>` or `moons`. */
  id: string;
  /** What messages and the webview call it: the workspace-relative path or "Built-in moons". */
  name: string;
  dataset: Dataset;
  uri?: vscode.Uri;
}

export const EXCLUDE = '**/{node_modules,.git,.venv,venv,dist,out,.vscode-test,__pycache__}/**';
/** JSON files that are never data sets. */
const NOT_DATA = /(^|\/)(package(-lock)?|tsconfig[^/]*|jsconfig|settings|launch|tasks|extensions|\.eslintrc[^/]*)\.json$|\.run\.json$|\.optlab\.json$|\.ipynb$/;

/** A data set for a train command; `undefined` when the user dismissed the pick. Throws DatasetError on a bad file. */
export async function chooseDataset(requested: string | undefined): Promise<LoadedDataset | undefined> {
  const source = requested?.trim() || (await pickDataset());
  if (source === undefined) return undefined;
  if (source === BUILT_IN_MOONS) return builtInMoons();
  return loadDatasetFile(resolveInWorkspace(source));
}

/** The lab's data-set choice: moons of any size, noise and seed, or a workspace file. Throws DatasetError on a bad file. */
export async function loadDatasetChoice(choice: DatasetChoice): Promise<LoadedDataset> {
  if (choice.kind === 'file') return loadDatasetFile(resolveInWorkspace(choice.path));
  const { samples, noise, seed } = choice;
  if (samples === 300 && noise === 0.2 && seed === 3) return builtInMoons();
  return { id: `moons:${samples}:${noise}:${seed}`, name: `Moons (${samples}, noise ${noise}, seed ${seed})`, dataset: makeMoons(samples, noise, seed) };
}

/** The workspace's data-set files (workspace-relative paths), as the data-set pick lists them. */
export async function datasetFiles(): Promise<string[]> {
  const glob = `**/*.{${Object.keys(DATASET_EXTENSIONS).join(',')}}`;
  return (await vscode.workspace.findFiles(glob, EXCLUDE, 500))
    .map((uri) => vscode.workspace.asRelativePath(uri, false))
    .filter((path) => !NOT_DATA.test(path) && !path.endsWith('.optlab.json') && !(datasetFormat(path) === 'npy' && isNpyLabelFile(path)))
    .sort();
}

function builtInMoons(): LoadedDataset {
  return { id: BUILT_IN_MOONS, name: 'Built-in moons', dataset: makeMoons(300, 0.2, 3) };
}

export function resolveInWorkspace(path: string): vscode.Uri {
  if (/^[a-z][\w+.-]+:\/\//i.test(path)) return vscode.Uri.parse(path);
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) return vscode.Uri.file(path);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error(`"${path}" is relative, but no folder is open: open the folder that holds it, or give an absolute path`);
  return vscode.Uri.joinPath(folder.uri, path);
}

async function loadDatasetFile(uri: vscode.Uri): Promise<LoadedDataset> {
  const name = vscode.workspace.asRelativePath(uri, false);
  const bytes = await readOrExplain(uri, name);
  let companion: DatasetFile | undefined;
  if (datasetFormat(name) === 'npy') {
    for (const candidate of npyCompanionNames(uri.path)) {
      const other = uri.with({ path: candidate });
      const exists = await vscode.workspace.fs.stat(other).then(
        () => true,
        () => false,
      );
      if (exists) {
        const otherName = vscode.workspace.asRelativePath(other, false);
        companion = { bytes: await readOrExplain(other, otherName), fileName: otherName };
        break;
      }
    }
  }
  return { id: `file:${uri.toString()}`, name, dataset: readDataset(bytes, name, companion), uri };
}

/** The file's bytes, after stat says it is a regular file within the size limit (a FIFO would block the read for ever). */
async function readOrExplain(uri: vscode.Uri, name: string): Promise<Uint8Array> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    assertDatasetFileFacts(name, { kind: fileKind(stat.type), size: stat.size });
    return await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    const missing = e instanceof vscode.FileSystemError && e.code === 'FileNotFound';
    throw new DatasetError(name, missing ? 'file not found: check optimizationLab.dataset or pick another file' : `cannot read the file: ${(e as Error).message}`);
  }
}

/** VS Code reports FIFOs, devices and sockets as Unknown (a symlink adds its SymbolicLink bit to its target's type). */
function fileKind(type: vscode.FileType): FileKind {
  if (type & vscode.FileType.File) return 'file';
  if (type & vscode.FileType.Directory) return 'directory';
  return 'other';
}

interface DatasetPick extends vscode.QuickPickItem {
  source: string | 'browse';
}

async function pickDataset(): Promise<string | undefined> {
  const glob = `**/*.{${Object.keys(DATASET_EXTENSIONS).join(',')}}`;
  const files = (await vscode.workspace.findFiles(glob, EXCLUDE, 500))
    .map((uri) => ({ uri, path: vscode.workspace.asRelativePath(uri, false) }))
    .filter(({ path }) => !NOT_DATA.test(path) && !(datasetFormat(path) === 'npy' && isNpyLabelFile(path)))
    .sort((a, b) => a.path.localeCompare(b.path));
  const items: DatasetPick[] = [
    { label: '$(beaker) Built-in moons', description: "the notebook's 300 points (noise 0.2, seed 3)", source: BUILT_IN_MOONS },
    ...files.map(({ uri, path }) => ({
      label: `$(file) ${path.slice(path.lastIndexOf('/') + 1)}`,
      description: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '',
      source: uri.toString(),
    })),
    { label: '$(folder-opened) Browse…', description: 'a data set outside the workspace', source: 'browse' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Data set to train on',
    placeHolder: 'Set optimizationLab.dataset to skip this question',
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  if (picked.source !== 'browse') return picked.source;
  const chosen = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Train on this data set',
    filters: { 'Data sets': Object.keys(DATASET_EXTENSIONS) },
  });
  return chosen?.[0]?.toString();
}
