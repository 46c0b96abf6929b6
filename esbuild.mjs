// One bundle per target, as the esbuild sample and vscode-eslint do; `tsc --noEmit` checks types.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = { platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] };
const browser = { platform: 'browser', format: 'iife', target: 'es2022' };
const targets = [
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' },
  { ...node, entryPoints: ['src/server/server.ts'], outfile: 'dist/server.js', plugins: [copyTreeSitterWasm()] },
  { ...node, entryPoints: ['src/extension/training/trainWorker.ts'], outfile: 'dist/trainWorker.js' },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: ['bench/main.ts'], outfile: 'dist/bench.js' },
  { ...browser, entryPoints: ['webview/visualization/main.ts'], outfile: 'dist/webview/visualization.js' },
  { ...browser, entryPoints: ['webview/sidebar/main.ts'], outfile: 'dist/webview/sidebar.js' },
].filter((t) => existsSync(t.entryPoints[0]));

/** The language server loads tree-sitter's runtime and Python grammar (.wasm) from its own folder, also in the .vsix. */
function copyTreeSitterWasm() {
  const from = dirname(createRequire(import.meta.url).resolve('@vscode/tree-sitter-wasm'));
  return {
    name: 'copy-tree-sitter-wasm',
    setup(build) {
      build.onEnd(() => {
        mkdirSync('dist', { recursive: true });
        for (const file of ['tree-sitter.wasm', 'tree-sitter-python.wasm']) copyFileSync(join(from, file), join('dist', file));
      });
    },
  };
}

const contexts = await Promise.all(
  targets.map((t) =>
    esbuild.context({
      bundle: true,
      sourcemap: !production,
      minify: production,
      logLevel: 'warning',
      ...t,
    }),
  ),
);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
