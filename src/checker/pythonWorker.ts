import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { ReadyMessage, ResponseOf, WorkerMessage, WorkerRequest, WorkerResponse } from './protocol';
import { PythonUnavailableError } from './types';

export interface WorkerStartOptions {
  pythonPath: string;
  harnessPath: string;
  memoryLimitMb: number;
  /** How long Python may take to start and import numpy. */
  startTimeoutMs?: number;
  /** Environment variables to set on top of this process's (a launcher's choices, when it is bypassed). */
  env?: Record<string, string>;
}

/** No answer came before the request's deadline; the worker was killed. */
export class WorkerTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs / 1000} s`);
    this.name = 'WorkerTimeoutError';
  }
}

/** The worker process ended while a request was open (os._exit in learner code, a crash, a kill). */
export class WorkerExitedError extends Error {
  constructor(
    readonly code: number | null,
    readonly signal: NodeJS.Signals | null,
    readonly stderrTail: string,
  ) {
    super(`the Python process ended (${signal ?? `exit code ${code}`})${stderrTail ? `: ${lastLine(stderrTail)}` : ''}`);
    this.name = 'WorkerExitedError';
  }
}

/** The harness could not handle a request: a bug on our side, reported as such. */
export class WorkerProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerProtocolError';
  }
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return lines[lines.length - 1] ?? '';
}

interface Pending {
  resolve: (r: WorkerResponse) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

type RequestBody<K extends WorkerRequest['type']> = Omit<Extract<WorkerRequest, { type: K }>, 'id'>;

const STDERR_KEEP = 8192;
/** The deadline of a request that names none: no request may wait for ever (a stuck harness is killed). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * One long-lived `python3 harness.py` spoken to over JSON lines. It never runs learner code itself (it forks a
 * child per call), but it is still treated as expendable: it runs in its own process group, every request has a
 * deadline, and killing it also ends the process group of the call it was running.
 */
export class PythonWorker {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private chunks: Buffer[] = [];
  private stderrTail = '';
  private exited = false;
  private onMessage: ((m: WorkerMessage) => void) | undefined;
  private onExit: ((e: WorkerExitedError) => void) | undefined;
  /** The process group of the call running now, if any. */
  private callGroup: number | undefined;
  info: ReadyMessage | undefined;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_KEEP);
    });
    child.stdin.on('error', () => {
      /* EPIPE after the process died: the exit handler reports it */
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      this.endCallGroup();
      const error = new WorkerExitedError(code, signal, this.stderrTail);
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        this.pending.delete(id);
        p.reject(error);
      }
      this.onExit?.(error);
    });
  }

  /** Starts Python and waits for the harness to say numpy is there; PythonUnavailableError otherwise. */
  static start(options: WorkerStartOptions): Promise<PythonWorker> {
    const { pythonPath, harnessPath, memoryLimitMb } = options;
    const startTimeoutMs = options.startTimeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      let child: ChildProcessWithoutNullStreams;
      try {
        child = spawn(pythonPath, ['-B', harnessPath, '--memory-mb', String(Math.round(memoryLimitMb))], {
          env: { ...process.env, ...options.env, PYTHONIOENCODING: 'utf-8', OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' },
          stdio: ['pipe', 'pipe', 'pipe'],
          windowsHide: true,
          // Its own process group: a learner's process that signals its parent's group cannot reach this one.
          detached: process.platform !== 'win32',
        });
      } catch (e) {
        reject(unavailable('python-failed', pythonPath, e instanceof Error ? e.message : String(e)));
        return;
      }
      const worker = new PythonWorker(child);
      let settled = false;
      const settle = (f: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.onMessage = undefined;
        worker.onExit = undefined;
        f();
      };
      const timer = setTimeout(() => {
        settle(() => {
          worker.kill();
          reject(unavailable('python-failed', pythonPath, `it did not start within ${startTimeoutMs / 1000} s`));
        });
      }, startTimeoutMs);
      child.on('error', (e: NodeJS.ErrnoException) => {
        settle(() => reject(unavailable(e.code === 'ENOENT' ? 'python-not-found' : 'python-failed', pythonPath, e.message)));
      });
      worker.onExit = (e) => settle(() => reject(unavailable('python-failed', pythonPath, e.stderrTail.trim() || e.message)));
      worker.onMessage = (m) => {
        if (m.type === 'ready') {
          worker.info = m;
          settle(() => resolve(worker));
        } else if (m.type === 'fatal') {
          settle(() => {
            worker.kill();
            reject(unavailable(m.reason === 'numpy-missing' ? 'numpy-missing' : 'python-failed', pythonPath, m.message));
          });
        }
      };
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  /**
   * Sends one request (and, for `store`, the raw bytes it announces); kills the process when no answer comes
   * within `timeoutMs` (DEFAULT_REQUEST_TIMEOUT_MS when not given).
   */
  request<K extends WorkerRequest['type']>(
    body: RequestBody<K>,
    timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
    payload?: Uint8Array,
  ): Promise<ResponseOf[K]> {
    if (this.exited) return Promise.reject(new WorkerExitedError(null, null, this.stderrTail));
    const id = this.nextId++;
    const line = JSON.stringify({ ...body, id }) + '\n';
    return new Promise<ResponseOf[K]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.kill();
        reject(new WorkerTimeoutError(timeoutMs));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (r) => {
          if (r.type === 'failed') reject(new WorkerProtocolError(r.message));
          else resolve(r as ResponseOf[K]);
        },
        reject,
        timer,
      });
      this.child.stdin.write(line);
      if (payload !== undefined) this.child.stdin.write(payload);
    });
  }

  /** Kills the harness and the call it runs; nothing here waits for them (the handles are let go). */
  kill(): void {
    this.endCallGroup();
    if (!this.exited) {
      const pid = this.child.pid;
      try {
        if (pid !== undefined && process.platform !== 'win32') process.kill(-pid, 'SIGKILL');
        else this.child.kill('SIGKILL');
      } catch {
        this.child.kill('SIGKILL');
      }
    }
    this.child.unref();
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) (stream as unknown as { unref?: () => void }).unref?.();
  }

  private endCallGroup(): void {
    const group = this.callGroup;
    this.callGroup = undefined;
    if (group === undefined || process.platform === 'win32') return;
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }

  private receive(chunk: Buffer): void {
    let start = 0;
    let newline = chunk.indexOf(10);
    while (newline !== -1) {
      this.chunks.push(chunk.subarray(start, newline));
      const line = Buffer.concat(this.chunks).toString('utf8');
      this.chunks = [];
      this.dispatch(line);
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    if (start < chunk.length) this.chunks.push(chunk.subarray(start));
  }

  private dispatch(line: string): void {
    let message: WorkerMessage;
    try {
      message = JSON.parse(line) as WorkerMessage;
    } catch {
      this.stderrTail = (this.stderrTail + `\n(unreadable line from the harness: ${line.slice(0, 200)})`).slice(-STDERR_KEEP);
      return;
    }
    if (message.type === 'ready' || message.type === 'fatal') {
      this.onMessage?.(message);
      return;
    }
    if (message.type === 'running') {
      if (Number.isInteger(message.pgid) && message.pgid > 1) this.callGroup = message.pgid;
      return;
    }
    const id = message.id;
    const p = id === null ? undefined : this.pending.get(id);
    if (p === undefined || id === null) return;
    this.callGroup = undefined; // the harness ended it before answering
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(message);
  }
}

const SETTING_ADVICE = 'set "optimizationLab.pythonPath" (or pass --python PATH to optlab check) to a Python 3.8+ that has numpy';

function unavailable(reason: PythonUnavailableError['reason'], pythonPath: string, detail: string): PythonUnavailableError {
  switch (reason) {
    case 'python-not-found':
      return new PythonUnavailableError(
        reason,
        pythonPath,
        `Python was not found at "${pythonPath}". Install Python 3 with numpy (https://www.python.org, then "python3 -m pip install numpy"), or ${SETTING_ADVICE}.`,
      );
    case 'numpy-missing':
      return new PythonUnavailableError(
        reason,
        pythonPath,
        `The Python at "${pythonPath}" has no numpy (${detail}). Install it with "${pythonPath} -m pip install numpy", or ${SETTING_ADVICE}.`,
      );
    case 'python-failed':
      return new PythonUnavailableError(
        reason,
        pythonPath,
        `The Python at "${pythonPath}" could not run the checker: ${detail.split('\n').slice(-3).join(' ').trim()}. Check that it is Python 3.8 or newer, or ${SETTING_ADVICE}.`,
      );
  }
}
