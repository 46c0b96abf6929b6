// Offline integration runner: the mocha suites of test/integration run inside the real VS Code 1.100 that
// code-server ships, with this repository loaded as an extension under development.
//
//   node --import tsx test/runner/runIntegration.ts [--suite trusted|untrusted|all] [--grep TEXT] [--timeout SECONDS]
//
// Per suite: a copy of the fixture workspace, a fresh user-data-dir and extensions-dir, code-server on a free
// loopback port, headless Chromium on /?folder=...&payload=[extensionDevelopmentPath, extensionTestsPath].
// The test entry (out/test/integration/index.js) writes its results to a file that this runner waits for.
// Exit code: 0 when every suite passed; everything started is stopped on every path.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { exitAfterCleanup, guardProcess } from './cleanup';
import { repoRoot, startCodeServer, testUserSettings } from './codeServer';
import { isTestRunResults, printResults, testEnv, type TestRunResults } from './testResults';
import { openWorkbench, type Workbench } from './workbench';

interface SuiteSpec {
  readonly name: 'trusted' | 'untrusted';
  readonly fixture: string;
  readonly workspaceTrust: boolean;
}

const suites: readonly SuiteSpec[] = [
  { name: 'trusted', fixture: join(repoRoot, 'test', 'fixtures', 'workspace'), workspaceTrust: false },
  { name: 'untrusted', fixture: join(repoRoot, 'test', 'fixtures', 'workspace-untrusted'), workspaceTrust: true },
];

const outputDir = join(repoRoot, 'test-output');
const testsEntry = join(repoRoot, 'out', 'test', 'integration', 'index.js');

/** Answers screenshot requests from test/integration/screenshot.ts while the suite runs. */
function serveScreenshots(requestsDir: string, workbench: Workbench): () => Promise<void> {
  const screenshotsDir = join(outputDir, 'screenshots');
  mkdirSync(screenshotsDir, { recursive: true });
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    const pending = readdirSync(requestsDir).filter((f) => f.endsWith('.request'));
    if (pending.length === 0) return;
    busy = true;
    void (async () => {
      for (const request of pending) {
        const name = request.slice(0, -'.request'.length);
        const file = join(screenshotsDir, `${name}.png`);
        const waitFor = readFileSync(join(requestsDir, request), 'utf8');
        rmSync(join(requestsDir, request));
        let shown = true;
        if (waitFor !== '') {
          // The editor draws some things (CodeLens) a while after the API reports them: wait until this text is on screen.
          shown = await workbench.page
            .getByText(waitFor, { exact: false })
            .first()
            .waitFor({ state: 'visible', timeout: 10_000 })
            .then(() => true, () => false);
        }
        try {
          await workbench.page.screenshot({ path: file, timeout: 15_000 });
        } catch (error) {
          console.error(`screenshot ${name} failed: ${String(error)}`);
        }
        writeFileSync(join(requestsDir, `${name}.done`), JSON.stringify({ file, shown }));
      }
      busy = false;
    })();
  }, 200);
  return async () => clearInterval(timer);
}

const hostExited = /Extension Host Process exited with code: (\S+), signal: (\S+)\./;

/**
 * Waits for the results file. Fails early when the extension host exits without writing it (a crash, an
 * activation that kills it), instead of waiting for the timeout.
 */
async function waitForResults(file: string, timeoutMs: number, serverLog: string, logCopy: string): Promise<TestRunResults> {
  const deadline = Date.now() + timeoutMs;
  let exitSeenAt: number | undefined;
  while (Date.now() < deadline) {
    if (existsSync(file)) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
        if (isTestRunResults(parsed)) return parsed;
      } catch {
        // still being written
      }
    }
    const exited = existsSync(serverLog) ? hostExited.exec(readFileSync(serverLog, 'utf8')) : null;
    if (exited) {
      exitSeenAt ??= Date.now();
      if (Date.now() - exitSeenAt > 5_000) {
        throw new Error(`the extension host exited (code ${exited[1]}, signal ${exited[2]}) without writing test results; see ${logCopy}`);
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no test results after ${Math.round(timeoutMs / 1000)} s (the extension host never finished the suite); see ${logCopy}`);
}

async function runSuite(spec: SuiteSpec, timeoutMs: number, grep: string | undefined): Promise<TestRunResults> {
  // A short /tmp path: code-server puts IPC sockets in the user-data-dir, and socket paths are limited to 107 bytes.
  const runDir = mkdtempSync(join(tmpdir(), `optlab-${spec.name}-`));
  const logsDir = join(outputDir, 'logs');
  mkdirSync(logsDir, { recursive: true });
  const workspace = join(runDir, 'workspace');
  cpSync(spec.fixture, workspace, { recursive: true });
  const resultsFile = join(runDir, 'results.json');
  const requestsDir = join(runDir, 'screenshot-requests');
  mkdirSync(requestsDir);
  const consoleLog = join(runDir, 'browser-console.log');

  const server = await startCodeServer({
    runDir,
    settings: testUserSettings(spec.workspaceTrust),
    env: {
      [testEnv.resultsFile]: resultsFile,
      [testEnv.suite]: spec.name,
      [testEnv.screenshotRequests]: requestsDir,
      ...(grep ? { [testEnv.grep]: grep } : {}),
    },
  });
  let workbench: Workbench | undefined;
  let stopScreenshots: (() => Promise<void>) | undefined;
  try {
    workbench = await openWorkbench({
      server,
      folder: workspace,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsEntry,
      consoleLog,
    });
    stopScreenshots = serveScreenshots(requestsDir, workbench);
    return await waitForResults(resultsFile, timeoutMs, server.logFile, join(logsDir, `integration-${spec.name}-server.log`));
  } finally {
    await stopScreenshots?.();
    await workbench?.close();
    await server.stop();
    for (const [from, to] of [[server.logFile, 'server'], [consoleLog, 'browser-console']] as const) {
      if (existsSync(from)) cpSync(from, join(logsDir, `integration-${spec.name}-${to}.log`));
    }
    rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      suite: { type: 'string', default: 'all' },
      grep: { type: 'string' },
      timeout: { type: 'string', default: '600' },
    },
  });
  const timeoutMs = Number(values.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new Error(`--timeout must be a number of seconds, got ${values.timeout}`);
  const chosen = suites.filter((s) => values.suite === 'all' || s.name === values.suite);
  if (chosen.length === 0) throw new Error(`--suite must be trusted, untrusted or all, got ${values.suite}`);
  if (!existsSync(testsEntry)) throw new Error(`${testsEntry} is missing: build the tests first (node scripts/build-tests.mjs)`);
  guardProcess(timeoutMs * chosen.length + 120_000, 'integration runner');

  const resultsDir = join(outputDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  let failed = false;
  for (const spec of chosen) {
    const started = Date.now();
    let results: TestRunResults;
    try {
      results = await runSuite(spec, timeoutMs, values.grep);
    } catch (error) {
      results = {
        suite: `integration (${spec.name})`,
        vscodeVersion: 'unknown',
        stats: { passes: 0, failures: 1, pending: 0, durationMs: Date.now() - started },
        tests: [],
        fatalError: error instanceof Error ? error.message : String(error),
      };
    }
    writeFileSync(join(resultsDir, `integration-${spec.name}.json`), JSON.stringify(results, null, 2));
    printResults(results);
    console.log(`  (suite took ${Math.round((Date.now() - started) / 1000)} s)`);
    failed ||= results.stats.failures > 0;
  }
  await exitAfterCleanup(failed ? 1 : 0);
}

main().catch(async (error: unknown) => {
  console.error(`integration runner: ${error instanceof Error ? error.message : String(error)}`);
  await exitAfterCleanup(1);
});
