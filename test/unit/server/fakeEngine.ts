/**
 * A stand-in for the checker in unit tests of the server's own logic (scheduling, caching,
 * presentation): a function fails when its text contains `# BUG`, raises when it contains `# RAISE`.
 * The real checker is exercised by the checker's tests and by the integration tests.
 */
import type { CheckEngine } from '../../../src/server/functionChecks';
import { PythonUnavailableError, type CheckerOptions, type FunctionReport, type GradedFunction } from '../../../src/checker/types';

export class FakeEngine implements CheckEngine {
  readonly calls: GradedFunction[][] = [];
  options: CheckerOptions;
  unavailable: PythonUnavailableError | undefined;
  disposed = false;
  /** Resolves the pending checks when set; lets a test hold a run open. */
  gate: Promise<void> | undefined;

  constructor(options: CheckerOptions) {
    this.options = options;
  }

  async checkSource(source: string, only?: readonly GradedFunction[]): Promise<FunctionReport[]> {
    this.calls.push([...(only ?? [])]);
    if (this.gate) await this.gate;
    if (this.unavailable) throw this.unavailable;
    const lines = source.split('\n');
    const reports: FunctionReport[] = [];
    for (const name of only ?? []) {
      const defIndex = lines.map((l, i) => (l.startsWith(`def ${name}(`) ? i : -1)).filter((i) => i >= 0).pop();
      if (defIndex === undefined) continue;
      let end = defIndex + 1;
      while (end < lines.length && (lines[end]?.startsWith(' ') || lines[end] === '')) end += 1;
      const body = lines.slice(defIndex, end).join('\n');
      const base = { case: 'notebook test case', message: '', mistake: null, hint: null };
      if (body.includes('# RAISE')) {
        const raiseLine = lines.findIndex((l, i) => i > defIndex && l.includes('# RAISE'));
        reports.push({ name, line: defIndex + 1, status: 'error', checks: [{ ...base, status: 'error', message: "KeyError: 'W3'", learnerLine: raiseLine + 1 }] });
      } else if (body.includes('# BUG')) {
        reports.push({
          name,
          line: defIndex + 1,
          status: 'fail',
          checks: [
            { ...base, status: 'pass' },
            {
              ...base,
              case: 'tiny gradients',
              status: 'fail',
              message: 'parameters["W2"][0][1]: expected -1.09244991, got -1.09245036',
              mistake: 'adam-epsilon-inside-sqrt',
              hint: 'Add epsilon after taking the square root: np.sqrt(s_corrected) + epsilon.',
              key: 'parameters["W2"]',
              expectedText: '[[1, 2]]',
              actualText: '[[1, 3]]',
            },
          ],
        });
      } else {
        reports.push({ name, line: defIndex + 1, status: 'pass', checks: [0, 1, 2, 3].map((i) => ({ ...base, case: `case ${i}`, status: 'pass' as const })) });
      }
    }
    return reports;
  }

  setOptions(options: CheckerOptions): void {
    this.options = options;
  }

  dispose(): void {
    this.disposed = true;
  }
}

export function unavailable(reason: 'python-not-found' | 'numpy-missing', pythonPath: string): PythonUnavailableError {
  return new PythonUnavailableError(reason, pythonPath, `${pythonPath}: ${reason}`);
}
