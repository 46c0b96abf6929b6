import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * python/harness.py of the installed extension or the checkout: next to `dist/` once bundled
 * (dist/server.js, dist/cli.js), two levels up from src/checker when run from the sources.
 */
export function findHarness(): string {
  let dir = __dirname;
  for (let up = 0; up < 4; up++) {
    const candidate = join(dir, 'python', 'harness.py');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`python/harness.py not found above ${__dirname}: the extension's files are incomplete`);
}
