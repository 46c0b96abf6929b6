// End-to-end UI tests: the packaged .vsix is installed into code-server (what ships is what is tested), the
// workbench is opened in headless Chromium, and the test/e2e/*.e2e.ts files drive it like a person.
//
//   node --import tsx test/e2e/run.ts [--vsix FILE] [--grep TEXT] [--timeout SECONDS]
//
// Without --vsix it packages the extension first (scripts/package.mjs). Screenshots go to
// test-output/screenshots/, logs to test-output/logs/, results to test-output/results/e2e.json.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Mocha from 'mocha';
import { exitAfterCleanup, guardProcess } from '../runner/cleanup';
import { repoRoot, startCodeServer, testUserSettings, type CodeServer } from '../runner/codeServer';
import { errorOf, runMocha, statsOf } from '../runner/mochaResults';
import { printResults, type TestResult, type TestRunResults } from '../runner/testResults';
import { openWorkbench, type Workbench } from '../runner/workbench';
import { setSession } from './session';
import { waitForWorkbench } from './workbenchUi';

const outputDir = join(repoRoot, 'test-output');

function packagedVsix(): string {
  const out = join(outputDir, 'optimization-lab.vsix');
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'package.mjs'), '--out', out], { stdio: 'inherit' });
  // A contents problem (exit 1) still leaves a .vsix to test; only a missing file stops the run.
  if (!existsSync(out)) throw new Error(`packaging failed (exit ${result.status}); no .vsix to install`);
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { vsix: { type: 'string' }, grep: { type: 'string' }, timeout: { type: 'string', default: '900' } },
  });
  const timeoutMs = Number(values.timeout) * 1000;
  guardProcess(timeoutMs, 'e2e runner');
  const started = Date.now();
  const vsix = values.vsix ? resolve(values.vsix) : packagedVsix();
  if (!existsSync(vsix)) throw new Error(`${vsix} does not exist`);

  const runDir = mkdtempSync(join(tmpdir(), 'optlab-e2e-'));
  const logsDir = join(outputDir, 'logs');
  mkdirSync(logsDir, { recursive: true });
  const workspace = join(runDir, 'workspace');
  cpSync(join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const consoleLog = join(runDir, 'browser-console.log');

  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let tests: TestResult[] = [];
  let fatalError: string | undefined;
  try {
    server = await startCodeServer({
      runDir,
      installVsix: [vsix],
      settings: {
        ...testUserSettings(false),
        // The train commands use the notebook's moons instead of asking for a data file.
        'optimizationLab.dataset': 'moons',
      },
    });
    workbench = await openWorkbench({ server, folder: workspace, consoleLog });
    await waitForWorkbench(workbench.page);
    setSession({ server, workbench, workspace });

    // Base reporter: silent; the results are printed once, at the end, with each test's output.
    const mocha = new Mocha({ color: false, timeout: 120_000, reporter: Mocha.reporters.Base });
    mocha.ui('bdd');
    if (values.grep) mocha.grep(values.grep);
    const files = readdirSync(__dirname).filter((f) => f.endsWith('.e2e.ts')).sort();
    if (files.length === 0) throw new Error('no test/e2e/*.e2e.ts files');
    files.forEach((f) => mocha.addFile(join(__dirname, f)));
    tests = await runMocha(mocha);
  } catch (error) {
    fatalError = errorOf(error).stack ?? errorOf(error).message;
    if (workbench) {
      await workbench.page.screenshot({ path: join(outputDir, 'screenshots', 'e2e-fatal.png') }).catch(() => undefined);
    }
  } finally {
    await workbench?.close();
    await server?.stop();
    for (const [from, to] of [[join(runDir, 'server.log'), 'e2e-server.log'], [consoleLog, 'e2e-browser-console.log']] as const) {
      if (existsSync(from)) cpSync(from, join(logsDir, to));
    }
    // OPTLAB_E2E_KEEP=1 keeps the run's directory (workspace, user data with VS Code's own logs) to read after.
    if (process.env['OPTLAB_E2E_KEEP'] === '1') console.log(`kept: ${runDir}`);
    else rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
  }

  const results: TestRunResults = {
    suite: `e2e (${vsix.split('/').pop()} installed in code-server)`,
    vscodeVersion: server?.vscodeVersion ?? 'unknown',
    workspaceTrusted: true,
    stats: statsOf(tests, started, fatalError !== undefined),
    tests,
    ...(fatalError ? { fatalError } : {}),
  };
  mkdirSync(join(outputDir, 'results'), { recursive: true });
  writeFileSync(join(outputDir, 'results', 'e2e.json'), JSON.stringify(results, null, 2));
  printResults(results);
  await exitAfterCleanup(results.stats.failures > 0 ? 1 : 0);
}

main().catch(async (error: unknown) => {
  console.error(`e2e runner: ${error instanceof Error ? error.message : String(error)}`);
  await exitAfterCleanup(1);
});
