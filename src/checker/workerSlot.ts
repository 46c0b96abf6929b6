import { isAbsolute } from 'node:path';
import { findHarness } from './harnessLocation';
import type { FoundFunction } from './protocol';
import { resolvePyenvShim } from './pyenvShim';
import { PythonWorker } from './pythonWorker';
import type { CheckerOptions } from './types';

/** The executable each configured interpreter turned out to be (its sys.executable), and the environment it ran with. */
const resolvedInterpreters = new Map<string, { executable: string; env: Record<string, string> | undefined }>();

/**
 * One long-lived Python worker of the checker and what it holds (the loaded source, the stored inputs). The
 * checker runs one slot per core it may use, each checking whole functions, so a file's functions are checked
 * side by side; a slot whose worker died or stopped answering starts a new one on its next use.
 */
export class WorkerSlot {
  private worker: PythonWorker | undefined;
  private starting: Promise<PythonWorker> | undefined;
  private loadedSource: string | undefined;
  private storedKeys = new Set<string>();
  private disposed = false;

  constructor(private readonly options: () => CheckerOptions) {}

  /** A live worker, started (or restarted) if needed. Rejects with PythonUnavailableError as PythonWorker.start does. */
  async ensure(): Promise<PythonWorker> {
    if (this.disposed) throw new Error('The checker was disposed');
    if (this.worker?.alive) return this.worker;
    if (this.starting) return this.starting;
    this.loadedSource = undefined;
    this.storedKeys = new Set();
    this.starting = this.start();
    try {
      this.worker = await this.starting;
      return this.worker;
    } finally {
      this.starting = undefined;
    }
  }

  /** Loads `source` (the worker parses it) and returns the functions it defines. */
  async load(source: string): Promise<FoundFunction[]> {
    const worker = await this.ensure();
    const loaded = await worker.request<'load'>({ type: 'load', source });
    this.loadedSource = source;
    return loaded.functions;
  }

  /** A worker that has `source` loaded. */
  async with(source: string): Promise<PythonWorker> {
    const worker = await this.ensure();
    if (this.loadedSource !== source) await this.load(source);
    return worker;
  }

  /** Whether this worker already holds the input stored under `key` (inputs are sent once per worker). */
  holds(key: string): boolean {
    return this.storedKeys.has(key);
  }

  stored(key: string): void {
    this.storedKeys.add(key);
  }

  /**
   * Ends the process the worker kept for `session` (a function's check is over), so that nothing the learner's
   * code left running there outlives the check. Never rejects: a dead worker kept nothing.
   */
  async release(session: string): Promise<void> {
    const worker = this.worker;
    if (!worker?.alive) return;
    await worker.request<'release'>({ type: 'release', session }).catch(() => undefined);
  }

  /** Ends the worker; the next use starts a fresh one. */
  stop(): void {
    this.worker?.kill();
    this.worker = undefined;
    this.loadedSource = undefined;
    this.storedKeys = new Set();
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
  }

  private async start(): Promise<PythonWorker> {
    const { pythonPath: configured, harnessPath, memoryLimitMb } = this.options();
    const start = (pythonPath: string, env?: Record<string, string>) =>
      PythonWorker.start({ pythonPath, harnessPath: harnessPath ?? findHarness(), memoryLimitMb, env });
    // A launcher like pyenv's shim costs a second on a busy machine: later workers start the interpreter it
    // chose, and the first one starts the interpreter a pyenv shim would choose, read without running pyenv.
    const resolved = resolvedInterpreters.get(configured);
    const direct = resolved ?? resolvePyenvShim(configured, { env: process.env, cwd: process.cwd() });
    let worker: PythonWorker;
    let env: Record<string, string> | undefined;
    if (direct !== undefined) {
      try {
        worker = await start(direct.executable, direct.env);
        env = direct.env;
      } catch {
        resolvedInterpreters.delete(configured); // the environment changed: ask the configured one again
        worker = await start(configured);
      }
    } else {
      worker = await start(configured);
    }
    const executable = worker.info?.executable;
    if (executable && isAbsolute(executable)) resolvedInterpreters.set(configured, { executable, env });
    if (this.disposed) {
      worker.kill();
      throw new Error('The checker was disposed');
    }
    return worker;
  }
}
