// Opens the VS Code workbench served by code-server in Debian's headless Chromium through playwright-core.
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { onCleanup } from './cleanup';
import { remoteUri, type CodeServer } from './codeServer';

const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium not found: run scripts/code-server/setup.sh (it installs Debian\'s chromium) or set CHROMIUM_PATH');
  }
}

export interface WorkbenchOptions {
  readonly server: CodeServer;
  readonly folder: string;
  /** Loads the extension from its folder as a development host (integration tests). */
  readonly extensionDevelopmentPath?: string;
  /** Compiled module whose run() the extension host calls. */
  readonly extensionTestsPath?: string;
  /** The browser console (including the extension host's console, forwarded) is appended here. */
  readonly consoleLog: string;
  readonly viewport?: { width: number; height: number };
}

export interface Workbench {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

export function workbenchUrl(options: WorkbenchOptions): string {
  const payload: [string, string][] = [];
  if (options.extensionDevelopmentPath) {
    payload.push(['extensionDevelopmentPath', remoteUri(options.server, options.extensionDevelopmentPath)]);
  }
  if (options.extensionTestsPath) {
    payload.push(['extensionTestsPath', remoteUri(options.server, options.extensionTestsPath)]);
  }
  const query = new URLSearchParams({ folder: options.folder });
  if (payload.length > 0) query.set('payload', JSON.stringify(payload));
  return `${options.server.origin}/?${query.toString()}`;
}

export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: chromiumFlags, timeout: 60_000 });
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= browser.close().catch(() => undefined));
  const unregister = onCleanup(close);

  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
  const page = await context.newPage();
  const consoleLog = createWriteStream(options.consoleLog, { flags: 'a' });
  page.on('console', (message) => consoleLog.write(`[${message.type()}] ${message.text()}\n`));
  page.on('pageerror', (error) => consoleLog.write(`[pageerror] ${error.stack ?? error.message}\n`));
  await page.goto(workbenchUrl(options), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  return {
    browser,
    context,
    page,
    close: async () => {
      await close();
      consoleLog.end();
      unregister();
    },
  };
}
