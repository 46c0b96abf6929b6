// The same integration suites under @vscode/test-electron, for machines that can download VS Code
// (`npm run test:electron`). Offline machines use test/runner/runIntegration.ts with code-server instead.
// runTests() always adds --disable-workspace-trust, so the untrusted suite is launched directly with a
// user settings file that turns trust on.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { printResults, testEnv, type TestRunResults } from '../runner/testResults';

const repoRoot = resolve(__dirname, '..', '..', '..');
const extensionTestsPath = join(__dirname, 'index.js');
const vscodeVersion = process.env.VSCODE_TEST_VERSION ?? '1.100.3';

function fixtureCopy(name: string, runDir: string): string {
  const workspace = join(runDir, 'workspace');
  cpSync(join(repoRoot, 'test', 'fixtures', name), workspace, { recursive: true });
  return workspace;
}

function readResults(file: string): TestRunResults | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as TestRunResults;
  } catch {
    return undefined;
  }
}

async function runTrusted(executable: string): Promise<boolean> {
  const runDir = mkdtempSync(join(tmpdir(), 'optlab-electron-trusted-'));
  const resultsFile = join(runDir, 'results.json');
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [fixtureCopy('workspace', runDir), '--disable-extensions'],
      extensionTestsEnv: { [testEnv.resultsFile]: resultsFile, [testEnv.suite]: 'trusted' },
    });
  } catch {
    // the results file says what failed
  }
  const results = readResults(resultsFile);
  if (results) printResults(results);
  rmSync(runDir, { recursive: true, force: true });
  return results !== undefined && results.stats.failures === 0;
}

async function runUntrusted(executable: string): Promise<boolean> {
  const runDir = mkdtempSync(join(tmpdir(), 'optlab-electron-untrusted-'));
  const resultsFile = join(runDir, 'results.json');
  const userDataDir = join(runDir, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ 'security.workspace.trust.enabled': true }));
  const args = [
    fixtureCopy('workspace-untrusted', runDir),
    '--no-sandbox', '--disable-gpu-sandbox', '--disable-updates', '--skip-welcome', '--skip-release-notes',
    '--disable-extensions',
    `--user-data-dir=${userDataDir}`,
    `--extensions-dir=${join(runDir, 'extensions')}`,
    `--extensionDevelopmentPath=${repoRoot}`,
    `--extensionTestsPath=${extensionTestsPath}`,
  ];
  await new Promise<void>((resolveRun) => {
    const child = spawn(executable, args, {
      stdio: 'inherit',
      env: { ...process.env, [testEnv.resultsFile]: resultsFile, [testEnv.suite]: 'untrusted' },
    });
    child.on('exit', () => resolveRun());
    child.on('error', () => resolveRun());
  });
  const results = readResults(resultsFile);
  if (results) printResults(results);
  rmSync(runDir, { recursive: true, force: true });
  return results !== undefined && results.stats.failures === 0;
}

async function main(): Promise<void> {
  const executable = await downloadAndUnzipVSCode(vscodeVersion);
  const trusted = await runTrusted(executable);
  const untrusted = await runUntrusted(executable);
  process.exit(trusted && untrusted ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(`test-electron: ${error instanceof Error ? error.message : String(error)} (it downloads VS Code; offline, run npm run test:integration)`);
  process.exit(1);
});
