/**
 * Which Python runs the learner's functions: the `optimizationLab.pythonPath` setting, else the
 * interpreter selected in the Python extension (through its published environments API), else
 * `python3` on PATH.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { PythonSource } from '../../shared/protocol';

export interface ResolvedPython {
  path: string;
  source: PythonSource;
}

const PYTHON_EXTENSION_ID = 'ms-python.python';
const FALLBACK_PYTHON = process.platform === 'win32' ? 'python' : 'python3';
/** A Python extension that takes longer than this to activate does not hold the checks back. */
const ACTIVATION_TIMEOUT_MS = 15_000;

/**
 * The part of the Python extension's API we use (`@vscode/python-extension` documents it);
 * declared here rather than adding the package, and checked at runtime before use.
 */
interface EnvironmentPath {
  readonly id: string;
  readonly path: string;
}
interface PythonEnvironmentsApi {
  getActiveEnvironmentPath(resource?: vscode.Uri): EnvironmentPath;
  resolveEnvironment(environment: EnvironmentPath | string): Promise<{ executable: { uri: vscode.Uri | undefined } } | undefined>;
  onDidChangeActiveEnvironmentPath: vscode.Event<unknown>;
}

export class PythonInterpreter implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the Python extension's selected interpreter changes. */
  readonly onDidChange = this.changed.event;
  private subscription: vscode.Disposable | undefined;

  async resolve(settingValue: string, resource?: vscode.Uri): Promise<ResolvedPython> {
    if (settingValue !== '') return { path: expandPath(settingValue, resource), source: 'setting' };
    const fromExtension = await this.fromPythonExtension(resource);
    if (fromExtension) return { path: fromExtension, source: 'python-extension' };
    return { path: FALLBACK_PYTHON, source: 'default' };
  }

  /** True when the Python extension is installed, so "Select Interpreter" can use its picker. */
  static hasPythonExtension(): boolean {
    return vscode.extensions.getExtension(PYTHON_EXTENSION_ID) !== undefined;
  }

  dispose(): void {
    this.subscription?.dispose();
    this.changed.dispose();
  }

  private async fromPythonExtension(resource?: vscode.Uri): Promise<string | undefined> {
    const extension = vscode.extensions.getExtension(PYTHON_EXTENSION_ID);
    if (!extension) return undefined;
    try {
      const exports: unknown = extension.isActive ? extension.exports : await withTimeout(extension.activate(), ACTIVATION_TIMEOUT_MS);
      const api = environmentsApi(exports);
      if (!api) return undefined;
      this.subscription ??= api.onDidChangeActiveEnvironmentPath(() => this.changed.fire());
      const active = api.getActiveEnvironmentPath(resource);
      const resolved = await api.resolveEnvironment(active);
      return resolved?.executable.uri?.fsPath;
    } catch {
      // A broken or still-loading Python extension must not stop the checks: fall back to python3.
      return undefined;
    }
  }
}

function environmentsApi(exports: unknown): PythonEnvironmentsApi | undefined {
  if (typeof exports !== 'object' || exports === null) return undefined;
  const environments = (exports as { environments?: unknown }).environments;
  if (typeof environments !== 'object' || environments === null) return undefined;
  const api = environments as Partial<Record<keyof PythonEnvironmentsApi, unknown>>;
  const complete =
    typeof api.getActiveEnvironmentPath === 'function' &&
    typeof api.resolveEnvironment === 'function' &&
    typeof api.onDidChangeActiveEnvironmentPath === 'function';
  return complete ? (environments as PythonEnvironmentsApi) : undefined;
}

/** `~` and `${workspaceFolder}` in the setting, as people write them in other Python settings. */
function expandPath(value: string, resource?: vscode.Uri): string {
  const folder = (resource && vscode.workspace.getWorkspaceFolder(resource)) ?? vscode.workspace.workspaceFolders?.[0];
  let expanded = value.replace(/^~(?=$|[\\/])/, os.homedir());
  if (folder) expanded = expanded.replace(/\$\{workspaceFolder\}/g, folder.uri.fsPath);
  return expanded;
}

function withTimeout<T>(promise: Thenable<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
