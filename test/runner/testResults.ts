// The results file that test/integration/index.ts writes inside the extension host and the runners read.
// Also the format the e2e runner writes, so one printer serves both.

export type TestState = 'passed' | 'failed' | 'pending';

export interface TestResult {
  readonly fullTitle: string;
  readonly file: string;
  readonly state: TestState;
  readonly durationMs: number;
  readonly error?: { readonly message: string; readonly stack?: string };
  /** console output of the test, captured in the extension host so that the runner can show it. */
  readonly output: readonly string[];
}

export interface TestRunResults {
  readonly suite: string;
  readonly vscodeVersion: string;
  readonly workspaceTrusted?: boolean;
  readonly stats: { readonly passes: number; readonly failures: number; readonly pending: number; readonly durationMs: number };
  readonly tests: readonly TestResult[];
  /** A failure outside any test (no test files, a file that throws on load). */
  readonly fatalError?: string;
}

/** Environment variables through which the runners talk to the test entry point in the extension host. */
export const testEnv = {
  /** Absolute path where index.ts writes TestRunResults. */
  resultsFile: 'OPTLAB_TEST_RESULTS',
  /** Name of the suite to run: `trusted` (suite/**\/*.test.js except *.untrusted.test.js) or `untrusted`. */
  suite: 'OPTLAB_TEST_SUITE',
  /** Folder where tests may ask the runner for a screenshot (see test/integration/screenshot.ts). */
  screenshotRequests: 'OPTLAB_TEST_SCREENSHOT_REQUESTS',
  /** Mocha grep, to run a subset. */
  grep: 'OPTLAB_TEST_GREP',
} as const;

const green = (s: string): string => (process.stdout.isTTY ? `\x1b[32m${s}\x1b[0m` : s);
const red = (s: string): string => (process.stdout.isTTY ? `\x1b[31m${s}\x1b[0m` : s);

/** Prints the results as mocha's spec reporter would, with the counts and the VS Code version. */
export function printResults(results: TestRunResults): void {
  console.log(`\n${results.suite} — VS Code ${results.vscodeVersion}` +
    (results.workspaceTrusted === undefined ? '' : `, workspace ${results.workspaceTrusted ? 'trusted' : 'untrusted'}`));
  let failureNumber = 0;
  const failures: TestResult[] = [];
  for (const test of results.tests) {
    const ms = `(${Math.round(test.durationMs)} ms)`;
    if (test.state === 'passed') console.log(`  ${green('✓')} ${test.fullTitle} ${ms}`);
    else if (test.state === 'pending') console.log(`  - ${test.fullTitle} (pending)`);
    else {
      failureNumber += 1;
      failures.push(test);
      console.log(`  ${red(`${failureNumber})`)} ${test.fullTitle} ${ms}`);
    }
    for (const line of test.output) console.log(`      │ ${line}`);
  }
  console.log(`\n  ${results.stats.passes} passing (${Math.round(results.stats.durationMs)} ms)`);
  if (results.stats.pending > 0) console.log(`  ${results.stats.pending} pending`);
  if (results.stats.failures > 0) console.log(red(`  ${results.stats.failures} failing`));
  failures.forEach((test, index) => {
    console.log(`\n  ${index + 1}) ${test.fullTitle}\n     ${red(test.error?.message ?? 'failed')}`);
    const stack = test.error?.stack?.split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 5).join('\n');
    if (stack) console.log(stack.replace(/^/gm, '   '));
  });
  if (results.fatalError) console.log(red(`\n  fatal: ${results.fatalError}`));
}

export function isTestRunResults(value: unknown): value is TestRunResults {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<TestRunResults>;
  return typeof candidate.vscodeVersion === 'string' && Array.isArray(candidate.tests) && typeof candidate.stats === 'object';
}
