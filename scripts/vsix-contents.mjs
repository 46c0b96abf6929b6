// What a shippable .vsix must and must not contain. Used by scripts/package.mjs and on its own:
//   node scripts/vsix-contents.mjs FILE.vsix      (lists the contents, exits 1 on a problem)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';

/** Paths inside the archive's extension/ folder. */
export function vsixEntries(vsix) {
  const names = [];
  unzipSync(readFileSync(vsix), {
    filter: (file) => {
      names.push(file.name);
      return false; // list only, never inflate
    },
  });
  return names.filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length)).sort();
}

const forbidden = [
  [/^src\//, 'TypeScript sources'],
  [/^test\//, 'tests'],
  [/^out\//, 'compiled tests'],
  [/^node_modules\//, 'node_modules (everything is bundled)'],
  [/^bench\//, 'benchmarks'],
  [/^scripts\//, 'build scripts'],
  [/^webview\/.*\.ts$/, 'webview sources'],
  [/\.map$/, 'source maps'],
  [/(^|\/)\.vscode-test\//, 'the code-server cache'],
  [/(^|\/)test-output\//, 'test output'],
  [/\.vsix$/, 'a packaged extension'],
  [/(^|\/)__pycache__\//, 'Python byte code'],
  [/^(tsconfig\.json|eslint\.config\.mjs|esbuild\.mjs|package-lock\.json)$/, 'build configuration'],
  [/(^|\/)\.(git|ci)\//, 'repository metadata'],
];

/** Files the extension loads at run time: each must be in the archive when its source exists in the repo. */
export function requiredEntries(root) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const required = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', manifest.main.replace(/^\.\//, '')];
  const bundles = [
    ['src/server/server.ts', ['dist/server.js', 'dist/tree-sitter.wasm', 'dist/tree-sitter-python.wasm']],
    ['src/extension/training/trainWorker.ts', ['dist/trainWorker.js']],
    ['webview/visualization/main.ts', ['dist/webview/visualization.js']],
    ['webview/sidebar/main.ts', ['dist/webview/sidebar.js']],
  ];
  for (const [source, outputs] of bundles) if (existsSync(join(root, source))) required.push(...outputs);
  const python = join(root, 'python');
  if (existsSync(python)) {
    for (const name of readdirSync(python)) if (name.endsWith('.py') && !name.startsWith('test_')) required.push(`python/${name}`);
  }
  return required;
}

/** Problems with the archive, as sentences; empty when it is fit to ship. */
export function checkVsix(vsix, root) {
  const entries = vsixEntries(vsix);
  // vsce stores README.md and CHANGELOG.md as readme.md and changelog.md, and LICENSE as LICENSE.txt.
  const present = new Set(entries.map((e) => e.toLowerCase()));
  const isPresent = (entry) => present.has(entry.toLowerCase()) || present.has(`${entry.toLowerCase()}.txt`);
  const problems = [];
  for (const entry of entries) {
    const rule = forbidden.find(([pattern]) => pattern.test(entry));
    if (rule) problems.push(`${entry} must not ship (${rule[1]}); exclude it in .vscodeignore`);
  }
  for (const entry of requiredEntries(root)) {
    if (!isPresent(entry)) problems.push(`${entry} is missing from the package (a run-time file or a required document)`);
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const vsix = process.argv[2];
  if (!vsix) {
    console.error('usage: node scripts/vsix-contents.mjs FILE.vsix');
    process.exit(2);
  }
  const root = resolve(import.meta.dirname, '..');
  for (const entry of vsixEntries(vsix)) console.log(`  ${entry}`);
  const problems = checkVsix(vsix, root);
  for (const problem of problems) console.error(`  ✗ ${problem}`);
  console.log(problems.length === 0 ? 'vsix contents: OK' : `vsix contents: ${problems.length} problem(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
}
