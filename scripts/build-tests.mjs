// Bundles the integration tests for the extension host: test/integration/index.ts, electron.ts and every
// test/integration/suite/**/*.test.ts, each to out/test/integration/... (CommonJS, Node 20).
// `vscode` comes from the extension host; mocha and @vscode/test-electron are loaded from node_modules.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const suiteDir = 'test/integration/suite';
const suites = readdirSync(suiteDir, { recursive: true })
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => join(suiteDir, name));

await esbuild.build({
  entryPoints: ['test/integration/index.ts', 'test/integration/electron.ts', ...suites],
  outdir: 'out/test/integration',
  outbase: 'test/integration',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha', '@vscode/test-electron'],
  logLevel: 'warning',
});
console.log(`built ${suites.length} integration suite file(s) into out/test/integration`);
