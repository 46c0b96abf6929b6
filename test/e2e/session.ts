// The one VS Code session every e2e test file drives: code-server with the packaged .vsix installed,
// opened in headless Chromium on a copy of the fixture workspace. test/e2e/run.ts creates it before
// mocha loads the test files.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { CodeServer } from '../runner/codeServer';
import { repoRoot } from '../runner/codeServer';
import type { Workbench } from '../runner/workbench';

export interface E2ESession {
  readonly server: CodeServer;
  readonly workbench: Workbench;
  /** The workspace folder opened in VS Code (a copy of test/fixtures/workspace). */
  readonly workspace: string;
}

export const screenshotsDir = join(repoRoot, 'test-output', 'screenshots');

let current: E2ESession | undefined;

export function setSession(session: E2ESession): void {
  current = session;
}

export function session(): E2ESession {
  if (!current) throw new Error('no VS Code session: run the e2e tests through test/e2e/run.ts');
  return current;
}

export function page(): Page {
  return session().workbench.page;
}

/** Saves test-output/screenshots/NAME.png of the whole workbench and returns its path. */
export async function screenshot(name: string): Promise<string> {
  mkdirSync(screenshotsDir, { recursive: true });
  const file = join(screenshotsDir, `${name}.png`);
  await page().screenshot({ path: file });
  console.log(`screenshot: ${file}`);
  return file;
}
