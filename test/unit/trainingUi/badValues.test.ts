// No webview may throw on a NaN, an infinity, a null (what JSON makes of both) or a missing field:
// the pure pieces both webviews render with, fed the runs a learning rate of 1e6 and old run files make.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultTrainConfig } from '../../../src/core/trainer/trainConfig';
import type { RunView } from '../../../src/shared/webviewMessages';
import { formatCount, formatFixed, formatPercent, formatSetting, runCaption, runLine, runNotes, runStatusText } from '../../../webview/shared/format';
import { finiteParameters, readDatasetPoints, readProgress, readRun, readRuns } from '../../../webview/shared/readRun';
import { chartDatasets, chartSeries } from '../../../webview/visualization/chartData';
import { comparisonModel, decayText, layersText } from '../../../webview/visualization/comparisonTable';
import { niceTicks } from '../../../webview/visualization/boundaryGrid';

const BAD: unknown[] = [NaN, Infinity, -Infinity, null, undefined, 'x', {}];

function run(overrides: Partial<RunView> = {}): RunView {
  const config = defaultTrainConfig('adam');
  delete config.learningRateAt;
  return {
    id: 'r1',
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
    summary: { accuracy: 0.94, finalCost: 0.3, oscillation: 0.1, seconds: 1.5, epochsRun: 10000 },
    ...overrides,
  };
}

/** A run as it comes back from workspaceState: JSON turned every NaN and infinity into null. */
function throughJson(r: RunView): unknown {
  return JSON.parse(JSON.stringify(r));
}

const diverged = (): RunView =>
  run({
    status: 'diverged',
    costs: [0.7, NaN],
    config: { ...run().config, learningRate: 1e6 },
    summary: { accuracy: 0.5, finalCost: NaN, oscillation: NaN, seconds: Infinity, epochsRun: 1 },
    diverged: { epoch: 1, cause: 'The learning rate 1e6 is too large for Adam.' },
    parameters: { W1: { rows: 1, cols: 2, data: [NaN, Infinity] } },
  });

test('numbers that are not finite print as NaN, ∞ and —, never throw', () => {
  assert.deepEqual([NaN, Infinity, -Infinity, null, undefined, 'x'].map((v) => formatFixed(v, 4)), ['NaN', '∞', '−∞', '—', '—', '—']);
  assert.equal(formatFixed(0.123456, 4), '0.1235');
  assert.deepEqual([0.94, NaN, null].map(formatPercent), ['94.0%', 'NaN', '—']);
  assert.deepEqual([0.0007, 1e-8, 64, 1e6, 0.999, NaN, null].map(formatSetting), ['0.0007', '1e-8', '64', '1e6', '0.999', 'NaN', '—']);
  assert.deepEqual([10000, Infinity].map(formatCount), ['10,000', '∞']);
});

test('statuses read as words: training…, stepping…, diverged at epoch N, the error', () => {
  assert.equal(runStatusText({ status: 'running' }), 'training…');
  assert.equal(runStatusText({ status: 'stepping' }), 'stepping…');
  assert.equal(runStatusText({ status: 'diverged', diverged: { epoch: 12, cause: 'c' } }), 'diverged at epoch 12');
  assert.equal(runStatusText({ status: 'diverged' }), 'diverged at epoch —');
  assert.equal(runStatusText({ status: 'failed', error: 'boom' }), 'failed: boom');
  assert.equal(runCaption(diverged()), 'diverged at epoch 1, 50.0%');
  assert.equal(runCaption(run({ status: 'stopped' })), '94.0% (stopped)');
  assert.deepEqual(runNotes({ ...diverged(), warning: 'predicts one class' }), ['The learning rate 1e6 is too large for Adam.', 'predicts one class']);
  assert.equal(runLine(diverged()), '50.0%, cost NaN, ∞ s, diverged at epoch 1');
  assert.equal(runLine(run({ status: 'stepping', epochs: [] })), 'stepping… epoch 0');
});

test('a diverged run read back from JSON keeps its NaN costs as NaN and its parameters are not finite', () => {
  const r = readRun(throughJson(diverged()))!;
  assert.ok(r);
  assert.deepEqual(r.costs, [0.7, NaN]);
  assert.equal(r.summary!.finalCost, NaN);
  assert.equal(r.diverged!.epoch, 1);
  assert.equal(finiteParameters(r.parameters!), false);
  assert.equal(finiteParameters({ W1: { rows: 1, cols: 1, data: [1] } }), true);
});

test('malformed runs are skipped, old ones (missing fields, unknown status) read', () => {
  const old = { id: 'old', optimizer: 'adam', status: 'finished', epochs: [0, 1, 2], costs: [1, null] };
  const runs = readRuns([null, 3, 'x', {}, { id: 7 }, old, { id: 'weird', status: 'exploded' }]);
  assert.deepEqual(runs.map((r) => r.id), ['old', 'weird']);
  const [o, w] = runs as [RunView, RunView];
  assert.deepEqual([o.epochs, o.costs, o.learningRates], [[0, 1], [1, NaN], []]);
  assert.deepEqual([o.label, o.datasetName, o.config], ['old', '—', {}]);
  assert.equal(w.status, 'failed');
  assert.match(w.error!, /unknown status "exploded"/);
  assert.equal(readRuns('not a list').length, 0);
  // Parameters that do not fit their shape are dropped (no boundary), not drawn wrong.
  assert.equal(readRun({ id: 'p', parameters: { W1: { rows: 2, cols: 2, data: [1] } } })!.parameters, undefined);
});

test('progress with nulls and ragged arrays is cut to a common length', () => {
  const p = readProgress({ type: 'runProgress', runId: 'r', epochs: [1, 2, 3], costs: [null, 0.5] as unknown as number[], learningRates: [] });
  assert.deepEqual([p.epochs, p.costs, p.learningRates], [[1, 2], [NaN, 0.5], []]);
  assert.equal(readDatasetPoints({ id: 'd', x1: [1, null], x2: [2], labels: [0, 1] })!.x1.length, 1);
  assert.equal(readDatasetPoints(null), undefined);
});

test('the comparison table renders runs with NaN, null and missing fields, and shows the whole config', () => {
  const bare = readRun({ id: 'bare', status: 'finished', summary: { accuracy: null } })!;
  const { columns, rows } = comparisonModel([run(), diverged(), readRun(throughJson(diverged()))!, bare]);
  const col = (title: string): number => columns.findIndex((c) => c.title === title);
  for (const title of ['Learning rate', 'Mini-batch size', 'Epochs', 'Seed', 'Beta1', 'Beta2', 'Epsilon', 'Layers', 'Decay', 'Status']) {
    assert.ok(col(title) >= 0, `no ${title} column`);
  }
  const [ok, nan, json, b] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
  assert.equal(ok.cells[col('Learning rate')]!.text, '0.0007');
  assert.equal(ok.cells[col('Mini-batch size')]!.text, '64');
  assert.equal(ok.cells[col('Layers')]!.text, '2, 5, 2, 1');
  // Adam does not read momentum's beta: its cell says so instead of showing a value it did not use.
  assert.equal(ok.cells[col('Beta')]!.text, '—');
  assert.equal(nan.cells[col('Status')]!.text, 'diverged at epoch 1');
  assert.equal(nan.cells[col('Status')]!.title, 'The learning rate 1e6 is too large for Adam.');
  assert.equal(nan.cells[col('Final cost')]!.text, 'NaN');
  assert.equal(json.cells[col('Final cost')]!.text, 'NaN');
  assert.equal(json.cells[col('Learning rate')]!.text, '1e6');
  assert.equal(b.cells[col('Accuracy')]!.text, 'NaN');
  assert.equal(b.cells[col('Learning rate')]!.text, '—');
  assert.equal(b.cells[col('Layers')]!.text, '—');
  assert.match(ok.tooltip, /^Optimizer: Adam\nData set: Built-in moons\nLearning rate: 0.0007\n/);
  assert.match(ok.tooltip, /Initialization seed: 3/);
  assert.ok(!/Beta: /.test(ok.tooltip));
  for (const v of BAD) assert.doesNotThrow(() => comparisonModel([run({ summary: { accuracy: v, finalCost: v, oscillation: v, seconds: v, epochsRun: v } as never })]));
});

test('Hide equal columns keeps only the configuration that tells runs apart', () => {
  const a = run();
  const b = run({ id: 'r2', label: 'Adam #2', config: { ...run().config, learningRate: 0.01, miniBatchSize: 32 } });
  const all = comparisonModel([a, b]).columns.map((c) => c.title);
  const hidden = comparisonModel([a, b], { hideEqual: true });
  const titles = hidden.columns.map((c) => c.title);
  assert.ok(titles.includes('Learning rate') && titles.includes('Mini-batch size'));
  assert.ok(!titles.includes('Epochs') && !titles.includes('Layers') && all.includes('Epochs'));
  // Results are never hidden, and every row has a cell per column.
  assert.ok(titles.includes('Final cost'));
  assert.ok(hidden.rows.every((r) => r.cells.length === hidden.columns.length));
  // One run: nothing to compare, nothing hidden.
  assert.deepEqual(comparisonModel([a], { hideEqual: true }).columns.map((c) => c.title), all);
});

test('decay and layers read as the user set them', () => {
  assert.equal(decayText({}), 'none');
  assert.equal(decayText({ decay: 'update_lr', decayRate: 1 }), 'update_lr (rate 1)');
  assert.equal(decayText({ decay: 'schedule_lr_decay', decayRate: 0.5, decayInterval: 1000 }), 'schedule_lr_decay (rate 0.5, every 1000)');
  assert.equal(decayText({ decay: 'none', learningRateSchedule: 'lr0 * 0.9' }), 'lr = lr0 * 0.9');
  assert.equal(decayText({ decay: 'update_lr', decayRate: null }), 'update_lr (rate —)');
  assert.equal(layersText({ layersDims: [2, 5, null, 1] }), '2, 5, —, 1');
});

test('chart series leave out NaN and infinite costs (and costs <= 0 on a log scale), and mark the newest run', () => {
  const a = run({ costs: [0.7, 0] });
  const d = run({ id: 'd', startedAt: 5, costs: [NaN, Infinity], epochs: [0, 100], datasetId: 'other', datasetName: 'other.csv' });
  const series = chartSeries([a, d]);
  assert.deepEqual(series.map((s) => s.points.length), [2, 0]);
  assert.deepEqual(series.map((s) => s.newest), [false, true]);
  assert.deepEqual(chartSeries([a], { logScale: true })[0]!.points, [{ x: 0, y: 0.7 }]);
  // One data set at a time; an unknown choice shows them all.
  assert.deepEqual(chartSeries([a, d], { datasetId: 'moons' }).map((s) => s.runId), ['r1']);
  assert.equal(chartSeries([a, d], { datasetId: 'gone' }).length, 2);
  assert.deepEqual(chartDatasets([a, d, a]), [{ id: 'moons', name: 'Built-in moons' }, { id: 'other', name: 'other.csv' }]);
  assert.equal(chartSeries([readRun({ id: 'x', epochs: [0, null], costs: [null, 1] })!])[0]!.points.length, 0);
});

test("the reference trained beside the learner's run is dashed, the learner's run solid, whatever came before", () => {
  const earlier = run({ id: 'e', optimizer: 'adam' });
  const yours = run({ id: 'y', optimizer: 'adam', pair: 'yours' });
  const reference = readRun({ ...run({ id: 'r', optimizer: 'adam' }), pair: 'reference' })!;
  assert.equal(reference.pair, 'reference', 'kept when a stored run is read back');
  assert.equal(readRun({ ...run({ id: 'x' }), pair: 'theirs' })!.pair, undefined);
  const dashes = chartSeries([earlier, yours, reference]).map((s) => s.dash);
  assert.deepEqual(dashes, [0, 0, 1]);
  // Without the pair, a second and third Adam run would have been dashed by their count.
  assert.deepEqual(chartSeries([earlier, run({ id: 'y2', optimizer: 'adam' }), run({ id: 'r2', optimizer: 'adam' })]).map((s) => s.dash), [0, 1, 2]);
});

test('boundary axes get round ticks, none for an empty or non-finite range', () => {
  assert.deepEqual(niceTicks(-2.1, 3.4, 6), [-2, -1, 0, 1, 2, 3]);
  assert.deepEqual(niceTicks(-2.1, 3.4, 5), [-2, 0, 2]);
  assert.deepEqual(niceTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(NaN, 1, 4), []);
  assert.deepEqual(niceTicks(1, 1, 4), []);
  assert.deepEqual(niceTicks(-Infinity, 1, 4), []);
});
