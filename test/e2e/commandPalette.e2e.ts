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
    // The palette's list is virtualized (about 17 rows are in the page): a command below them is looked up
    // by its own title, as a person would type it.
    const missing: string[] = [];
    for (const title of expected.filter((t) => !shown.has(t))) {
      const found = await commandPaletteLabels(page(), title);
      await page().keyboard.press('Escape');
      if (!found.some((l) => l.replace(/\s+/g, ' ').trim() === title)) missing.push(title);
    }
    assert.deepEqual(missing, [], `palette shows: ${labels.join(' | ')}`);
  });
});
