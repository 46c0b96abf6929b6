// Starts the real VS Code server (code-server 4.100.3, installed by scripts/code-server/setup.sh) on a free
// loopback port with a user-data-dir and extensions-dir of its own, and stops its whole process group.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { onCleanup } from './cleanup';

export const repoRoot = resolve(__dirname, '..', '..');
export const codeServerCache = process.env.CODE_SERVER_CACHE ?? join(repoRoot, '.vscode-test', 'code-server');
const entryScript = join(codeServerCache, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const vscodePackageJson = join(codeServerCache, 'node_modules', 'code-server', 'lib', 'vscode', 'package.json');

/**
 * User settings that keep the workbench quiet and deterministic for tests (no tips, updates, telemetry
 * or restored windows); workspace trust on or off is each suite's own choice.
 */
export function testUserSettings(workspaceTrust: boolean): Record<string, unknown> {
  return {
    'security.workspace.trust.enabled': workspaceTrust,
    'security.workspace.trust.startupPrompt': 'never',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'window.restoreWindows': 'none',
  };
}

export interface CodeServerOptions {
  /** A fresh folder for this run; user-data/, extensions/ and server.log are created inside. */
  readonly runDir: string;
  /** Written to the user settings.json before the server starts. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Extra environment for the server; its extension host inherits it. */
  readonly env?: Readonly<Record<string, string>>;
  /** .vsix files to install into the extensions dir before starting (what ships is what is tested). */
  readonly installVsix?: readonly string[];
  readonly startTimeoutMs?: number;
}

export interface CodeServer {
  readonly port: number;
  readonly origin: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  readonly vscodeVersion: string;
  stop(): Promise<void>;
}

export function assertCodeServerInstalled(): void {
  if (!existsSync(entryScript)) {
    throw new Error(`code-server is not installed in ${codeServerCache}: run scripts/code-server/setup.sh first`);
  }
}

export function bundledVscodeVersion(): string {
  return (JSON.parse(readFileSync(vscodePackageJson, 'utf8')) as { version: string }).version;
}

/** A port the OS just gave out on loopback; tiny race window, acceptable for tests. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

function serverArgs(port: number, userDataDir: string, extensionsDir: string): string[] {
  return [
    entryScript,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
  ];
}

function installExtensions(vsixFiles: readonly string[], userDataDir: string, extensionsDir: string, log: string): void {
  for (const vsix of vsixFiles) {
    const result = spawnSync(
      process.execPath,
      [entryScript, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    writeFileSync(log, `${result.stdout}${result.stderr}`, { flag: 'a' });
    if (result.status !== 0) {
      throw new Error(`installing ${vsix} into code-server failed (exit ${result.status}): ${result.stderr || result.stdout}`);
    }
  }
}

async function waitForHealthy(origin: string, child: ChildProcess, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with code ${child.exitCode} before it was ready; see ${logFile}`);
    }
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer on ${origin} within ${timeoutMs} ms; see ${logFile}`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the server, its extension host and its pty/file-watcher children
  } catch {
    // already gone
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  assertCodeServerInstalled();
  const userDataDir = join(options.runDir, 'user-data');
  const extensionsDir = join(options.runDir, 'extensions');
  const logFile = join(options.runDir, 'server.log');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(options.settings, null, 2));
  installExtensions(options.installVsix ?? [], userDataDir, extensionsDir, logFile);

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, serverArgs(port, userDataDir, extensionsDir), {
    cwd: options.runDir,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so that stop() reaches the extension host too
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= new Promise<void>((resolveStop) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
      const hardKill = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(hardKill);
        killGroup(child, 'SIGKILL'); // stragglers of the group (a file watcher, a pty host)
        resolveStop();
      });
      killGroup(child, 'SIGTERM');
    }));
  const unregister = onCleanup(stop);

  try {
    await waitForHealthy(origin, child, options.startTimeoutMs ?? 60_000, logFile);
  } catch (error) {
    await stop();
    unregister();
    throw error;
  }
  return {
    port,
    origin,
    userDataDir,
    extensionsDir,
    logFile,
    vscodeVersion: bundledVscodeVersion(),
    stop: async () => {
      await stop();
      unregister();
    },
  };
}

/** The `vscode-remote://` form of a server-side path, as the workbench URL payload expects it. */
export function remoteUri(server: CodeServer, absolutePath: string): string {
  return `vscode-remote://127.0.0.1:${server.port}${absolutePath}`;
}
