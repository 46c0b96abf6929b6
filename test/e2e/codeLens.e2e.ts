// A person opens a Python file with a buggy optimizer, sees the CodeLens over each graded function, clicks it,
// and reads which key differs and why. The fixture (test/fixtures/workspace/checks/optimizers.py) holds a
// momentum that forgets (1 - beta) and a correct Adam; the lens titles are src/server/lensTitles.ts's.
import * as assert from 'node:assert/strict';
import { page, screenshot } from './session';
import { codeLenses, openFile, waitUntil } from './workbenchUi';

const learnerFile = 'checks/optimizers.py';

async function lensTexts(): Promise<string[]> {
  return (await codeLenses(page()).allInnerTexts()).map((t) => t.trim()).filter((t) => t.length > 0);
}

describe('CodeLens on a learner\'s optimizer file', () => {
  it('offers the notebook tests above the graded functions', async () => {
    await openFile(page(), learnerFile);
    await waitUntil('a CodeLens over the graded functions', 90_000, async () =>
      (await lensTexts()).some((t) => /Run notebook tests|checks passed|differs/.test(t)));
    await screenshot('codelens-before-run');
    console.log(`lenses: ${(await lensTexts()).join(' / ')}`);
  });

  it('names the mistake of the buggy momentum and passes the correct Adam, and gives the same verdict when clicked again', async () => {
    // Before a run the lens reads "Run notebook tests"; the checks may also have run already on open.
    const runLens = codeLenses(page()).filter({ hasText: 'Run notebook tests' }).first();
    if ((await runLens.count()) > 0) await runLens.click();
    const results = async (): Promise<boolean> => {
      const texts = await lensTexts();
      return texts.some((t) => t.startsWith('✗')) && texts.some((t) => t.startsWith('✓'));
    };
    await waitUntil('a failing and a passing CodeLens', 90_000, results);
    const texts = await lensTexts();
    console.log(`lenses: ${texts.join(' / ')}`);
    assert.match(texts.find((t) => t.startsWith('✗')) ?? '', /^✗ .*differs/);
    assert.match(texts.find((t) => t.startsWith('✓')) ?? '', /^✓ (\d+)\/\1 checks passed$/);

    const failing = codeLenses(page()).filter({ hasText: '✗' }).first();
    await failing.hover();
    await screenshot('codelens-failing');
    // A click runs the checks again: the lens passes through "Running…" or is refreshed with the same verdict.
    await failing.click();
    await waitUntil('the checks to run again and fail the same way', 90_000, results);
    assert.deepEqual(await lensTexts(), texts);
  });

  it('shows the checker\'s message when hovering the diagnostic', async () => {
    const squiggle = page().locator('.editor-instance .monaco-editor .squiggly-error').first();
    await squiggle.waitFor({ timeout: 30_000 });
    // The squiggle is drawn under the text layer: move the mouse over its place as a person would.
    const box = await squiggle.boundingBox();
    assert.ok(box, 'the diagnostic squiggle has no position');
    await page().mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page().locator('.monaco-hover:not(.hidden)').first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot('diagnostic-hover');
    const message = await hover.innerText();
    console.log(`hover: ${message.replace(/\s+/g, ' ')}`);
    assert.match(message, /differs|expected|beta/i);
  });
});
