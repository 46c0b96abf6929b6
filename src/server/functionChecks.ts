/**
 * Runs the checker on the graded functions of a source, one run at a time (the checker has one
 * Python worker), and remembers each function's report by the text it depends on, so that a
 * function that did not change is not run again when another one is edited.
 */
import type { CheckerOptions, FunctionReport, GradedFunction } from '../checker/types';
import { isGradedFunction } from '../checker/types';
import type { PythonFunction, PythonOutline } from './pythonOutline';

/** The part of the checker this module uses (the real `Checker`, or a fake in unit tests). */
export interface CheckEngine {
  checkSource(source: string, only?: readonly GradedFunction[]): Promise<FunctionReport[]>;
  setOptions(options: CheckerOptions): void;
  dispose(): void;
}

export interface CheckedFunction {
  fn: PythonFunction;
  /** Lines refer to the source just checked, even when the report came from the cache. */
  report: FunctionReport;
  fromCache: boolean;
}

const CACHE_LIMIT = 500;

/** The function Python would call: the last module-level definition of each graded name. */
export function gradedFunctions(outline: PythonOutline): Map<GradedFunction, PythonFunction> {
  const found = new Map<GradedFunction, PythonFunction>();
  for (const fn of outline.functions) {
    if (isGradedFunction(fn.name)) found.set(fn.name, fn);
  }
  return found;
}

export class FunctionChecks {
  private readonly cache = new Map<string, FunctionReport>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly engine: CheckEngine,
    private options: CheckerOptions,
  ) {}

  setOptions(options: CheckerOptions): void {
    if (JSON.stringify(options) === JSON.stringify(this.options)) return;
    this.options = options;
    this.engine.setOptions(options);
    this.cache.clear();
  }

  /**
   * Checks the named graded functions (all found when `names` is absent). Reports come back for
   * the functions that exist in the source; a PythonUnavailableError from the checker propagates.
   */
  async check(sourceText: string, outline: PythonOutline, names?: readonly string[]): Promise<CheckedFunction[]> {
    const graded = gradedFunctions(outline);
    const wanted = [...graded].filter(([name]) => !names || names.includes(name));
    const context = contextKey(outline, this.options);
    const results = new Map<string, CheckedFunction>();
    const missing: GradedFunction[] = [];
    for (const [name, fn] of wanted) {
      const hit = this.cache.get(cacheKey(context, fn));
      if (hit) results.set(name, { fn, report: shiftReport(hit, fn.defLine + 1), fromCache: true });
      else missing.push(name);
    }
    if (missing.length > 0) {
      const reports = await this.serialized(() => this.engine.checkSource(sourceText, missing));
      for (const report of reports) {
        const fn = graded.get(report.name);
        if (!fn || !missing.includes(report.name)) continue;
        // Positions come from tree-sitter; the checker's exception lines already fit this source.
        const aligned: FunctionReport = { ...report, line: fn.defLine + 1 };
        this.remember(cacheKey(context, fn), aligned);
        results.set(fn.name, { fn, report: aligned, fromCache: false });
      }
    }
    return wanted.map(([name]) => results.get(name)).filter((r): r is CheckedFunction => r !== undefined);
  }

  dispose(): void {
    this.engine.dispose();
  }

  private remember(key: string, report: FunctionReport): void {
    this.cache.delete(key);
    this.cache.set(key, report);
    if (this.cache.size > CACHE_LIMIT) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * What a graded function's result may depend on besides its own text: the interpreter and limits,
 * the module's imports and its other (helper) functions, which the learner's function may call.
 */
function contextKey(outline: PythonOutline, options: CheckerOptions): string {
  const helpers = outline.functions.filter((fn) => !isGradedFunction(fn.name)).map((fn) => fn.text);
  return JSON.stringify([options.pythonPath, options.timeoutMs, options.memoryLimitMb, outline.imports, helpers]);
}

function cacheKey(context: string, fn: PythonFunction): string {
  return `${context}\u0000${fn.text}`;
}

/** The same report with its lines moved so that the def is at `defLine` (1-based). */
export function shiftReport(report: FunctionReport, defLine: number): FunctionReport {
  const delta = defLine - report.line;
  if (delta === 0) return report;
  return {
    ...report,
    line: defLine,
    checks: report.checks.map((c) => (c.learnerLine === undefined ? c : { ...c, learnerLine: c.learnerLine + delta })),
  };
}
