// `npm run package`: production build, then `vsce package --no-dependencies` (esbuild bundles every
// dependency), then a check of what the .vsix contains. Prints the path of the .vsix on its last line.
//
//   node scripts/package.mjs [--no-build] [--out FILE]
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkVsix } from './vsix-contents.mjs';

const root = resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const { values } = parseArgs({ options: { 'no-build': { type: 'boolean' }, out: { type: 'string' } } });
const vsix = resolve(values.out ?? join(root, `${manifest.name}-${manifest.version}.vsix`));

function run(what, command, args) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CI: 'true' } });
  if (result.status !== 0) {
    console.error(`package: ${what} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
  console.log(`package: ${what} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (!values['no-build']) run('production build', process.execPath, ['esbuild.mjs', '--production']);
run('vsce package', process.execPath, [
  join(root, 'node_modules', '@vscode', 'vsce', 'vsce'),
  'package',
  '--no-dependencies',
  '--allow-missing-repository',
  // The project has no public repository yet, so vsce cannot make the README's screenshot links absolute;
  // keep them relative (they resolve in the source tree, not on a Marketplace page).
  '--no-rewrite-relative-links',
  '--out', vsix,
]);

const problems = checkVsix(vsix, root);
if (problems.length > 0) {
  console.error(`package: ${vsix} is not fit to ship:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`package: contents checked, ${(statSync(vsix).size / 1024).toFixed(0)} KiB`);
console.log(vsix);
