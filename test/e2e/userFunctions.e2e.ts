// A person trains the notebook's model with their own functions: the "▶ Train with this" lens over the
// correct Adam of their file trains it beside the reference (the same numbers), and the one over the
// momentum that forgets (1 - beta) shows where that run leaves the reference. Named to run after the lab's
// tests, whose table assertions expect their own runs.
//
// The file is train/my_functions.py (test/fixtures/workspace): the notebook's model() also calls the
// learner's random_mini_batches and initialize_velocity / initialize_adam, so a file that trains defines
// them. checks/optimizers.py (the checks' fixture) has only the two update functions: its lens says so.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { page, screenshot, session } from './session';
import { codeLensAbove, goToLine, notifications, openFile, runCommand, waitUntil, webviewsShowing, webviewWith } from './workbenchUi';

const learnerFile = 'train/my_functions.py';
const checksFile = 'checks/optimizers.py';
const table = '#comparison-table';

type Row = Record<string, string>;

/** The comparison table as header → cell text, one object per run row (id in `runId`). */
async function runRows(view: FrameLocator): Promise<Row[]> {
  return view.locator(table).evaluateAll((tables) => {
    const found = tables[0] as HTMLTableElement | undefined;
    if (!found) return [];
    const head = Array.from(found.tHead?.rows[0]?.cells ?? []).map((c) => (c.textContent ?? '').trim());
    return Array.from(found.tBodies[0]?.rows ?? []).map((row) => {
      const out: Row = { runId: row.dataset['runId'] ?? '' };
      Array.from(row.cells).forEach((cell, i) => (out[head[i] || `#${i}`] = (cell.textContent ?? '').trim()));
      return out;
    });
  });
}

/** The runs the panel shows now, if it is open (none when it is not: the lens opens it). */
async function shownRunIds(): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const view of await webviewsShowing(page(), table)) for (const row of await runRows(view)) ids.add(row['runId']!);
  return ids;
}

/**
 * The new rows (not in `before`) labelled `yours` and `reference`, once both have stopped training; a row
 * that failed is returned too (the test then says why), so that a failure never looks like a slow run.
 */
async function settledRuns(view: FrameLocator, before: Set<string>, yours: RegExp, reference: RegExp, timeoutMs: number): Promise<{ yours: Row; reference: Row }> {
  let rows: Row[] = [];
  const find = (label: RegExp): Row | undefined => rows.find((r) => !before.has(r['runId']!) && label.test(r['Run'] ?? ''));
  const settled = (row: Row | undefined): boolean => row !== undefined && row['Status'] !== 'training…';
  await waitUntil(`rows ${yours} and ${reference} to finish`, timeoutMs, async () => {
    rows = await runRows(view);
    return settled(find(yours)) && settled(find(reference));
  }).catch((e: unknown) => {
    throw new Error(`${e instanceof Error ? e.message : String(e)}; the table reads: ${JSON.stringify(rows.filter((r) => !before.has(r['runId']!)))}`);
  });
  return { yours: find(yours)!, reference: find(reference)! };
}

/** Opens `file` in the first editor group, so that it stays in view beside the panel (which opens beside it). */
async function openBesidePanel(file: string): Promise<void> {
  await runCommand(page(), 'View: Focus First Editor Group');
  await openFile(page(), file);
}

/** The "▶ Train with this" lens above `def name(` in `file`, the active editor: its line is brought into view first. */
async function trainLensAbove(file: string, name: string): Promise<Locator> {
  const source = readFileSync(join(session().workspace, file), 'utf8').split('\n');
  const line = source.findIndex((l) => l.startsWith(`def ${name}(`)) + 1;
  assert.ok(line > 0, `${file} has no def ${name}`);
  await goToLine(page(), line);
  return codeLensAbove(page(), `def ${name}(`, '▶ Train with this', 30_000);
}

describe('Train with your own functions', () => {
  it('the lens over Adam in a file without the functions training also calls says which, and trains nothing', async function () {
    this.timeout(60_000);
    await openBesidePanel(checksFile);
    const before = await shownRunIds();
    await (await trainLensAbove(checksFile, 'update_parameters_with_adam')).click();
    let shown: string[] = [];
    await waitUntil('the error naming the missing functions', 20_000, async () => {
      shown = await notifications(page());
      return shown.some((n) => /does not define/.test(n));
    }).catch((e: unknown) => {
      throw new Error(`${e instanceof Error ? e.message : String(e)}; notifications: ${JSON.stringify(shown)}`);
    });
    const error = shown.find((n) => /does not define/.test(n))!;
    console.log(`error: ${error}`);
    assert.equal(
      error,
      `${checksFile} does not define random_mini_batches and initialize_adam: training with your functions calls your random_mini_batches, initialize_adam and update_parameters_with_adam, as the notebook's model() does.`,
    );
    assert.deepEqual(await shownRunIds(), before, 'no run was started');
    await runCommand(page(), 'Notifications: Clear All Notifications');
  });

  it("the lens over a correct Adam trains it beside the reference, with the reference's numbers", async function () {
    this.timeout(150_000);
    await openBesidePanel(learnerFile);
    const before = await shownRunIds();
    await (await trainLensAbove(learnerFile, 'update_parameters_with_adam')).click();
    const view = await webviewWith(page(), table, 20_000);
    const { yours, reference } = await settledRuns(view, before, /^Adam \(yours\) #\d+$/, /^Adam \(reference\) #\d+$/, 75_000);
    console.log(`yours: ${JSON.stringify(yours)}\nreference: ${JSON.stringify(reference)}`);
    assert.equal(reference['Status'], 'finished');
    assert.equal(yours['Status'], 'finished');
    assert.equal(yours['Accuracy'], '94.0%');
    assert.deepEqual([yours['Accuracy'], yours['Final cost']], [reference['Accuracy'], reference['Final cost']]);
    assert.equal(yours['Epochs run'], reference['Epochs run']);
    const card = view.locator(`.boundary[data-run-id="${yours['runId']}"]`);
    // A run that matches has no departure note, and its decision boundary is drawn from the learner's parameters.
    assert.equal(await card.locator('.notes').textContent(), '');
    await waitUntil("the decision boundary of the learner's run", 15_000, async () => (await card.locator('canvas[data-painted]').count()) === 1);
    await runCommand(page(), 'Notifications: Clear All Notifications');
    await card.scrollIntoViewIfNeeded();
    await screenshot('my-functions-adam');
  });

  it('an initialize_adam whose values pass but which gives v and s one dictionary is caught and named in the panel', async function () {
    this.timeout(150_000);
    const aliased = 'train/aliased_adam.py';
    await openBesidePanel(aliased);
    const before = await shownRunIds();
    await (await trainLensAbove(aliased, 'update_parameters_with_adam')).click();
    const view = await webviewWith(page(), table, 20_000);
    const { yours } = await settledRuns(view, before, /^Adam \(yours\) #\d+$/, /^Adam \(reference\) #\d+$/, 75_000);
    const notes = ((await view.locator(`.boundary[data-run-id="${yours['runId']}"] .notes`).textContent()) ?? '').trim();
    console.log(`departure: ${notes}`);
    // s, overwritten by v, goes negative under its square root: the run diverges, and says why.
    assert.match(yours['Status'] ?? '', /^diverged at epoch \d+$/);
    assert.match(notes, /became NaN or infinite/);
    assert.match(notes, /initialize_adam returns one dictionary as both v and s$/);
    await runCommand(page(), 'Notifications: Clear All Notifications');
  });

  it('the lens over the momentum that forgets (1 - beta) shows where that run leaves the reference', async function () {
    this.timeout(150_000);
    await openBesidePanel(learnerFile);
    const before = await shownRunIds();
    await (await trainLensAbove(learnerFile, 'update_parameters_with_momentum')).click();
    const view = await webviewWith(page(), table, 20_000);
    const { yours, reference } = await settledRuns(view, before, /^Momentum \(yours\) #\d+$/, /^Momentum \(reference\) #\d+$/, 75_000);
    console.log(`yours: ${JSON.stringify(yours)}\nreference: ${JSON.stringify(reference)}`);
    assert.equal(reference['Status'], 'finished');
    // Leaving the reference is not a failure: the run trains to its end, and says where it parted.
    assert.equal(yours['Status'], 'finished');
    const card = view.locator(`.boundary[data-run-id="${yours['runId']}"]`);
    const notes = card.locator('.notes');
    const departure = ((await notes.textContent()) ?? '').trim();
    console.log(`departure: ${departure}`);
    // The first value compared after the first step is v: without (1 - beta) it is the gradient itself,
    // 1 / (1 - 0.9) = 10 times the reference's; the checker's name for the mistake follows.
    const match = /^your run leaves the reference at epoch 0, mini-batch 0: v\["dW1"\]\[0\]\[0\] expected (-?[\d.]+(?:e-?\d+)?), got (-?[\d.]+(?:e-?\d+)?) \(momentum without \(1 - beta\)\)$/.exec(departure);
    assert.ok(match, `the departure reads "${departure}"`);
    const [expected, got] = [Number(match[1]), Number(match[2])];
    assert.ok(Math.abs(got - expected / (1 - 0.9)) <= 1e-6 * Math.abs(got), `got ${got} is not 10 × expected ${expected}`);
    assert.equal(await view.locator(`tr[data-run-id="${yours['runId']}"] td[data-column="status"]`).getAttribute('title'), departure);
    await waitUntil("the decision boundary of the learner's run", 15_000, async () => (await card.locator('canvas[data-painted]').count()) === 1);
    await runCommand(page(), 'Notifications: Clear All Notifications');
    await notes.scrollIntoViewIfNeeded();
    await screenshot('my-functions-departure');
  });
});
