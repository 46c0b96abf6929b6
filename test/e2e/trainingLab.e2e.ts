// A person uses the panel as a lab: sets the learning rate and batch size with the controls and reads them
// back in the run's row, steps Adam through three mini-batches and reads t and a v value (equal to the
// core's), trains with a learning rate of 1e6 and sees "diverged" (and the panel still works after a window
// reload), and scrubs the learning rate with Live on, timing the repaint of the curve and the boundary.
// (Sorted after train.e2e.ts, whose table assertions expect the runs it makes first.)
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { makeMoons } from '../../src/core/data/moons';
import { defaultTrainConfig } from '../../src/core/trainer/trainConfig';
import { TrainingRun } from '../../src/core/trainer/trainingRun';
import { page, screenshot } from './session';
import { runCommand, waitForWorkbench, waitUntil, webviewWith } from './workbenchUi';

const lab = '#lab-section form.lab';

async function panel(timeoutMs = 90_000): Promise<FrameLocator> {
  return webviewWith(page(), lab, timeoutMs);
}

/** The comparison table as header → cell text, one object per run row (id in `runId`). */
async function runRows(view: FrameLocator): Promise<Record<string, string>[]> {
  return view.locator('#comparison-table').evaluateAll((tables) => {
    const table = tables[0] as HTMLTableElement | undefined;
    if (!table) return [];
    const head = Array.from(table.tHead?.rows[0]?.cells ?? []).map((c) => (c.textContent ?? '').trim());
    return Array.from(table.tBodies[0]?.rows ?? []).map((row) => {
      const out: Record<string, string> = { runId: row.dataset['runId'] ?? '' };
      Array.from(row.cells).forEach((cell, i) => (out[head[i] || `#${i}`] = (cell.textContent ?? '').trim()));
      return out;
    });
  });
}

async function clearRuns(view: FrameLocator): Promise<void> {
  await view.getByRole('button', { name: 'Clear Runs', exact: true }).click();
  await waitUntil('the runs to be cleared', 15_000, async () => (await runRows(view)).length === 0);
}

/** Waits for a new run (not in `before`) whose row satisfies `done`; returns its row. */
async function newRun(view: FrameLocator, before: Set<string>, what: string, done: (row: Record<string, string>) => boolean, timeoutMs = 120_000): Promise<Record<string, string>> {
  let found: Record<string, string> | undefined;
  await waitUntil(what, timeoutMs, async () => {
    found = (await runRows(view)).find((r) => !before.has(r['runId']!) && done(r));
    return found !== undefined;
  });
  return found!;
}

async function runIds(view: FrameLocator): Promise<Set<string>> {
  return new Set((await runRows(view)).map((r) => r['runId']!));
}

async function setNumber(view: FrameLocator, label: string, value: string): Promise<void> {
  const input = view.getByLabel(label, { exact: true });
  await input.fill(value);
  assert.equal(await input.getAttribute('aria-invalid'), null, `${label} ${value} was refused: ${await view.locator('form.lab .error').allInnerTexts()}`);
}

describe('The panel as a lab', () => {
  it('trains with the learning rate and mini-batch size set in the panel and shows both in the run\'s row', async () => {
    await runCommand(page(), 'Optimization Lab: Open Visualization');
    const view = await panel();
    await clearRuns(view);
    await view.getByRole('button', { name: 'Reset', exact: true }).click();
    await view.getByLabel('Optimizer', { exact: true }).selectOption('adam');
    await setNumber(view, 'Learning rate', '0.01');
    await setNumber(view, 'Mini-batch size', '32');
    await setNumber(view, 'Epochs', '2000');
    await screenshot('lab-controls');
    await view.getByRole('button', { name: 'Train', exact: true }).click();
    const row = await newRun(view, new Set(), 'the run trained from the panel to finish', (r) => /%/.test(r['Accuracy'] ?? ''));
    console.log(`run row: ${JSON.stringify(row)}`);
    assert.equal(row['Learning rate'], '0.01');
    assert.equal(row['Mini-batch size'], '32');
    assert.equal(row['Epochs'], '2000');
    await view.locator('#comparison-table').scrollIntoViewIfNeeded();
    await screenshot('lab-run-row');
  });

  it('steps Adam through three mini-batches: t = 3 and v equal to the core\'s', async () => {
    const view = await panel(10_000);
    await view.getByRole('button', { name: 'Reset', exact: true }).click();
    await waitUntil('the controls to be back at the settings', 15_000, async () => (await view.getByLabel('Learning rate', { exact: true }).inputValue()) === '0.0007');
    await view.getByLabel('Optimizer', { exact: true }).selectOption('adam');
    const t = view.locator('[data-fact="t"]');
    for (let i = 1; i <= 3; i++) {
      await view.getByRole('button', { name: 'Step', exact: true }).click();
      await waitUntil(`t = ${i} in the step view`, 60_000, async () => (await t.innerText()) === String(i));
    }
    const title = (await view.getByRole('table', { name: 'v of W1', exact: true }).locator('td').first().getAttribute('title')) ?? '';
    console.log(`step view: t = ${await t.innerText()}, ${title}`);
    // The core, stepped the same way on the same data (the notebook's moons and defaults).
    const { X, Y } = makeMoons(300, 0.2, 3);
    const run = new TrainingRun(X, Y, defaultTrainConfig('adam'));
    let snapshot = run.step('batch');
    snapshot = run.step('batch');
    snapshot = run.step('batch');
    assert.equal(snapshot.t, 3);
    const v = snapshot.parameters.find((p) => p.name === 'W1')!.tensors.find((x) => x.label === 'v')!.data[0]!;
    assert.equal(title, `v[0][0] = ${String(v)}`);
    await view.locator('#step-section').scrollIntoViewIfNeeded();
    await screenshot('lab-step');
  });

  it('shows a learning rate of 1e6 as diverged, and the panel keeps working after a reload', async () => {
    let view = await panel(10_000);
    await view.getByRole('button', { name: 'Reset', exact: true }).click();
    await view.getByLabel('Optimizer', { exact: true }).selectOption('adam');
    await setNumber(view, 'Learning rate', '1e6');
    const before = await runIds(view);
    await view.getByRole('button', { name: 'Train', exact: true }).click();
    const row = await newRun(view, before, 'the run with learning rate 1e6 to diverge', (r) => /diverged/.test(r['Status'] ?? ''));
    console.log(`diverged row: ${JSON.stringify(row)}`);
    assert.match(row['Status']!, /^diverged at epoch \d+/);
    // The divergence warning toast would cover the run's picture.
    await runCommand(page(), 'Notifications: Clear All Notifications');
    await view.locator(`[data-run-id="${row['runId']}"].boundary`).scrollIntoViewIfNeeded();
    await screenshot('lab-diverged');

    await runCommand(page(), 'Developer: Reload Window');
    await waitForWorkbench(page());
    await runCommand(page(), 'Optimization Lab: Open Visualization');
    view = await panel();
    await waitUntil('the diverged run after the reload', 60_000, async () => (await runRows(view)).some((r) => /diverged at epoch/.test(r['Status'] ?? '')));
    // Still a lab: a new run trains and finishes.
    await view.getByRole('button', { name: 'Reset', exact: true }).click();
    await waitUntil('the controls after the reload', 15_000, async () => (await view.getByLabel('Learning rate', { exact: true }).inputValue()) === '0.0007');
    await setNumber(view, 'Epochs', '500');
    const afterReload = await runIds(view);
    await view.getByRole('button', { name: 'Train', exact: true }).click();
    const next = await newRun(view, afterReload, 'a run after the reload to finish', (r) => /%/.test(r['Accuracy'] ?? ''));
    assert.equal(next['Epochs'], '500');
    await screenshot('lab-after-reload');
  });

  it('scrubs the learning rate live: the curve and the boundary are redrawn (latency printed)', async () => {
    const view = await panel(10_000);
    await clearRuns(view);
    await view.getByRole('button', { name: 'Reset', exact: true }).click();
    await waitUntil('the notebook settings in the controls', 15_000, async () => (await view.getByLabel('Epochs', { exact: true }).inputValue()) === '10000');
    await view.getByLabel('Optimizer', { exact: true }).selectOption('adam');
    const form = view.locator(lab);
    // Ticking Live trains the values shown at once (and warms the worker for the drags that follow).
    const beforeTick = await form.getAttribute('data-live-run');
    await view.getByLabel('Live', { exact: true }).check();
    await waitUntil('the live run of the values shown when Live was ticked', 60_000, async () => {
      const current = await form.getAttribute('data-live-run');
      return current !== null && current !== beforeTick;
    });
    const tickedId = await form.getAttribute('data-live-run');
    const ticked = (await runRows(view)).find((r) => r['runId'] === tickedId);
    console.log(`ticking Live: the shown values trained and drawn in ${await form.getAttribute('data-live-latency-ms')} ms (trained in ${ticked?.['Time'] ?? '?'}, the worker's first live run)`);
    assert.equal(ticked?.['Learning rate'], '0.0007');
    const latencies: number[] = [];
    // Per scrub: ms from the change to the run's arrival / to its result's arrival / to the repaint.
    const phases: string[] = [];
    for (const value of ['0.001', '0.0015', '0.002', '0.003', '0.005', '0.0007', '0.0009']) {
      const previous = await form.getAttribute('data-live-run');
      await view.getByLabel('Learning rate', { exact: true }).fill(value);
      await waitUntil(`the live run with learning rate ${value} to be drawn`, 60_000, async () => {
        const current = await form.getAttribute('data-live-run');
        return current !== null && current !== previous;
      });
      latencies.push(Number(await form.getAttribute('data-live-latency-ms')));
      // The worker's own training time for the run (its row's Time), to tell the training from the rest.
      const liveRun = await form.getAttribute('data-live-run');
      const trained = (await runRows(view)).find((r) => r['runId'] === liveRun)?.['Time'] ?? '?';
      phases.push(`${await form.getAttribute('data-live-added-ms')}/${await form.getAttribute('data-live-finished-ms')}/${latencies[latencies.length - 1]} (trained in ${trained})`);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(`scrubbing latency (control change to redrawn curve and boundary, 10 000 Adam epochs, ms): ${latencies.map((l) => l.toFixed(0)).join(', ')}; median ${median.toFixed(0)}`);
    console.log(`scrubbing phases (ms from the change: run added / result arrived / curve and boundary drawn, and the worker's training time): ${phases.join(', ')}`);
    await view.getByLabel('Live', { exact: true }).uncheck();
    await screenshot('lab-live');
    assert.ok(latencies.every((l) => Number.isFinite(l) && l > 0));
  });
});
