// A person trains from the command palette and reads the visualization webview: the comparison table
// (webview/visualization/comparisonTable.ts) and the decision-boundary pictures. The notebook's published
// results (training-set accuracy after 10 000 epochs on its moons): gradient descent 79.7 %, momentum 79.7 %,
// Adam 94 % — the e2e settings point optimizationLab.dataset at the built-in moons.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { page, screenshot } from './session';
import { notifications, runCommand, tableRows, waitUntil, webviewWith } from './workbenchUi';

const table = 'table#comparison-table';

/** Body rows of the comparison table that show an accuracy (their run has finished). */
async function finishedRows(view: FrameLocator): Promise<string[]> {
  return (await tableRows(view)).filter((row) => /\d\s*%/.test(row));
}

/** Waits until `count` more runs than `before` have finished; returns the new rows. */
async function newFinishedRows(view: FrameLocator, before: number, count: number): Promise<string[]> {
  let rows: string[] = [];
  await waitUntil(`${count} finished run(s) in the comparison table`, 120_000, async () => {
    rows = await finishedRows(view);
    return rows.length >= before + count;
  });
  return rows.slice(before);
}

function accuracyOf(rows: string[], optimizer: RegExp): number {
  const row = rows.find((r) => optimizer.test(r.split(' | ')[0] ?? ''));
  assert.ok(row, `no ${optimizer.source} row among: ${rows.join(' / ')}`);
  const match = /(\d+(?:\.\d+)?)\s*%/.exec(row);
  assert.ok(match, `no accuracy in "${row}"`);
  return Number(match[1]);
}

/** Once the runs have finished, their progress notification goes away (and is not in the screenshots). */
async function progressClosed(): Promise<void> {
  await waitUntil('the training progress notification to close', 15_000, async () => !(await notifications(page())).some((n) => /epoch/.test(n)));
}

/** Waits until every finished run's decision boundary has been painted, then shows them. */
async function showBoundaries(view: FrameLocator, runs: number): Promise<void> {
  const painted = view.locator('.boundary canvas[data-painted]');
  await waitUntil(`${runs} painted decision boundaries`, 60_000, async () => (await painted.count()) >= runs);
  await painted.last().scrollIntoViewIfNeeded();
}

describe('Train with Adam', () => {
  it('trains on the notebook moons and shows Adam at 94 % in the comparison table', async () => {
    await runCommand(page(), 'Optimization Lab: Train with Adam');
    const view = await webviewWith(page(), table, 90_000);
    const rows = await newFinishedRows(view, 0, 1);
    rows.forEach((r) => console.log(`table row: ${r}`));
    await progressClosed();
    await screenshot('train-with-adam');
    await showBoundaries(view, 1);
    await view.locator(table).scrollIntoViewIfNeeded();
    await screenshot('train-with-adam-table');
    assert.equal(Math.round(accuracyOf(rows, /^Adam$/)), 94);
  });

  it('compares the three optimizers as the notebook\'s table does', async () => {
    const view = await webviewWith(page(), table, 10_000);
    const before = (await finishedRows(view)).length;
    await runCommand(page(), 'Optimization Lab: Compare Optimizers');
    const rows = await newFinishedRows(view, before, 3);
    rows.forEach((r) => console.log(`table row: ${r}`));
    await progressClosed();
    await showBoundaries(view, before + 3);
    await screenshot('compare-optimizers-boundaries');
    await view.locator(table).scrollIntoViewIfNeeded();
    await screenshot('compare-optimizers');
    assert.equal(accuracyOf(rows, /^Gradient descent$/).toFixed(1), '79.7');
    assert.equal(accuracyOf(rows, /^Momentum$/).toFixed(1), '79.7');
    assert.equal(Math.round(accuracyOf(rows, /^Adam$/)), 94);
  });
});
