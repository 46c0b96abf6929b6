import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { preparedCases, type PreparedCase } from './cases/preparedCase';
import { editionMismatch, editionOf, inEditionOrder, type EditionFamily } from './cases/editions';
import { contradictedIds, diagnose, lineOf } from './mistakes/diagnose';
import type { DiagnosisContext, FunctionSource } from './mistakes/mistake';
import { aliasing, callsDiffer, changedInput } from './mistakes/reasoning';
import { findMismatch, sameValue } from './compare';
import { RESULT_NAMES } from './cases/pythonCall';
import type { FoundFunction } from './protocol';
import { fromWire, UnprovenSameError, type PyValue } from './pyValue';
import { WorkerExitedError, WorkerProtocolError, WorkerTimeoutError } from './pythonWorker';
import { compareResult } from './resultComparison';
import {
  GRADED_FUNCTIONS,
  isGradedFunction,
  type CheckerOptions,
  type CheckResult,
  type CheckStatus,
  type FunctionReport,
  type GradedFunction,
} from './types';
import { WorkerSlot } from './workerSlot';

const OUTPUT_LIMIT = 4000;
/** How long past a call's own time limit the harness may take to answer before it is considered stuck. */
const HARNESS_GRACE_MS = 5000;
/** Workers the checks use at most: two keep a file's eight functions under the warm target on two cores. */
const DEFAULT_WORKERS = 2;
const STATUS_RANK: Record<CheckStatus, number> = { pass: 0, fail: 1, error: 2, timeout: 3 };

/** The big mini-batch cases first, so that the other worker is not left idle at the end. */
function checkOrder(fn: GradedFunction): number {
  return fn === 'random_mini_batches' ? -1 : GRADED_FUNCTIONS.indexOf(fn);
}

function worst(checks: readonly CheckResult[]): CheckStatus {
  return checks.reduce<CheckStatus>((w, c) => (STATUS_RANK[c.status] > STATUS_RANK[w] ? c.status : w), 'pass');
}

/** The result with the recognised mistake, its title and hint, when the catalogue or the values explain the failure. */
function withMistake(result: CheckResult, context: DiagnosisContext, excluded?: ReadonlySet<string>): CheckResult {
  const found = diagnose(context, excluded);
  if (!found) return result;
  const named: CheckResult = { ...result, mistake: found.id, title: found.title, hint: found.hint };
  if (found.line !== undefined) named.mistakeLine = found.line;
  return named;
}

/** The case called twice: the first one, unless its inputs are big (the notebook's 12288 x 148 mini-batch input). */
function caseToRepeat(cases: readonly PreparedCase[]): PreparedCase | undefined {
  const small = (c: PreparedCase) => c.stores.length === 0 && (c.case.inputs.fn !== 'random_mini_batches' || c.case.inputs.X.cols >= 20);
  return cases.find(small) ?? cases[0];
}

/** The text of the top-level function whose `def` is on 1-based `line`, up to the next top-level statement. */
function functionSource(source: string, line: number): FunctionSource {
  const lines = source.split('\n');
  let end = line;
  while (end < lines.length && (lines[end]!.trim() === '' || /^[\s#]/.test(lines[end]!) || lines[end]!.startsWith(')'))) end++;
  return { text: lines.slice(line - 1, end).join('\n'), line };
}

/**
 * Checks a learner's graded functions against the notebook's test cases and more, through long-lived Python
 * workers (python/harness.py) that run each function's cases in a fresh process of its own. The expected values
 * are computed here and never sent to Python; what comes back is compared here. A function's cases run one after
 * another in one worker; up to `workers` functions are checked side by side, which halves a file's check on two
 * cores. A worker that dies or stops answering is replaced; check requests are queued, one file at a time.
 */
export class Checker {
  private options: CheckerOptions;
  /** One per core the checks may use (CheckerOptions.workers): each checks whole functions. */
  private readonly slots: WorkerSlot[];
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  /** Numbers each function check's session (see CallRequest.session). */
  private sessions = 0;

  constructor(options: CheckerOptions) {
    this.options = { ...options };
    const count = Math.max(1, Math.floor(options.workers ?? Math.min(DEFAULT_WORKERS, availableParallelism())));
    this.slots = Array.from({ length: count }, () => new WorkerSlot(() => this.options));
  }

  /** New settings; a different interpreter or memory limit takes effect with fresh workers. */
  setOptions(o: Partial<CheckerOptions>): void {
    const restart =
      (o.pythonPath !== undefined && o.pythonPath !== this.options.pythonPath) ||
      (o.memoryLimitMb !== undefined && o.memoryLimitMb !== this.options.memoryLimitMb) ||
      (o.harnessPath !== undefined && o.harnessPath !== this.options.harnessPath);
    this.options = { ...this.options, ...o, workers: this.options.workers };
    if (restart) for (const slot of this.slots) slot.stop();
  }

  dispose(): void {
    this.disposed = true;
    for (const slot of this.slots) slot.dispose();
  }

  /**
   * Starts Python and computes the cases of `functions` (all six by default) now, so that the first check
   * does not wait for either. Rejects with PythonUnavailableError as checkSource does.
   */
  async warmUp(functions: readonly GradedFunction[] = GRADED_FUNCTIONS): Promise<void> {
    await this.enqueue(async () => {
      const starting = this.startSlots(functions.length);
      for (const fn of functions) this.casesOf(fn);
      await starting;
    });
  }

  /**
   * Checks each graded function defined at top level in `source` (only those in `only`, when given).
   * Throws PythonUnavailableError when Python or numpy cannot be used.
   */
  checkSource(source: string, only?: readonly GradedFunction[]): Promise<FunctionReport[]> {
    return this.enqueue(() => this.run(source, only));
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Starts the workers `functions` graded functions can keep busy; settles when the first has started. */
  private async startSlots(functions: number): Promise<void> {
    if (this.disposed) throw new Error('The checker was disposed');
    const used = this.slots.slice(0, Math.max(1, Math.min(functions, this.slots.length)));
    const starting = used.map((slot) => slot.ensure());
    for (const s of starting) s.catch(() => undefined);
    await starting[0];
  }

  private async run(source: string, only: readonly GradedFunction[] | undefined): Promise<FunctionReport[]> {
    if (this.disposed) throw new Error('The checker was disposed');
    // Python starts in its own processes while the cases of the functions the source seems to define are
    // computed here (the parse in Python decides what is checked).
    const likely = GRADED_FUNCTIONS.filter(
      (fn) => (only === undefined || only.includes(fn)) && new RegExp(`^\\s*def\\s+${fn}\\b`, 'm').test(source),
    );
    const starting = this.startSlots(likely.length);
    for (const fn of likely) this.casesOf(fn);
    await starting;
    const found = await this.slots[0]!.load(source);
    const targets = found
      .filter((f): f is FoundFunction & { name: GradedFunction } => isGradedFunction(f.name))
      .filter((f) => only === undefined || only.includes(f.name))
      .sort((a, b) => checkOrder(a.name) - checkOrder(b.name));
    // Each worker takes the next function left; the reports do not depend on which worker checked what.
    const reports: FunctionReport[] = [];
    let next = 0;
    const drain = async (slot: WorkerSlot): Promise<void> => {
      while (next < targets.length) reports.push(await this.checkFunction(targets[next++]!, source, slot));
    };
    // Both finish before the next file's check starts, even when one of them fails (Python became unusable).
    const settled = await Promise.allSettled(this.slots.slice(0, Math.max(1, targets.length)).map(drain));
    for (const s of settled) if (s.status === 'rejected') throw s.reason;
    return reports.sort((a, b) => a.line - b.line);
  }

  private casesOf(fn: GradedFunction): PreparedCase[] {
    return preparedCases(fn);
  }

  private async checkFunction(f: FoundFunction & { name: GradedFunction }, source: string, slot: WorkerSlot): Promise<FunctionReport> {
    if (f.syntaxError) {
      const check: CheckResult = {
        case: 'definition',
        status: 'error',
        message: f.syntaxError.message,
        mistake: null,
        hint: null,
        learnerLine: f.syntaxError.line,
      };
      return { name: f.name, line: f.line, status: 'error', checks: [check] };
    }
    const checks: CheckResult[] = [];
    let output = '';
    const edition = editionOf(source);
    const own = functionSource(source, f.line);
    const cases = inEditionOrder(this.casesOf(f.name), edition);
    // One small case is called twice by the same function object: a different second result says the shuffle
    // is not seeded, or that state survives between calls (a default argument, a global).
    const repeated = f.name === 'update_lr' || f.name === 'schedule_lr_decay' ? undefined : caseToRepeat(cases);
    let first: PyValue | undefined;
    let second: PyValue | undefined;
    let changed: number[] | undefined;
    const contexts: Array<DiagnosisContext | undefined> = [];
    // The function's cases run one after another in one process of the worker's (fresh inputs each time), which
    // is ended when they are done: a process per call would cost more than most calls.
    const session = `${f.name}#${++this.sessions}`;
    try {
      for (const prepared of cases) {
        const run = await this.runCase(slot, session, f.name, prepared, source, edition, own, prepared === repeated);
        const { result, printed, stop, context } = run;
        if (prepared === repeated) [first, second, changed] = [run.actual, run.again, run.changed];
        checks.push(result);
        contexts.push(context);
        if (printed && output.length < OUTPUT_LIMIT) output += `--- ${prepared.case.name} ---\n${printed}\n`;
        if (stop) break;
      }
    } finally {
      await slot.release(session);
    }
    // A name one case matched by chance but another case contradicts is replaced by the next explanation.
    const all = contexts.filter((c): c is DiagnosisContext => c !== undefined);
    const contradicted = contradictedIds(checks.map((c) => c.mistake), all);
    if (contradicted.size > 0) {
      checks.forEach((check, i) => {
        const context = contexts[i];
        if (check.mistake === null || !contradicted.has(check.mistake) || context === undefined) return;
        const plain: CheckResult = { ...check, mistake: null, hint: null };
        delete plain.title;
        delete plain.mistakeLine;
        checks[i] = withMistake(plain, context, contradicted);
      });
    }
    if (first !== undefined && second !== undefined && repeated !== undefined && !sameValue(first, second)) {
      const named = callsDiffer(f.name);
      const line = lineOf(own, named.at);
      // Stronger evidence than another order or an unnamed difference in one call: say it on those cases.
      for (const original of checks) {
        if (original.status !== 'fail' || (original.mistake !== null && original.mistake !== 'minibatch-other-permutation')) continue;
        Object.assign(original, { mistake: named.id, title: named.title, hint: named.hint }, line === undefined ? {} : { mistakeLine: line });
      }
      const check: CheckResult = {
        case: `extra case: ${repeated.case.name}, called twice`,
        status: 'fail',
        message: `the second call with the same inputs returned something else: ${findMismatch(first, second, RESULT_NAMES[f.name].join(', '))?.message ?? 'another value'}`,
        mistake: named.id,
        title: named.title,
        hint: named.hint,
      };
      if (line !== undefined) check.mistakeLine = line;
      checks.push(check);
    }
    const modified = repeated === undefined ? undefined : changedInput(f.name, changed);
    if (modified && repeated) {
      const check: CheckResult = {
        case: `extra case: ${repeated.case.name}, inputs left as they were`,
        status: 'fail',
        message: `the call changed its argument ${modified.argument} in place`,
        mistake: modified.id,
        title: modified.title,
        hint: modified.hint,
      };
      const line = lineOf(own, modified.at);
      if (line !== undefined) check.mistakeLine = line;
      checks.push(check);
    }
    const report: FunctionReport = { name: f.name, line: f.line, status: worst(checks), checks };
    if (output) report.output = output.length > OUTPUT_LIMIT ? output.slice(0, OUTPUT_LIMIT) + '\n...' : output;
    return report;
  }

  private async runCase(
    slot: WorkerSlot,
    session: string,
    fn: GradedFunction,
    prepared: PreparedCase,
    source: string,
    edition: EditionFamily,
    own: FunctionSource,
    again = false,
  ): Promise<{ result: CheckResult; printed: string; stop: boolean; actual?: PyValue; again?: PyValue; changed?: number[]; context?: DiagnosisContext }> {
    const base = { case: prepared.case.name, mistake: null, hint: null };
    const inputs = prepared.case.inputs;
    try {
      const worker = await slot.with(source);
      const nonce = randomBytes(16).toString('hex');
      for (const { key, array, bytes } of prepared.stores) {
        if (slot.holds(key)) continue;
        const dtype = array.dtype === '|b1' ? '|b1' : '<f8';
        await worker.request<'store'>({ type: 'store', key, dtype, shape: array.shape, byteLength: bytes.byteLength }, undefined, bytes);
        slot.stored(key);
      }
      const response = await worker.request<'call'>(
        {
          type: 'call',
          function: fn,
          args: prepared.args,
          kwargs: prepared.kwargs,
          ...(prepared.sameDigests ? { sameDigests: prepared.sameDigests, nonce } : {}),
          ...(again ? { again: true } : {}),
          session,
          // With `again` the call's process makes two calls: each keeps its own time limit.
          timeoutMs: (again ? 2 : 1) * this.options.timeoutMs,
        },
        (again ? 2 : 1) * this.options.timeoutMs + HARNESS_GRACE_MS,
      );
      if (response.type === 'ended') {
        if (response.reason === 'timeout') {
          const message = `did not finish within ${this.options.timeoutMs / 1000} s (an endless loop?); the remaining cases were not run`;
          const result = withMistake({ ...base, status: 'timeout', message }, { inputs, expected: prepared.expected, actual: undefined, error: undefined, mismatch: undefined, source: own, timedOut: true });
          return { result, printed: response.output, stop: true };
        }
        // Out of memory or the process ended: the next cases would most likely end the same way.
        const stop = response.reason === 'memory' || response.reason === 'exited';
        const message = stop ? `${response.message}; the remaining cases were not run` : response.message;
        const result: CheckResult = { ...base, status: 'error', message };
        if (response.reason !== 'memory') return { result, printed: response.output, stop };
        // Stopped for its memory: the diagnosis can tell an endless loop that fills a list from a real need.
        const error = { type: 'MemoryError', message: response.message, line: null, traceback: '' };
        return { result: withMistake(result, { inputs, expected: prepared.expected, actual: undefined, error, mismatch: undefined, source: own }), printed: response.output, stop };
      }
      if (response.type === 'raised') {
        const e = response.error;
        const where = e.line === null ? '' : ` (line ${e.line})`;
        const result: CheckResult = { ...base, status: 'error', message: `${e.type}: ${e.message}${where}` };
        if (e.line !== null) result.learnerLine = e.line;
        const context: DiagnosisContext = { inputs, expected: prepared.expected, actual: undefined, error: e, mismatch: undefined, source: own };
        return { result: withMistake(result, context), printed: response.output, stop: false, context };
      }
      const actual = fromWire(response.value, prepared.expected, nonce);
      const second = response.again === undefined ? undefined : fromWire(response.again, prepared.expected, nonce);
      const changed = response.changedInputs;
      const mismatch = compareResult(fn, prepared.expected, actual) ?? editionMismatch(fn, actual, edition);
      const facts = response.facts;
      const alias = mismatch === undefined && facts !== undefined ? aliasing(inputs.fn, facts) : undefined;
      if (alias) {
        // Equal values, but v and s are one object: the next Adam step would mix them up.
        const result: CheckResult = { ...base, status: 'fail', message: `the values match, but ${alias.title}`, mistake: alias.id, title: alias.title, hint: alias.hint };
        const line = lineOf(own, alias.at);
        if (line !== undefined) result.mistakeLine = line;
        return { result, printed: response.output, stop: false, actual, again: second };
      }
      if (mismatch === undefined) {
        const context: DiagnosisContext = { inputs, expected: prepared.expected, actual, error: undefined, mismatch: undefined, source: own };
        return { result: { ...base, status: 'pass', message: 'all values match' }, printed: response.output, stop: false, actual, again: second, changed, context };
      }
      const result: CheckResult = { ...base, status: 'fail', message: mismatch.message, key: mismatch.key };
      const details = ['index', 'expected', 'actual', 'maxAbsError', 'maxRelError', 'expectedText', 'actualText'] as const;
      for (const field of details) if (mismatch[field] !== undefined) Object.assign(result, { [field]: mismatch[field] });
      const context: DiagnosisContext = { inputs, expected: prepared.expected, actual, error: undefined, mismatch, source: own };
      if (facts !== undefined) context.facts = facts;
      return { result: withMistake(result, context), printed: response.output, stop: false, actual, again: second, changed, context };
    } catch (e) {
      if (e instanceof WorkerTimeoutError) {
        // The harness itself stopped answering (it enforces the call's limit): a fresh one takes over.
        slot.stop();
        const message = `did not finish within ${this.options.timeoutMs / 1000} s, and the checker's Python process stopped answering; the remaining cases were not run`;
        const result = withMistake({ ...base, status: 'timeout', message }, { inputs, expected: prepared.expected, actual: undefined, error: undefined, mismatch: undefined, source: own, timedOut: true });
        return { result, printed: '', stop: true };
      }
      if (e instanceof WorkerExitedError) {
        // The harness died during this function's call (killed by it, where no syscall filter stops that).
        slot.stop();
        const how = e.signal ? `was killed (${e.signal})` : `exited with code ${e.code}`;
        const message = `the checker's Python process ${how} while running the function; the remaining cases were not run`;
        return { result: { ...base, status: 'error', message }, printed: '', stop: true };
      }
      if (e instanceof UnprovenSameError) {
        return { result: { ...base, status: 'error', message: `the checker refused this case's answer: ${e.message}` }, printed: '', stop: false };
      }
      if (e instanceof WorkerProtocolError) {
        // The harness could not handle the call (say, a value it cannot encode): report it, keep going.
        return { result: { ...base, status: 'error', message: `the checker could not run this case: ${e.message}` }, printed: '', stop: false };
      }
      throw e;
    }
  }
}
