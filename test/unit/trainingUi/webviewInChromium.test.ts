// Both webviews, bundled as shipped, in headless Chromium with a stand-in for acquireVsCodeApi: fed the
// runs a learning rate of 1e6 and old run files make (through JSON, as workspaceState stores them), they
// render and keep working; the lab's controls are found by their labels, refuse invalid input in place
// before posting, post what the user set; Live posts at most once per frame; the step view shows t and
// exact values. Skipped where Chromium is not installed (scripts/code-server/setup.sh installs it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { defaultTrainConfig } from '../../../src/core/trainer/trainConfig';
import type { StepView } from '../../../src/shared/labControls';
import type { RunView } from '../../../src/shared/webviewMessages';
import { chromiumPath } from '../../runner/workbench';

let browser: Browser | undefined;
let dir = '';
let skip: string | false = false;
try {
  chromiumPath();
} catch {
  skip = 'Chromium is not installed';
}

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'optlab-webview-'));
  for (const name of ['visualization', 'sidebar']) {
    await esbuild.build({ entryPoints: [`webview/${name}/main.ts`], bundle: true, outfile: join(dir, `${name}.js`), platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'error' });
    const css = readFileSync('media/webview.css', 'utf8');
    // The stand-in API keeps what the webview posts; a page error is kept too.
    writeFileSync(
      join(dir, `${name}.html`),
      `<!DOCTYPE html><html><head><style>${css}</style><script>
        window.posted = []; window.errors = [];
        window.addEventListener('error', (e) => window.errors.push(String(e.message)));
        window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(JSON.parse(JSON.stringify(m))), getState: () => undefined, setState: () => {} });
      </script></head><body><div id="app"></div><script src="${name}.js"></script></body></html>`,
    );
  }
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(name: 'visualization' | 'sidebar'): Promise<Page> {
  const page = await browser!.newPage();
  await page.goto(`file://${join(dir, `${name}.html`)}`);
  await page.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'ready'));
  return page;
}

/** Sends a message as the extension would: through JSON (VS Code serializes webview messages), so NaN arrives as null. */
async function send(page: Page, message: unknown): Promise<void> {
  await page.evaluate((json) => window.postMessage(JSON.parse(json), '*'), JSON.stringify(message));
}

/** What the webview posted (a WebviewToExtension, read loosely). */
interface Posted {
  type: string;
  action?: string;
  live?: boolean;
  optimizers?: string[];
  controls?: { numbers: Record<string, number>; layers: number[]; dataset: unknown; functions?: string };
  message?: string;
}

async function posted(page: Page): Promise<Posted[]> {
  return page.evaluate(() => (window as unknown as { posted: { type: string }[] }).posted);
}

async function problems(page: Page): Promise<string[]> {
  const errors = await page.evaluate(() => (window as unknown as { errors: string[] }).errors);
  const reported = (await posted(page)).filter((m) => m.type === 'webviewError').map((m) => String(m['message']));
  return [...errors, ...reported];
}

/** Waits until the webview has rendered `runs` runs (it posts `rendered` after each repaint). */
async function rendered(page: Page, runs: number): Promise<void> {
  await page.waitForFunction((n) => (window as unknown as { posted: { type: string; runs?: number }[] }).posted.some((m) => m.type === 'rendered' && m.runs === n), runs);
}

function run(overrides: Partial<RunView>): RunView {
  const config = defaultTrainConfig('adam');
  delete config.learningRateAt;
  return {
    id: 'ok',
    label: 'Adam #1',
    optimizer: 'adam',
    datasetId: 'moons',
    datasetName: 'Built-in moons',
    config: { ...config, learningRateSchedule: '' },
    status: 'finished',
    startedAt: 1,
    epochs: [0, 100],
    costs: [0.7, 0.3],
    learningRates: [0.0007, 0.0007],
    parameters: { W1: { rows: 1, cols: 2, data: [1, 0] }, b1: { rows: 1, cols: 1, data: [0] } },
    summary: { accuracy: 0.94, finalCost: 0.3, oscillation: 0.1, seconds: 1.5, epochsRun: 10000 },
    ...overrides,
  };
}

const diverged = run({
  id: 'nan',
  label: 'Adam #2',
  startedAt: 2,
  status: 'diverged',
  config: { ...run({}).config, learningRate: 1e6 },
  costs: [0.7, NaN],
  parameters: { W1: { rows: 1, cols: 2, data: [NaN, Infinity] }, b1: { rows: 1, cols: 1, data: [NaN] } },
  summary: { accuracy: 0.5, finalCost: NaN, oscillation: NaN, seconds: 0.1, epochsRun: 2 },
  diverged: { epoch: 1, cause: 'The learning rate 1e6 is too large for Adam.' },
});
const points = { id: 'moons', name: 'Built-in moons', features: 2, examples: 4, x1: [-1, 0, 1, 2], x2: [0, 1, 0, 1], labels: [0, 1, 0, 1] };
const state = {
  type: 'state',
  datasets: [points, null],
  runs: [run({}), diverged, { id: 'old', status: 'finished', summary: { accuracy: null } }, null, { nothing: true }, { id: 'stuck', status: 'running', costs: null }],
};

test('the panel renders diverged, old and malformed runs without an error, and keeps working', { skip }, async () => {
  const page = await open('visualization');
  await send(page, state);
  await rendered(page, 4);
  assert.equal(await page.locator('table#comparison-table tbody tr').count(), 4);
  const row = (id: string): Promise<string> => page.locator(`table#comparison-table tr[data-run-id="${id}"]`).innerText();
  assert.match(await row('nan'), /diverged at epoch 1/);
  assert.match(await row('nan'), /NaN/);
  assert.match(await row('stuck'), /training…/);
  assert.match(await row('old'), /NaN/);
  assert.match(await page.locator('[data-run-id="nan"] .notes').innerText(), /too large for Adam/);
  assert.equal(await page.locator('[data-run-id="ok"] canvas[data-painted]').count(), 1);
  // More messages with bad values, then an ordinary run: still drawn.
  await send(page, { type: 'runProgress', runId: 'stuck', epochs: [0, 1], costs: [NaN, null], learningRates: null });
  await send(page, { type: 'runFinished', run: { ...diverged, id: 'stuck', label: 'Adam #3', startedAt: 3 } });
  await send(page, { type: 'step', step: { runId: 'x' } });
  await send(page, { type: 'runAdded', run: run({ id: 'after', label: 'Adam #4', startedAt: 4 }) });
  await rendered(page, 5);
  assert.deepEqual(await problems(page), []);
  await page.close();
});

test('the lab refuses invalid input in place and posts what the user set', { skip }, async () => {
  const page = await open('visualization');
  const controls = { ...(await import('../../../webview/shared/labFormModel')).defaultLabControls(), layers: [5, 2, 1] };
  await send(page, { type: 'controls', controls, datasetFiles: ['data/blobs.csv'] });
  const lr = page.getByLabel('Learning rate', { exact: true });
  assert.equal(await lr.inputValue(), '0.0007');
  await lr.fill('0');
  assert.equal(await lr.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#lab-learningRate-error').innerText(), /Learning rate must be a finite number > 0/);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  assert.equal((await posted(page)).filter((m) => m.type === 'lab').length, 0);
  await lr.fill('0.01');
  await page.getByLabel('Mini-batch size', { exact: true }).fill('32');
  await page.getByLabel('Layers', { exact: true }).fill('5, x, 1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  assert.equal((await posted(page)).filter((m) => m.type === 'lab').length, 0);
  await page.getByLabel('Layers', { exact: true }).fill('5, 2, 1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const train = (await posted(page)).find((m) => m.type === 'lab')!;
  assert.equal(train.action, 'train');
  assert.equal(train.controls!.numbers['learningRate'], 0.01);
  assert.equal(train.controls!.numbers['miniBatchSize'], 32);
  assert.deepEqual(train.controls!.layers, [5, 2, 1]);
  // Only the optimizer's own hyperparameters are shown.
  assert.ok(await page.getByLabel('Beta1', { exact: true }).isVisible());
  assert.ok(!(await page.getByLabel('Beta', { exact: true }).isVisible()));
  await page.getByLabel('Optimizer', { exact: true }).selectOption('momentum');
  assert.ok(await page.getByLabel('Beta', { exact: true }).isVisible());
  assert.ok(!(await page.getByLabel('Beta1', { exact: true }).isVisible()));
  // The data set: the workspace's files and the built-in moons with its own fields.
  assert.ok(await page.getByLabel('Moons noise').isVisible());
  await page.getByLabel('Data set', { exact: true }).selectOption('data/blobs.csv');
  assert.ok(!(await page.getByLabel('Moons noise').isVisible()));
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const compare = (await posted(page)).filter((m) => m.type === 'lab').pop()!;
  assert.deepEqual([compare.action, compare.optimizers, compare.controls!.dataset], ['compare', ['gd', 'momentum', 'adam'], { kind: 'file', path: 'data/blobs.csv' }]);
  for (const name of ['Step', 'Step Epoch', 'Stop', 'Reset', 'Save as Defaults', 'Save Config']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, name);
  }
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  assert.equal((await posted(page)).pop()!.type, 'labReset');
  assert.deepEqual(await problems(page), []);
  await page.close();
});

test('"Functions: Mine" posts the learner\'s file with Train, and is refused in place for another optimizer', { skip }, async () => {
  const page = await open('visualization');
  const controls = { ...(await import('../../../webview/shared/labFormModel')).defaultLabControls(), layers: [5, 2, 1] };
  await send(page, { type: 'controls', controls, datasetFiles: [], learnerFiles: ['train/my_functions.py', 'checks/optimizers.ipynb'] });
  const functions = page.getByLabel('Functions', { exact: true });
  assert.equal(await functions.inputValue(), '__built_in__');
  assert.deepEqual(await functions.locator('option').allInnerTexts(), ['Built-in (the reference)', 'Mine: train/my_functions.py', 'Mine: checks/optimizers.ipynb']);
  await functions.selectOption({ label: 'Mine: train/my_functions.py' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const train = (await posted(page)).filter((m) => m.type === 'lab').pop()!;
  assert.equal(train.controls!.functions, 'train/my_functions.py');
  await page.getByLabel('Optimizer', { exact: true }).selectOption('rmsprop');
  assert.equal(await functions.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#lab-functions-error').innerText(), /^Functions train the notebook's optimizers \(gd, momentum, adam\)/);
  const before = (await posted(page)).length;
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  assert.equal((await posted(page)).length, before, 'nothing posted');
  await functions.selectOption('__built_in__');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const builtIn = (await posted(page)).filter((m) => m.type === 'lab').pop()!;
  assert.equal(builtIn.controls!.functions, undefined);
  assert.deepEqual(await problems(page), []);
  await page.close();
});

test('ticking Live trains the values shown at once; unticking posts nothing', { skip }, async () => {
  const page = await open('visualization');
  await page.getByLabel('Learning rate', { exact: true }).fill('0.002');
  assert.equal((await posted(page)).filter((m) => m.type === 'lab').length, 0, 'nothing trains while Live is off');
  await page.getByLabel('Live').check();
  const ticked = (await posted(page)).filter((m) => m.type === 'lab');
  assert.equal(ticked.length, 1);
  assert.equal(ticked[0]!.live, true);
  assert.equal(ticked[0]!.controls!.numbers['learningRate'], 0.002);
  await page.getByLabel('Live').uncheck();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal((await posted(page)).filter((m) => m.type === 'lab').length, 1);
  // Invalid values are refused in place, not trained.
  await page.getByLabel('Learning rate', { exact: true }).fill('-1');
  await page.getByLabel('Live').check();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal((await posted(page)).filter((m) => m.type === 'lab').length, 1);
  assert.deepEqual(await problems(page), []);
  await page.close();
});

test('Live posts the first move of a slider at once, then at most one train request per animation frame', { skip }, async () => {
  const page = await open('visualization');
  await page.getByLabel('Live').check();
  // Ticking trains the values shown (the test above); the moves below come frames later, as a drag would.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.evaluate(() => ((window as unknown as { posted: unknown[] }).posted.length = 0));
  const slider = page.getByLabel('Learning rate slider (log scale)');
  // Five moves within one frame: the first is posted at once (the extension drops a stale live run), the
  // other four become one request in the next frame, with the last value.
  const postedAtOnce = await slider.evaluate((el: HTMLInputElement) => {
    // (No named helper in here: the test transform would wrap it in a function the page does not have.)
    const counts: number[] = [];
    for (const v of ['-3', '-2.5', '-2', '-1.5', '-2']) {
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      counts.push((window as unknown as { posted: { type: string }[] }).posted.filter((m) => m.type === 'lab').length);
    }
    return counts;
  });
  assert.deepEqual(postedAtOnce, [1, 1, 1, 1, 1], 'the first move is posted synchronously, the rest wait for the frame');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))));
  const live = (await posted(page)).filter((m) => m.type === 'lab');
  assert.equal(live.length, 2);
  assert.ok(live.every((m) => m.live === true));
  assert.equal(live[0]!.controls!.numbers['learningRate'], 0.001);
  assert.equal(live[1]!.controls!.numbers['learningRate'], 0.01);
  assert.equal(await page.getByLabel('Learning rate', { exact: true }).inputValue(), '0.01');
  await page.close();
});

test("the settings' values arriving late never overwrite what the learner typed; Reset goes back at once", { skip }, async () => {
  const page = await open('visualization');
  const controls = { ...(await import('../../../webview/shared/labFormModel')).defaultLabControls(), layers: [5, 2, 1] };
  const lr = page.getByLabel('Learning rate', { exact: true });
  const epochs = page.getByLabel('Epochs', { exact: true });
  await send(page, { type: 'controls', controls, datasetFiles: [], keepEdits: true });
  assert.equal(await lr.inputValue(), '0.0007', 'untouched: the settings apply');
  await lr.fill('0.01');
  // The settings again (the extension's answer to Reset, a settings change, a late greeting): the typed value stays.
  await send(page, { type: 'controls', controls: { ...controls, numbers: { ...controls.numbers, numEpochs: 123 } }, datasetFiles: [], keepEdits: true });
  assert.equal(await lr.inputValue(), '0.01');
  assert.equal(await epochs.inputValue(), '10000');
  // Reset goes back to the values last received at once; what is typed after it survives the late answer.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  assert.equal(await lr.inputValue(), '0.0007');
  assert.ok((await posted(page)).some((m) => m.type === 'labReset'));
  await epochs.fill('500');
  await send(page, { type: 'controls', controls, datasetFiles: [], keepEdits: true });
  assert.equal(await epochs.inputValue(), '500');
  // A config file's values (no keepEdits) replace everything.
  await send(page, { type: 'controls', controls: { ...controls, numbers: { ...controls.numbers, learningRate: 0.05 } }, datasetFiles: [] });
  assert.deepEqual([await lr.inputValue(), await epochs.inputValue()], ['0.05', '10000']);
  await page.close();
});

test('the step view shows t, the mini-batch and exact values, and rings the examples', { skip }, async () => {
  const page = await open('visualization');
  await send(page, { type: 'state', datasets: [points], runs: [run({ id: 'stepping', status: 'stepping' })] });
  const step: StepView = {
    runId: 'stepping',
    optimizer: 'adam',
    epoch: 0,
    miniBatch: 2,
    miniBatches: 5,
    seed: 11,
    t: 3,
    learningRate: 0.0007,
    cost: 0.6931471805599453,
    examples: [0, 2],
    parameters: [{ name: 'W1', rows: 1, cols: 2, tensors: [{ label: 'dW1', data: [0.5, -0.25] }, { label: 'v', data: [0.012345678901234567, NaN] }] }],
    finished: false,
  };
  await send(page, { type: 'step', step });
  await page.locator('#step-section').waitFor({ state: 'visible' });
  assert.equal(await page.locator('[data-fact="t"]').innerText(), '3');
  assert.equal(await page.locator('[data-fact="Mini-batch"]').innerText(), '3 of 5');
  const v = page.getByRole('table', { name: 'v of W1' });
  assert.equal(await v.locator('td').first().getAttribute('title'), `v[0][0] = ${String(0.012345678901234567)}`);
  assert.equal(await v.locator('td').nth(1).innerText(), 'NaN');
  await page.waitForSelector('[data-run-id="stepping"] canvas[data-highlighted="2"]');
  await send(page, { type: 'step', step: null });
  await page.locator('#step-section').waitFor({ state: 'hidden' });
  assert.deepEqual(await problems(page), []);
  await page.close();
});

test('the side view renders bad runs and posts its compact form', { skip }, async () => {
  const page = await open('sidebar');
  await send(page, state);
  await rendered(page, 4);
  const lines = await page.locator('.run .meta').allInnerTexts();
  assert.ok(lines.some((l) => /cost NaN, .*diverged at epoch 1/.test(l)), lines.join(' / '));
  await page.getByLabel('Epochs', { exact: true }).fill('50');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const train = (await posted(page)).find((m) => m.type === 'lab')!;
  assert.equal(train.controls!.numbers['numEpochs'], 50);
  assert.deepEqual(await problems(page), []);
  await page.close();
});
