import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

let built = false;

/**
 * Builds dist/cli.js once per test process, with esbuild.mjs's options for that target, so the
 * CLI tests run the real bundle as a user would, and a broken bundle of another target (the
 * extension, the webviews) does not fail them.
 */
export function buildOnce(): void {
  if (built) return;
  const script = [
    "const esbuild = require('esbuild');",
    "esbuild.buildSync({ entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', bundle: true, platform: 'node',",
    "  format: 'cjs', target: 'node20', external: ['vscode'], sourcemap: true, logLevel: 'warning',",
    "  banner: { js: '#!/usr/bin/env node' } });",
  ].join('\n');
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building dist/cli.js failed:\n${r.stderr}`);
  built = true;
}

export interface OptlabRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js ...args` to completion, without a terminal. */
export function optlab(...args: string[]): OptlabRun {
  buildOnce();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
