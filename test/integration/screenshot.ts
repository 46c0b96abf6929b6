// Lets an integration test (running in the extension host, which has no screen) ask the driver that opened the
// workbench for a screenshot: the test writes NAME.request into the folder named by the environment, the
// offline runner (test/runner/runIntegration.ts) saves test-output/screenshots/NAME.png and writes NAME.done.
// Under @vscode/test-electron there is no such driver and the call resolves to undefined at once.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testEnv } from '../runner/testResults';

/**
 * Resolves with the PNG's path once taken, or undefined when no driver can take it. With `waitForText`,
 * the driver first waits (up to 10 s) until that text is drawn on screen, and the call fails if it never is:
 * the API can report what the editor has not drawn yet (a CodeLens), and the screenshot is the proof it was.
 */
export async function requestScreenshot(name: string, options: { waitForText?: string; timeoutMs?: number } = {}): Promise<string | undefined> {
  const dir = process.env[testEnv.screenshotRequests];
  if (!dir) return undefined;
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name "${name}" may only use letters, digits, ".", "_" and "-"`);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const done = join(dir, `${name}.done`);
  writeFileSync(join(dir, `${name}.request`), options.waitForText ?? '');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(done)) {
      const { file, shown } = JSON.parse(readFileSync(done, 'utf8')) as { file: string; shown: boolean };
      if (!shown) throw new Error(`"${options.waitForText}" was not drawn on screen before screenshot "${name}" (see ${file})`);
      return file;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the test driver did not take screenshot "${name}" within ${timeoutMs} ms`);
}
