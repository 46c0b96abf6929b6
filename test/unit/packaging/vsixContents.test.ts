// The packaging check must refuse a .vsix that leaks sources, tests, node_modules or maps, or that lacks a
// file the extension loads at run time; and accept one that holds exactly what ships.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { zipSync } from 'fflate';

const root = resolve(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'vsix-check-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function vsix(name: string, entries: readonly string[]): string {
  const files: Record<string, Uint8Array> = { '[Content_Types].xml': new Uint8Array(), 'extension.vsixmanifest': new Uint8Array() };
  for (const entry of entries) files[`extension/${entry}`] = new TextEncoder().encode(entry);
  const file = join(dir, name);
  writeFileSync(file, zipSync(files));
  return file;
}

/** vsce renames the documents inside the archive: readme.md, changelog.md, LICENSE.txt. */
function asVsceStoresIt(entry: string): string {
  if (entry === 'LICENSE') return 'LICENSE.txt';
  return /^(README|CHANGELOG)\.md$/.test(entry) ? entry.toLowerCase() : entry;
}

// scripts/vsix-contents.mjs is an ES module (run by Node directly); this test file is CommonJS.
type Checker = typeof import('../../../scripts/vsix-contents.mjs', { with: { 'resolution-mode': 'import' } });

describe('vsix contents check', () => {
  let checker: Checker;
  let shipped: string[];
  const checkVsix = (file: string): string[] => checker.checkVsix(file, root);
  before(async () => {
    checker = await import('../../../scripts/vsix-contents.mjs');
    shipped = checker.requiredEntries(root).map(asVsceStoresIt);
  });

  it('accepts a package holding what the extension loads at run time', () => {
    const file = vsix('good.vsix', [...shipped, 'media/extra.svg']);
    assert.deepEqual(checkVsix(file), []);
    assert.ok(checker.vsixEntries(file).includes('dist/extension.js'));
  });

  it('names every leaked source, test, dependency, map and build file', () => {
    const leaks = ['src/extension/extension.ts', 'test/unit/x.test.ts', 'node_modules/mathjs/index.js', 'dist/extension.js.map', 'tsconfig.json', 'out/test/integration/index.js'];
    const problems = checkVsix(vsix('leaky.vsix', [...shipped, ...leaks]));
    for (const leak of leaks) assert.ok(problems.some((p) => p.startsWith(`${leak} must not ship`)), `${leak} not reported: ${problems.join('; ')}`);
    assert.equal(problems.length, leaks.length);
  });

  it('reports a missing bundle, document or harness file', () => {
    const missing = ['dist/extension.js', 'README.md', 'python/harness.py'];
    const left = shipped.filter((e) => !missing.map(asVsceStoresIt).includes(e));
    assert.equal(left.length, shipped.length - 3);
    const problems = checkVsix(vsix('incomplete.vsix', left));
    assert.deepEqual(problems.sort(), missing.sort().map((e) => `${e} is missing from the package (a run-time file or a required document)`));
  });
});
