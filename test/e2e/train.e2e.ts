// A person trains from the command palette and reads the comparison table of the visualization webview.
// The notebook's published results (training-set accuracy after 10 000 epochs on its moons): gradient descent
// 79.7 %, momentum 79.7 %, Adam 94 % — the e2e settings point optimizationLab.dataset at the built-in moons.
import * as assert from 'node:assert/strict';
import { page, screenshot } from './session';
import { runCommand, tableRows, waitUntil, webviewWith } from './workbenchUi';

/** The row of `optimizer` once it shows an accuracy (training finished), e.g. "Adam | 94.0 % | 0.13 | ...". */
async function finishedRow(rows: () => Promise<string[]>, optimizer: RegExp): Promise<string> {
  let row: string | undefined;
  await waitUntil(`a finished ${optimizer.source} row in the comparison table`, 120_000, async () => {
    row = (await rows()).find((r) => optimizer.test(r) && /\d\s*%/.test(r));
    return row !== undefined;
  });
  return row ?? '';
}

function accuracyOf(row: string): number {
  const match = /(\d+(?:\.\d+)?)\s*%/.exec(row);
  assert.ok(match, `no accuracy in "${row}"`);
  return Number(match[1]);
}

describe('Train with Adam', () => {
  it('trains on the notebook moons and shows Adam at 94 % in the comparison table', async () => {
    await runCommand(page(), 'Optimization Lab: Train with Adam');
    const view = await webviewWith(page(), 'table', 90_000);
    const row = await finishedRow(() => tableRows(view), /adam/i);
    await screenshot('train-with-adam');
    console.log(`table row: ${row}`);
    assert.equal(Math.round(accuracyOf(row)), 94);
  });

  it('compares the three optimizers as the notebook\'s table does', async () => {
    await runCommand(page(), 'Optimization Lab: Compare Optimizers');
    const view = await webviewWith(page(), 'table', 90_000);
    const rows = (): Promise<string[]> => tableRows(view);
    const gd = await finishedRow(rows, /gradient descent|\bgd\b/i);
    const momentum = await finishedRow(rows, /momentum/i);
    const adam = await finishedRow(rows, /adam/i);
    await screenshot('compare-optimizers');
    (await rows()).forEach((r) => console.log(`table row: ${r}`));
    assert.equal(accuracyOf(gd).toFixed(1), '79.7');
    assert.equal(accuracyOf(momentum).toFixed(1), '79.7');
    assert.equal(Math.round(accuracyOf(adam)), 94);
  });
});
