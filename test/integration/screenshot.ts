// Lets an integration test (running in the extension host, which has no screen) ask the driver that opened the
// workbench for a screenshot: the test writes NAME.request into the folder named by the environment, the
// offline runner (test/runner/runIntegration.ts) saves test-output/screenshots/NAME.png and writes NAME.done.
// Under @vscode/test-electron there is no such driver and the call resolves to undefined at once.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testEnv } from '../runner/testResults';

/** Resolves with the PNG's path once taken, or undefined when no driver can take it. */
export async function requestScreenshot(name: string, timeoutMs = 20_000): Promise<string | undefined> {
  const dir = process.env[testEnv.screenshotRequests];
  if (!dir) return undefined;
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name "${name}" may only use letters, digits, ".", "_" and "-"`);
  const done = join(dir, `${name}.done`);
  writeFileSync(join(dir, `${name}.request`), '');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(done)) return readFileSync(done, 'utf8');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the test driver did not take screenshot "${name}" within ${timeoutMs} ms`);
}
