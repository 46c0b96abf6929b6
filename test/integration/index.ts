// The entry point VS Code's extension host calls (extensionTestsPath) under both drivers:
// test/runner/runIntegration.ts (code-server, offline) and test/integration/electron.ts (@vscode/test-electron).
// It runs the compiled suites with mocha, keeps each test's console output, and writes the results as JSON to
// the file named by $OPTLAB_TEST_RESULTS (the extension host inherits the server's environment), so the
// runner never has to scrape a browser console.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { errorOf, runMocha, statsOf } from '../runner/mochaResults';
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

export async function run(): Promise<void> {
  const suite = process.env[testEnv.suite] ?? 'trusted';
  const resultsFile = process.env[testEnv.resultsFile];
  const started = Date.now();
  let tests: TestResult[] = [];
  let fatalError: string | undefined;

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
    tests = await runMocha(mocha);
  } catch (error) {
    fatalError = errorOf(error).stack ?? errorOf(error).message;
  }

  const results: TestRunResults = {
    suite: `integration (${suite})`,
    vscodeVersion: vscode.version,
    workspaceTrusted: vscode.workspace.isTrusted,
    stats: statsOf(tests, started, fatalError !== undefined),
    tests,
    ...(fatalError ? { fatalError } : {}),
  };
  if (resultsFile) writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  if (results.stats.failures > 0) {
    throw new Error(`${results.stats.failures} integration test(s) failed${fatalError ? `: ${fatalError}` : ''}`);
  }
}
