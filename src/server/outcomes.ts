/**
 * Turns the checker's reports into what the editor shows: outcomes with locations in the right
 * document (file or notebook cell), and diagnostics on the failing function's `def` line.
 */
import { DiagnosticSeverity, type Diagnostic, type Location } from 'vscode-languageserver-protocol';
import type { CheckResult } from '../checker/types';
import type { CaseOutcome, FunctionOutcome } from '../shared/protocol';
import { toDocumentLine, type CheckSource } from './checkSource';
import type { CheckedFunction } from './functionChecks';
import { firstProblem, reportTitle } from './lensTitles';
import type { PythonFunction } from './pythonOutline';

const DIAGNOSTIC_SOURCE = 'Optimization Lab';

export function toFunctionOutcome(checked: CheckedFunction, source: CheckSource, timeoutSeconds: number): FunctionOutcome {
  const { fn, report } = checked;
  const outcome: FunctionOutcome = {
    name: fn.name,
    location: nameLocation(fn, source),
    status: report.status,
    summary: reportTitle(report, timeoutSeconds),
    cases: report.checks.map((check) => toCaseOutcome(check, fn, source)),
  };
  if (report.output) outcome.output = report.output;
  return outcome;
}

function toCaseOutcome(check: CheckResult, fn: PythonFunction, source: CheckSource): CaseOutcome {
  const outcome: CaseOutcome = {
    case: check.case,
    status: check.status,
    message: check.message,
    mistake: check.mistake,
    title: check.title ?? null,
    hint: check.hint ?? '',
  };
  if (check.key !== undefined) outcome.key = check.key;
  if (check.expectedText !== undefined) outcome.expectedText = check.expectedText;
  if (check.actualText !== undefined) outcome.actualText = check.actualText;
  if (check.status !== 'pass') {
    const related = relatedLocation(check, fn, source);
    if (related) outcome.location = related.location;
  }
  return outcome;
}

/** The function's name on its `def` line, in the document that holds it. */
export function nameLocation(fn: PythonFunction, source: CheckSource): Location {
  const start = toDocumentLine(source, fn.nameStart.line) ?? { uri: source.uri, line: fn.nameStart.line };
  const endLine = start.line + (fn.nameEnd.line - fn.nameStart.line);
  return {
    uri: start.uri,
    range: { start: { line: start.line, character: fn.nameStart.character }, end: { line: endLine, character: fn.nameEnd.character } },
  };
}

interface RelatedPlace {
  location: Location;
  message: string;
}

/**
 * Where the failure points inside the function: the line that raised, else the line that sets the
 * differing key (`parameters["W" + str(l+1)] = ...` for `parameters["W2"]`), else the return.
 */
function relatedLocation(check: CheckResult, fn: PythonFunction, source: CheckSource): RelatedPlace | undefined {
  if (check.learnerLine !== undefined) {
    return placeAt(source, check.learnerLine - 1, 'raised here');
  }
  if (check.mistakeLine !== undefined) {
    return placeAt(source, check.mistakeLine - 1, check.title ?? 'the mistake is here');
  }
  if (check.key !== undefined) {
    const line = keyAssignmentLine(check.key, fn);
    if (line !== undefined) return placeAt(source, line, `${check.key} is set here`);
  }
  const lastReturn = fn.returnLines[fn.returnLines.length - 1];
  return lastReturn === undefined ? undefined : placeAt(source, lastReturn, 'returned here');
}

/** `parameters["W2"]` is set where a subscript of `parameters` with the string "W2" or "W" is assigned. */
export function keyAssignmentLine(key: string, fn: PythonFunction): number | undefined {
  const match = /^(\w+)\[["'](\w+)["']\]/.exec(key);
  if (!match) return undefined;
  const dictionary = match[1] ?? '';
  const name = match[2] ?? '';
  const stem = name.replace(/\d+$/, '');
  const matchesKey = (keys: string[]): boolean => keys.includes(name) || (stem !== '' && keys.includes(stem));
  const sameDictionary = fn.assignments.find((a) => a.target === dictionary && matchesKey(a.keys));
  return (sameDictionary ?? fn.assignments.find((a) => matchesKey(a.keys)))?.line;
}

function placeAt(source: CheckSource, line: number, message: string): RelatedPlace | undefined {
  const at = toDocumentLine(source, line);
  if (!at) return undefined;
  const text = source.text.split(/\r\n|\r|\n/)[line] ?? '';
  const indent = text.length - text.trimStart().length;
  const range = { start: { line: at.line, character: indent }, end: { line: at.line, character: text.length } };
  return { location: { uri: at.uri, range }, message };
}

/** One diagnostic per failing function, on its name, with the first problem's message and hint. */
export function toDiagnostic(checked: CheckedFunction, source: CheckSource): { uri: string; diagnostic: Diagnostic } | undefined {
  const { fn, report } = checked;
  const problem = firstProblem(report);
  if (report.status === 'pass' || !problem) return undefined;
  const location = nameLocation(fn, source);
  const failing = report.checks.filter((c) => c.status !== 'pass').length;
  const lines = [problem.title ? `${fn.name}: ${problem.title}. ${problem.message}` : `${fn.name}: ${problem.message}`];
  if (problem.hint) lines.push(problem.hint);
  lines.push(`${failing} of ${report.checks.length} checks fail (case: ${problem.case}).`);
  const diagnostic: Diagnostic = {
    range: location.range,
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: problem.mistake ?? problem.status,
    message: lines.join('\n'),
  };
  const related = relatedLocation(problem, fn, source);
  if (related) diagnostic.relatedInformation = [{ location: related.location, message: related.message }];
  return { uri: location.uri, diagnostic };
}
