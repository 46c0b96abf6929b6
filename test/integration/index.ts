// The entry point VS Code's extension host calls (extensionTestsPath) under both drivers:
// test/runner/runIntegration.ts (code-server, offline) and test/integration/electron.ts (@vscode/test-electron).
// It runs the compiled suites with mocha, keeps each test's console output, and writes the results as JSON to
// the file named by $OPTLAB_TEST_RESULTS (the extension host inherits the server's environment), so the
// runner never has to scrape a browser console.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { testEnv, type TestResult, type TestRunResults } from '../runner/testResults';

const suiteDir = join(__dirname, 'suite');

/** `untrusted` runs *.untrusted.test.js (an untrusted workspace); anything else runs the other *.test.js. */
function suiteFiles(suite: string): string[] {
  const untrusted = suite === 'untrusted';
  return (readdirSync(suiteDir, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.test.js') && name.endsWith('.untrusted.test.js') === untrusted)
    .sort()
    .map((name) => join(suiteDir, name));
}

function errorOf(error: unknown): { message: string; stack?: string } {
  if (error instanceof Error) return { message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { message: String(error) };
}

/** Mirrors console output into the current test's record while still printing it. */
function captureConsole(sink: () => string[] | undefined): () => void {
  const methods = ['log', 'info', 'warn', 'error'] as const;
  const originals = methods.map((m) => console[m]);
  methods.forEach((method, i) => {
    console[method] = (...args: unknown[]): void => {
      sink()?.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      originals[i]?.apply(console, args);
    };
  });
  return () => methods.forEach((method, i) => (console[method] = originals[i] as Console['log']));
}

export async function run(): Promise<void> {
  const suite = process.env[testEnv.suite] ?? 'trusted';
  const resultsFile = process.env[testEnv.resultsFile];
  const started = Date.now();
  const tests: TestResult[] = [];
  let fatalError: string | undefined;
  let currentOutput: string[] | undefined;
  const restoreConsole = captureConsole(() => currentOutput);

  const mocha = new Mocha({ color: false, timeout: 60_000, reporter: 'spec' });
  // Both styles, so that a suite may be written with suite()/test() (VS Code's samples) or describe()/it().
  mocha.ui('tdd');
  mocha.ui('bdd');
  const grep = process.env[testEnv.grep];
  if (grep) mocha.grep(grep);

  try {
    const files = suiteFiles(suite);
    if (files.length === 0) throw new Error(`no compiled test files for suite "${suite}" in ${suiteDir}`);
    files.forEach((file) => mocha.addFile(file));
    await new Promise<void>((resolveRun) => {
      const runner = mocha.run(() => resolveRun());
      runner.on('test', () => (currentOutput = []));
      runner.on('hook', () => (currentOutput ??= []));
      const record = (test: Mocha.Test | Mocha.Hook, state: TestResult['state'], error?: unknown): void => {
        tests.push({
          fullTitle: test.fullTitle(),
          file: test.file ?? '',
          state,
          durationMs: test.duration ?? 0,
          output: currentOutput ?? [],
          ...(error === undefined ? {} : { error: errorOf(error) }),
        });
        currentOutput = undefined;
      };
      runner.on('pass', (test) => record(test, 'passed'));
      runner.on('fail', (test, error) => record(test, 'failed', error));
      runner.on('pending', (test) => record(test, 'pending'));
    });
  } catch (error) {
    fatalError = errorOf(error).stack ?? errorOf(error).message;
  } finally {
    restoreConsole();
  }

  const results: TestRunResults = {
    suite: `integration (${suite})`,
    vscodeVersion: vscode.version,
    workspaceTrusted: vscode.workspace.isTrusted,
    stats: {
      passes: tests.filter((t) => t.state === 'passed').length,
      failures: tests.filter((t) => t.state === 'failed').length + (fatalError ? 1 : 0),
      pending: tests.filter((t) => t.state === 'pending').length,
      durationMs: Date.now() - started,
    },
    tests,
    ...(fatalError ? { fatalError } : {}),
  };
  if (resultsFile) writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  if (results.stats.failures > 0) {
    throw new Error(`${results.stats.failures} integration test(s) failed${fatalError ? `: ${fatalError}` : ''}`);
  }
}
