/**
 * The texts of the CodeLens above each graded function. The e2e and integration tests look for
 * these exact strings: change them here and tell the test owners.
 */
import { mistakeById } from '../checker/mistakes/catalogue';
import { UPDATE_FUNCTIONS, type LearnerOptimizer } from '../checker/training/learnerFunctions';
import type { CheckResult, FunctionReport } from '../checker/types';
import type { PythonProblem } from '../shared/protocol';

export const LensTitle = {
  run: 'Run notebook tests',
  running: '$(sync~spin) Running notebook tests…',
  untrusted: 'Trust this workspace to run the notebook tests',
  pythonNotFound: '⚠ Python not found: select an interpreter to run the notebook tests',
  numpyMissing: '⚠ numpy is missing in the selected Python: select another interpreter',
  pythonFailed: '⚠ Python could not start: select another interpreter',
  trainWithThis: '▶ Train with this',
  trainUntrusted: 'Trust this workspace to train with your functions',
} as const;

/** The update functions whose lens can also train the notebook's model with the learner's functions. */
export const TRAINABLE_UPDATES: Readonly<Record<string, LearnerOptimizer>> = Object.fromEntries(
  Object.entries(UPDATE_FUNCTIONS).map(([optimizer, fn]) => [fn, optimizer as LearnerOptimizer]),
);

/** Said after a result whose function was edited since it was checked (the result may no longer hold). */
export const STALE_SUFFIX = ' (before your edit)';

/** The lens of a definition that a later one of the same name replaces: Python, and the checker, use the later one. */
export function shadowedTitle(laterLine: number, sameDocument: boolean): string {
  return sameDocument
    ? `Not checked: redefined on line ${laterLine + 1}, which is the one the notebook tests run`
    : 'Not checked: redefined in a later cell, which is the one the notebook tests run';
}

const MAX_TITLE = 90;

export function problemTitle(problem: PythonProblem): string {
  switch (problem.reason) {
    case 'python-not-found':
      return LensTitle.pythonNotFound;
    case 'numpy-missing':
      return LensTitle.numpyMissing;
    case 'python-failed':
      return LensTitle.pythonFailed;
  }
}

/** "✓ 4/4 checks passed", "✗ W2 differs: epsilon inside the square root", "✗ Timed out after 10 s". */
export function reportTitle(report: FunctionReport, timeoutSeconds: number): string {
  const total = report.checks.length;
  const passed = report.checks.filter((c) => c.status === 'pass').length;
  if (report.status === 'pass') {
    return `✓ ${passed}/${total} checks passed`;
  }
  const first = firstProblem(report);
  if (!first) return `✗ ${passed}/${total} checks passed`;
  const mistake = first.title ?? (first.mistake ? mistakeLabel(first.mistake) : undefined);
  if (first.status === 'timeout') return mistake ? clip(`✗ Timed out after ${timeoutSeconds} s: ${mistake}`) : `✗ Timed out after ${timeoutSeconds} s`;
  if (first.status === 'error') return clip(`✗ ${mistake ?? firstLine(first.message)}`);
  const key = first.key ? shortKey(first.key) : undefined;
  if (key && mistake) return clip(`✗ ${key} differs: ${mistake}`);
  if (mistake) return clip(`✗ ${mistake}`);
  // A value that differs reads best as a count; a missing key or a wrong shape is said by the message.
  if (key && first.expected !== undefined) return clip(`✗ ${key} differs (${passed}/${total} checks passed)`);
  return clip(`✗ ${firstLine(first.message)}`);
}

/** The check a learner should look at first: the worst status, the first in order among equals. */
export function firstProblem(report: FunctionReport): CheckResult | undefined {
  const rank = { error: 0, timeout: 1, fail: 2, pass: 3 } as const;
  let best: CheckResult | undefined;
  for (const check of report.checks) {
    if (check.status === 'pass') continue;
    if (!best || rank[check.status] < rank[best.status]) best = check;
  }
  return best;
}

/** `parameters["W2"]` → `W2`; `v["dW1"]` → `v["dW1"]` keeps its dictionary when it is not `parameters`. */
export function shortKey(key: string): string {
  const match = /^(\w+)\[["'](\w+)["']\]$/.exec(key);
  if (!match) return key;
  return match[1] === 'parameters' ? (match[2] ?? key) : key;
}

/**
 * A mistake as a few words: the checker catalogue's title (`adam-epsilon-inside-sqrt` → "epsilon
 * inside the square root"); an id the catalogue does not know is read as words.
 */
export function mistakeLabel(id: string): string {
  const title = mistakeById(id)?.title;
  if (title) return title;
  return id.replace(/^(adam|momentum|gd|minibatch|velocity)-/, '').split('-').join(' ');
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/** A title marked as describing the function before its latest edit. */
export function staleTitle(title: string): string {
  return clip(title.length + STALE_SUFFIX.length <= MAX_TITLE ? title + STALE_SUFFIX : `${title.slice(0, MAX_TITLE - STALE_SUFFIX.length - 1)}…${STALE_SUFFIX}`, MAX_TITLE + STALE_SUFFIX.length);
}

function clip(title: string, max = MAX_TITLE): string {
  return title.length <= max ? title : `${title.slice(0, max - 1)}…`;
}
