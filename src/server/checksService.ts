/**
 * The language server's behaviour without the LSP plumbing: which documents are open, when their
 * graded functions are checked (runOn, trust, a missing Python), what the CodeLenses say and which
 * diagnostics are published. server.ts connects it to the connection; unit tests drive it directly.
 */
import { DiagnosticSeverity, type CodeLens, type Diagnostic } from 'vscode-languageserver-protocol';
import { PythonUnavailableError, isGradedFunction, type CheckerOptions } from '../checker/types';
import {
  ClientCommands,
  type CheckState,
  type ChecksConfiguration,
  type FunctionOutcome,
  type FunctionsResult,
  type PythonProblem,
  type RunChecksParams,
  type RunChecksResult,
} from '../shared/protocol';
import type { CheckSource } from './checkSource';
import { FunctionChecks, gradedFunctions, shiftReport, type CheckEngine, type CheckedFunction } from './functionChecks';
import { LensTitle, TRAINABLE_UPDATES, problemTitle, shadowedTitle, staleTitle } from './lensTitles';
import { nameLocation, toDiagnostic, toFunctionOutcome } from './outcomes';
import type { PythonFunction, PythonOutline, PythonOutliner } from './pythonOutline';

/** What the service tells the editor; server.ts implements it with the connection. */
export interface ChecksHost {
  publishDiagnostics(uri: string, diagnostics: Diagnostic[]): void;
  refreshCodeLenses(): void;
  sendCheckState(state: CheckState): void;
  sendPythonUnavailable(problem: PythonProblem): void;
  sendFunctionsChanged(result: FunctionsResult): void;
  sendChecksFinished(uri: string, functions: FunctionOutcome[]): void;
  log(message: string): void;
}

export type ChangeReason = 'open' | 'change' | 'save';

interface OpenDocument {
  /** The text as it is now, and its parse: what a run checks. */
  source: CheckSource;
  outline: PythonOutline;
  /**
   * What the lenses, diagnostics and test items show: the current parse, except while a syntax
   * error (an open bracket being typed) hides functions that the last good parse had, so that the
   * CodeLenses do not vanish and reappear with every keystroke.
   */
  shownSource: CheckSource;
  shownOutline: PythonOutline;
  /** Last result of each function by name, kept while the function is edited until it is checked again. */
  results: Map<string, CheckedFunction>;
  running: Set<string>;
  /** Text documents (file or cells) that currently hold our diagnostics. */
  diagnosedUris: Set<string>;
  debounce?: ReturnType<typeof setTimeout>;
  /** A run of every function waits here while another run of this document is in progress. */
  queued?: Promise<RunChecksResult>;
  current?: Promise<RunChecksResult>;
}

const TYPE_DEBOUNCE_MS = 400;

export class ChecksService {
  private readonly documents = new Map<string, OpenDocument>();
  private checks: FunctionChecks | undefined;
  private problem: PythonProblem | undefined;
  private readonly announcedProblems = new Set<string>();
  private lensesFetchedSinceRefresh = true;

  constructor(
    private readonly outliner: PythonOutliner,
    private readonly createEngine: (options: CheckerOptions) => CheckEngine,
    private readonly host: ChecksHost,
    private config: ChecksConfiguration,
    private readonly debounceMs = TYPE_DEBOUNCE_MS,
  ) {}

  configure(config: ChecksConfiguration): void {
    const before = this.config;
    this.config = config;
    const pythonChanged = before.pythonPath !== config.pythonPath;
    if (pythonChanged) {
      this.problem = undefined;
    }
    this.checks?.setOptions(checkerOptions(config));
    if (!config.trusted) {
      // Trust can be revoked only by a window reload, but be safe: forget results, run nothing.
      for (const doc of this.documents.values()) doc.results.clear();
    }
    this.publishAll();
    const becameRunnable = (config.trusted && !before.trusted) || pythonChanged || (before.runOn === 'manual' && config.runOn !== 'manual');
    if (becameRunnable && config.runOn !== 'manual') {
      for (const uri of this.documents.keys()) void this.runAutomatically(uri);
    }
  }

  update(source: CheckSource, reason: ChangeReason): void {
    const existing = this.documents.get(source.uri);
    const outline = this.outliner.outline(source.text);
    const doc = existing ?? newDocument(source, outline);
    doc.source = source;
    doc.outline = outline;
    if (!outline.hasSyntaxErrors || !losesFunctions(doc.shownOutline, outline)) {
      doc.shownSource = source;
      doc.shownOutline = outline;
    }
    this.documents.set(source.uri, doc);
    this.host.sendFunctionsChanged(this.functionsOf(doc));
    this.publish(doc);
    this.sendState();
    if (this.config.runOn === 'manual') return;
    if (reason === 'change') {
      if (this.config.runOn !== 'type') return;
      if (doc.debounce) clearTimeout(doc.debounce);
      doc.debounce = undefined;
      // Half-typed code: keep the last results until the source parses again (saving still checks).
      if (outline.hasSyntaxErrors) return;
      doc.debounce = setTimeout(() => {
        doc.debounce = undefined;
        void this.runAutomatically(source.uri);
      }, this.debounceMs);
      return;
    }
    void this.runAutomatically(source.uri);
  }

  close(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    if (doc.debounce) clearTimeout(doc.debounce);
    for (const cellUri of doc.diagnosedUris) this.host.publishDiagnostics(cellUri, []);
    this.documents.delete(uri);
    this.sendState();
  }

  isOpen(uri: string): boolean {
    return this.documents.has(uri);
  }

  /** The graded functions of an open document, or of a source read from disk. */
  functions(uri: string, fromDisk?: CheckSource): FunctionsResult {
    const doc = this.documents.get(uri);
    if (doc) return this.functionsOf(doc);
    if (!fromDisk) return { uri, functions: [] };
    return this.functionsOf(newDocument(fromDisk, this.outliner.outline(fromDisk.text)));
  }

  /** Runs now, whatever runOn says (a CodeLens click or the Test Explorer). */
  async run(params: RunChecksParams, fromDisk?: CheckSource): Promise<RunChecksResult> {
    if (!this.config.trusted) return { kind: 'untrusted', uri: params.uri };
    // An explicit run retries a Python that failed before: the learner may have installed numpy.
    this.problem = undefined;
    const doc = this.documents.get(params.uri);
    if (doc) {
      await doc.current?.catch(() => undefined);
      return this.runDocument(doc, params.functions);
    }
    if (!fromDisk) return { kind: 'checked', uri: params.uri, functions: [] };
    return this.runDocument(newDocument(fromDisk, this.outliner.outline(fromDisk.text)), params.functions, false);
  }

  codeLenses(textDocumentUri: string): CodeLens[] {
    this.lensesFetchedSinceRefresh = true;
    const doc = this.documentHolding(textDocumentUri);
    if (!doc) return [];
    const lenses: CodeLens[] = [];
    const graded = gradedFunctions(doc.shownOutline);
    for (const fn of doc.shownOutline.functions) {
      const last = isGradedFunction(fn.name) ? graded.get(fn.name) : undefined;
      if (!last) continue;
      const location = nameLocation(fn, doc.shownSource);
      if (location.uri !== textDocumentUri) continue;
      const line = location.range.start.line;
      const range = { start: { line, character: 0 }, end: { line, character: 0 } };
      if (fn === last) {
        lenses.push({ range, command: this.lensCommand(doc, last) });
        const optimizer = TRAINABLE_UPDATES[fn.name];
        if (optimizer !== undefined) {
          lenses.push({
            range,
            command: this.config.trusted
              ? { title: LensTitle.trainWithThis, command: ClientCommands.trainWithMyFunctions, arguments: [{ uri: doc.source.uri, optimizer }] }
              : { title: LensTitle.trainUntrusted, command: ClientCommands.manageTrust },
          });
        }
      } else {
        // An earlier definition (another cell, or higher in the file): say why it has no result of its own.
        const later = nameLocation(last, doc.shownSource);
        lenses.push({ range, command: { title: shadowedTitle(later.range.start.line, later.uri === location.uri), command: '' } });
      }
    }
    return lenses;
  }

  dispose(): void {
    for (const doc of this.documents.values()) if (doc.debounce) clearTimeout(doc.debounce);
    this.checks?.dispose();
    this.checks = undefined;
  }

  private lensCommand(doc: OpenDocument, fn: PythonFunction): CodeLens['command'] {
    const name = fn.name;
    const run = { title: LensTitle.run, command: ClientCommands.runNotebookTests, arguments: [{ uri: doc.source.uri, functions: [name] }] };
    if (!this.config.trusted) return { title: LensTitle.untrusted, command: ClientCommands.manageTrust };
    if (this.problem) return { title: problemTitle(this.problem), command: ClientCommands.selectPython };
    if (doc.running.has(name)) return { ...run, title: LensTitle.running };
    const result = doc.results.get(name);
    if (!result) return run;
    const summary = toFunctionOutcome(result, doc.shownSource, this.config.timeoutSeconds).summary;
    return { ...run, title: isStale(result, fn) ? staleTitle(summary) : summary };
  }

  /** Nobody awaits these runs (open, save, typing, a setting): a failure goes to the log instead of crashing the server. */
  private async runAutomatically(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc || !this.config.trusted || this.problem || this.config.runOn === 'manual') return;
    try {
      if (doc.current) {
        // Coalesce: one more run after the current one, with whatever the source is then.
        doc.queued ??= doc.current
          .catch(() => undefined)
          .then(() => {
            doc.queued = undefined;
            return this.runDocument(doc);
          });
        await doc.queued;
        return;
      }
      await this.runDocument(doc);
    } catch (error) {
      this.host.log(`checking ${uri} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private runDocument(doc: OpenDocument, names?: readonly string[], tracked = true): Promise<RunChecksResult> {
    const work = this.checkDocument(doc, names, tracked);
    if (tracked) {
      doc.current = work;
      // then(clear, clear) rather than finally(): finally's promise would carry the rejection again, unhandled.
      const clear = (): void => {
        if (doc.current === work) doc.current = undefined;
      };
      work.then(clear, clear);
    }
    return work;
  }

  private async checkDocument(doc: OpenDocument, names: readonly string[] | undefined, tracked: boolean): Promise<RunChecksResult> {
    const { source, outline } = doc;
    const graded = [...gradedFunctions(outline).values()].filter((fn) => !names || names.includes(fn.name));
    if (graded.length === 0) return { kind: 'checked', uri: source.uri, functions: [] };
    const started = Date.now();
    if (tracked) {
      for (const fn of graded) doc.running.add(fn.name);
      this.refresh();
    }
    try {
      const checked = await this.functionChecks().check(source.text, outline, names);
      for (const result of checked) doc.results.set(result.fn.name, result);
      const cached = checked.filter((c) => c.fromCache).length;
      this.host.log(`checked ${checked.length} function(s) of ${source.uri} in ${Date.now() - started} ms (${cached} from cache)`);
      const functions = checked.map((c) => toFunctionOutcome(c, source, this.config.timeoutSeconds));
      if (tracked) this.host.sendChecksFinished(source.uri, functions);
      return { kind: 'checked', uri: source.uri, functions };
    } catch (error) {
      if (error instanceof PythonUnavailableError) {
        const problem: PythonProblem = { reason: error.reason, pythonPath: error.pythonPath, message: error.message };
        this.problem = problem;
        this.announce(problem);
        return { kind: 'python-unavailable', uri: source.uri, problem };
      }
      throw error;
    } finally {
      if (tracked) {
        for (const fn of graded) doc.running.delete(fn.name);
        if (this.documents.get(source.uri) === doc) this.publish(doc);
        this.refresh();
      }
    }
  }

  private functionChecks(): FunctionChecks {
    if (!this.checks) {
      const options = checkerOptions(this.config);
      this.checks = new FunctionChecks(this.createEngine(options), options);
    }
    return this.checks;
  }

  /** One notification per interpreter and reason; the CodeLens keeps saying it. */
  private announce(problem: PythonProblem): void {
    const key = `${problem.reason}\u0000${problem.pythonPath}`;
    if (this.announcedProblems.has(key)) return;
    this.announcedProblems.add(key);
    this.host.sendPythonUnavailable(problem);
  }

  private functionsOf(doc: OpenDocument): FunctionsResult {
    return {
      uri: doc.source.uri,
      functions: [...gradedFunctions(doc.shownOutline).values()].map((fn) => {
        const location = nameLocation(fn, doc.shownSource);
        return { name: fn.name, uri: location.uri, range: location.range };
      }),
    };
  }

  /** The document whose source includes this text document (itself, or the notebook of this cell). */
  private documentHolding(textDocumentUri: string): OpenDocument | undefined {
    const direct = this.documents.get(textDocumentUri);
    if (direct) return direct;
    for (const doc of this.documents.values()) {
      if (doc.shownSource.segments.some((s) => s.uri === textDocumentUri)) return doc;
    }
    return undefined;
  }

  /** Diagnostics of the functions that still exist, at their current place; none for passing or deleted ones. */
  private publish(doc: OpenDocument): void {
    const byUri = new Map<string, Diagnostic[]>();
    if (this.config.trusted) {
      const graded = gradedFunctions(doc.shownOutline);
      for (const [name, result] of doc.results) {
        const fn = isGradedFunction(name) ? graded.get(name) : undefined;
        if (!fn) {
          doc.results.delete(name);
          continue;
        }
        const current: CheckedFunction = { fn, report: shiftReport(result.report, fn.defLine + 1), fromCache: result.fromCache };
        const placed = toDiagnostic(current, doc.shownSource);
        if (!placed) continue;
        if (isStale(result, fn)) {
          placed.diagnostic.message = `Before your last edit: ${placed.diagnostic.message}`;
          placed.diagnostic.severity = DiagnosticSeverity.Warning;
        }
        const list = byUri.get(placed.uri) ?? [];
        list.push(placed.diagnostic);
        byUri.set(placed.uri, list);
      }
    }
    for (const uri of doc.diagnosedUris) {
      if (!byUri.has(uri)) this.host.publishDiagnostics(uri, []);
    }
    for (const [uri, diagnostics] of byUri) this.host.publishDiagnostics(uri, diagnostics);
    doc.diagnosedUris = new Set(byUri.keys());
  }

  private publishAll(): void {
    for (const doc of this.documents.values()) this.publish(doc);
    this.refresh();
  }

  /**
   * Asks the editor for new lenses, unless it has not fetched them since the last ask: VS Code fetches a
   * debounced while (at least 250 ms) after a refresh, and a second refresh restarts that wait. A run that ends
   * before the fetch its start asked for therefore adds no wait of its own: the fetch shows its result.
   */
  private refresh(): void {
    if (this.lensesFetchedSinceRefresh) {
      this.lensesFetchedSinceRefresh = false;
      this.host.refreshCodeLenses();
    }
    this.sendState();
  }

  private sendState(): void {
    const state: CheckState = { functions: 0, running: 0, passed: 0, failed: 0 };
    for (const doc of this.documents.values()) {
      state.functions += gradedFunctions(doc.shownOutline).size;
      state.running += doc.running.size;
      for (const result of doc.results.values()) {
        if (result.report.status === 'pass') state.passed += 1;
        else state.failed += 1;
      }
    }
    if (!this.config.trusted) state.problem = 'untrusted';
    else if (this.problem) state.problem = 'python-unavailable';
    this.host.sendCheckState(state);
  }
}

/** The function was edited since this result was computed (its text is the checker's cache key too). */
function isStale(result: CheckedFunction, now: PythonFunction): boolean {
  return result.fn.text !== now.text;
}

function newDocument(source: CheckSource, outline: PythonOutline): OpenDocument {
  return { source, outline, shownSource: source, shownOutline: outline, results: new Map(), running: new Set(), diagnosedUris: new Set() };
}

/** True when `next` lacks a graded function that `previous` has. */
function losesFunctions(previous: PythonOutline, next: PythonOutline): boolean {
  const now = gradedFunctions(next);
  return [...gradedFunctions(previous).keys()].some((name) => !now.has(name));
}

function checkerOptions(config: ChecksConfiguration): CheckerOptions {
  return { pythonPath: config.pythonPath, timeoutMs: Math.round(config.timeoutSeconds * 1000), memoryLimitMb: config.memoryLimitMb };
}
