// A person opens the command palette and finds every Optimization Lab command, titled as package.json says.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../runner/codeServer';
import { page, screenshot } from './session';
import { commandPaletteLabels } from './workbenchUi';

interface ContributedCommand {
  readonly title: string;
  readonly category?: string;
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { commands: ContributedCommand[] };
};

describe('Command palette', () => {
  it('lists every Optimization Lab command of the installed extension', async () => {
    const labels = await commandPaletteLabels(page(), 'Optimization Lab:');
    await screenshot('command-palette');
    await page().keyboard.press('Escape');
    const expected = manifest.contributes.commands.map((c) => (c.category ? `${c.category}: ${c.title}` : c.title));
    assert.ok(expected.length >= 7);
    const shown = new Set(labels.map((l) => l.replace(/\s+/g, ' ').trim()));
    assert.deepEqual(expected.filter((title) => !shown.has(title)), [], `palette shows: ${labels.join(' | ')}`);
  });
});
