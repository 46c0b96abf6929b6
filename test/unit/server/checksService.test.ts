import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { ChecksService, type ChecksHost } from '../../../src/server/checksService';
import { sourceOfNotebookCells, sourceOfTextDocument } from '../../../src/server/checkSource';
import { PythonOutliner } from '../../../src/server/pythonOutline';
import { LensTitle, STALE_SUFFIX, shadowedTitle } from '../../../src/server/lensTitles';
import type { CheckState, ChecksConfiguration, FunctionOutcome, FunctionsResult, PythonProblem } from '../../../src/shared/protocol';
import { FakeEngine, unavailable } from './fakeEngine';

let outliner: PythonOutliner;
before(async () => {
  outliner = await PythonOutliner.create(path.dirname(require.resolve('@vscode/tree-sitter-wasm')));
});

const trusted: ChecksConfiguration = { pythonPath: 'python3', pythonSource: 'default', trusted: true, runOn: 'save', timeoutSeconds: 10, memoryLimitMb: 1024 };

class RecordingHost implements ChecksHost {
  diagnostics = new Map<string, Diagnostic[]>();
  states: CheckState[] = [];
  problems: PythonProblem[] = [];
  functions: FunctionsResult[] = [];
  finished: Array<{ uri: string; functions: FunctionOutcome[] }> = [];
  publishDiagnostics(uri: string, diagnostics: Diagnostic[]): void {
    this.diagnostics.set(uri, diagnostics);
  }
  refreshes = 0;
  refreshCodeLenses(): void {
    this.refreshes += 1;
  }
  sendCheckState(state: CheckState): void {
    this.states.push(state);
  }
  sendPythonUnavailable(problem: PythonProblem): void {
    this.problems.push(problem);
  }
  sendFunctionsChanged(result: FunctionsResult): void {
    this.functions.push(result);
  }
  sendChecksFinished(uri: string, functions: FunctionOutcome[]): void {
    this.finished.push({ uri, functions });
  }
  logs: string[] = [];
  log(message: string): void {
    this.logs.push(message);
  }
}

function setup(config: Partial<ChecksConfiguration> = {}) {
  const host = new RecordingHost();
  const engines: FakeEngine[] = [];
  const service = new ChecksService(
    outliner,
    (options) => {
      const engine = new FakeEngine(options);
      engines.push(engine);
      return engine;
    },
    host,
    { ...trusted, ...config },
    20,
  );
  return { host, engines, service };
}

/** Waits on a condition by yielding to the event loop, never a fixed sleep. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

const URI = 'file:///w/optimizers.py';
const ADAM_OK = 'def update_parameters_with_adam(parameters, grads, v, s, t):\n    return parameters, v, s\n';
const MOMENTUM_BUG = [
  'def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):  # BUG',
  '    for l in range(len(parameters) // 2):',
  '        parameters["W" + str(l+1)] -= learning_rate * grads["dW" + str(l+1)]',
  '    return parameters, v',
  '',
].join('\n');
const MOMENTUM_FIXED = MOMENTUM_BUG.replace('  # BUG', '');
const file = (text: string) => sourceOfTextDocument(URI, text);
// The check lenses' titles; the "Train with this" lens beside each update function is tested on its own.
const TRAIN_LENSES: readonly (string | undefined)[] = [LensTitle.trainWithThis, LensTitle.trainUntrusted];
const titles = (service: ChecksService, uri = URI) => service.codeLenses(uri).map((l) => l.command?.title).filter((t) => !TRAIN_LENSES.includes(t));

test('opening a file checks it: a passing lens over one function, a diagnostic naming the mistake on the other', async () => {
  const { host, service } = setup();
  const text = `import numpy as np\n\n${ADAM_OK}\n${MOMENTUM_BUG}`;
  service.update(file(text), 'open');
  await until(() => (host.diagnostics.get(URI) ?? []).length === 1, 'a diagnostic');
  await until(() => !titles(service).some((t) => t === LensTitle.running), 'the run to end');
  assert.deepEqual(titles(service), ['✓ 4/4 checks passed', '✗ W2 differs: epsilon inside the square root']);
  const [diagnostic] = host.diagnostics.get(URI) ?? [];
  assert.ok(diagnostic);
  assert.equal(diagnostic.range.start.line, 5, 'on the def line of the momentum function');
  assert.equal(diagnostic.code, 'adam-epsilon-inside-sqrt');
  assert.match(String(diagnostic.message), /parameters\["W2"\]/);
  assert.match(String(diagnostic.message), /np\.sqrt\(s_corrected\) \+ epsilon/);
  assert.equal(diagnostic.relatedInformation?.[0]?.location.range.start.line, 7, 'points at the line that sets parameters["W..."]');
  assert.deepEqual(host.states.at(-1), { functions: 2, running: 0, passed: 1, failed: 1 });
  assert.deepEqual(host.finished.at(-1)?.functions.map((f) => [f.name, f.status]), [
    ['update_parameters_with_adam', 'pass'],
    ['update_parameters_with_momentum', 'fail'],
  ], 'the Test Explorer hears of runs it did not start');
});

test('runOn save: typing does not check, saving does, and a fixed function clears its diagnostic', async () => {
  const { host, engines, service } = setup();
  service.update(file(MOMENTUM_BUG), 'open');
  await until(() => (host.diagnostics.get(URI) ?? []).length === 1, 'the diagnostic');
  service.update(file(MOMENTUM_FIXED), 'change');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(engines[0]?.calls.length, 1, 'an edit alone does not run the checks');
  service.update(file(MOMENTUM_FIXED), 'save');
  await until(() => (host.diagnostics.get(URI) ?? []).length === 0, 'the diagnostic to clear');
  assert.equal(engines[0]?.calls.length, 2);
});

test('a function that is deleted loses its diagnostic without a run', async () => {
  const { host, engines, service } = setup({ runOn: 'manual' });
  service.update(file(`${ADAM_OK}\n${MOMENTUM_BUG}`), 'open');
  await service.run({ uri: URI });
  assert.equal(host.diagnostics.get(URI)?.length, 1);
  service.update(file(ADAM_OK), 'change');
  assert.equal(host.diagnostics.get(URI)?.length, 0);
  assert.equal(engines[0]?.calls.length, 1);
});

test('an unchanged function is not checked again when another one changes', async () => {
  const { engines, service } = setup({ runOn: 'manual' });
  service.update(file(`${ADAM_OK}\n${MOMENTUM_BUG}`), 'open');
  await service.run({ uri: URI });
  // Lines above move both functions; only the momentum text changes.
  service.update(file(`# a comment\n\n${ADAM_OK}\n${MOMENTUM_FIXED}`), 'change');
  const result = await service.run({ uri: URI });
  assert.deepEqual(engines[0]?.calls, [['update_parameters_with_adam', 'update_parameters_with_momentum'], ['update_parameters_with_momentum']]);
  assert.equal(result.kind, 'checked');
  if (result.kind !== 'checked') return;
  const adam = result.functions.find((f) => f.name === 'update_parameters_with_adam');
  assert.equal(adam?.location.range.start.line, 2, 'the cached result is placed where the function is now');
});

test('runOn type: edits are debounced into one run', async () => {
  const { engines, service } = setup({ runOn: 'type' });
  service.update(file(MOMENTUM_BUG), 'open');
  await until(() => engines[0]?.calls.length === 1, 'the first run');
  for (const suffix of ['a', 'ab', 'abc']) service.update(file(`${MOMENTUM_FIXED}# ${suffix}\n`), 'change');
  await until(() => engines[0]?.calls.length === 2, 'the debounced run');
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(engines[0]?.calls.length, 2, 'three edits in a row make one run');
});

test('runOn type: no run while the source does not parse; saving still checks', async () => {
  const { engines, service } = setup({ runOn: 'type' });
  service.update(file(MOMENTUM_BUG), 'open');
  await until(() => engines[0]?.calls.length === 1, 'the first run');
  const halfTyped = MOMENTUM_FIXED.replace('return parameters, v', 'return (parameters,');
  service.update(file(halfTyped), 'change');
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(engines[0]?.calls.length, 1, 'a syntax error holds the run back');
  assert.deepEqual(titles(service), ['✗ W2 differs: epsilon inside the square root'], 'the lens stays while the code does not parse');
  service.update(file(`${MOMENTUM_FIXED}x = 1\n`), 'change');
  await until(() => engines[0]?.calls.length === 2, 'the run once it parses');
});

test('a function hidden by a half-typed bracket keeps its lens and diagnostic until it parses again', async () => {
  const { host, service } = setup({ runOn: 'manual' });
  service.update(file(MOMENTUM_BUG), 'open');
  await service.run({ uri: URI });
  const halfTyped = MOMENTUM_BUG.replace('return parameters, v', 'return (parameters,');
  service.update(file(halfTyped), 'change');
  assert.equal(titles(service).length, 1);
  assert.equal(host.diagnostics.get(URI)?.length, 1);
  service.update(file(''), 'change');
  assert.deepEqual(titles(service), [], 'deleting the function (no syntax error) removes its lens');
  assert.equal(host.diagnostics.get(URI)?.length, 0);
});

test('runOn manual: nothing runs until asked; the lens offers the run', async () => {
  const { engines, service } = setup({ runOn: 'manual' });
  service.update(file(ADAM_OK), 'open');
  service.update(file(ADAM_OK), 'save');
  assert.equal(engines.length, 0);
  assert.deepEqual(titles(service), [LensTitle.run]);
  const lens = service.codeLenses(URI)[0];
  assert.equal(lens?.command?.command, 'optimizationLab.runNotebookTests');
  assert.deepEqual(lens?.command?.arguments, [{ uri: URI, functions: ['update_parameters_with_adam'] }]);
});

test('untrusted workspace: no checker is ever created, the lens asks for trust; granting trust runs', async () => {
  const { host, engines, service } = setup({ trusted: false });
  service.update(file(MOMENTUM_BUG), 'open');
  service.update(file(MOMENTUM_BUG), 'save');
  const result = await service.run({ uri: URI });
  assert.equal(result.kind, 'untrusted');
  assert.equal(engines.length, 0, 'no Python process may start');
  assert.deepEqual(titles(service), [LensTitle.untrusted]);
  assert.equal(service.codeLenses(URI)[0]?.command?.command, 'workbench.trust.manage');
  assert.equal(host.states.at(-1)?.problem, 'untrusted');
  service.configure({ ...trusted });
  await until(() => (host.diagnostics.get(URI) ?? []).length === 1, 'the run after trust');
});

test('missing numpy: one notification, the lens says so, nothing throws; a new interpreter runs again', async () => {
  const { host, engines, service } = setup();
  service.update(file(ADAM_OK), 'open');
  await until(() => engines.length === 1, 'the engine');
  const engine = engines[0];
  assert.ok(engine);
  // The first run already started with a working engine; make the next ones fail.
  engine.unavailable = unavailable('numpy-missing', 'python3');
  const edited = (n: number) => ADAM_OK.replace('return', `x = ${n}\n    return`);
  service.update(file(edited(1)), 'save');
  await until(() => host.problems.length === 1, 'the notification');
  service.update(file(edited(2)), 'save');
  await service.run({ uri: URI });
  assert.equal(host.problems.length, 1, 'only one notification for the same interpreter and reason');
  assert.deepEqual(titles(service), [LensTitle.numpyMissing]);
  assert.equal(service.codeLenses(URI)[0]?.command?.command, 'optimizationLab.selectPythonInterpreter');
  engine.unavailable = undefined;
  service.configure({ ...trusted, pythonPath: '/venv/bin/python' });
  await until(() => titles(service)[0] === '✓ 4/4 checks passed', 'a passing lens with the new interpreter');
  assert.equal(engine.options.pythonPath, '/venv/bin/python');
});

test('a notebook: cells are checked together, lenses and diagnostics land in the right cell', async () => {
  const { host, service } = setup();
  const notebook = sourceOfNotebookCells('file:///w/lab.ipynb', [
    { uri: 'cell:0', text: 'import numpy as np' },
    { uri: 'cell:1', text: ADAM_OK },
    { uri: 'cell:2', text: `x = 1\n${MOMENTUM_BUG}` },
  ]);
  service.update(notebook, 'open');
  await until(() => (host.diagnostics.get('cell:2') ?? []).length === 1, 'a diagnostic in cell 2');
  assert.equal(host.diagnostics.get('cell:2')?.[0]?.range.start.line, 1);
  assert.equal(host.diagnostics.get('cell:2')?.[0]?.relatedInformation?.[0]?.location.uri, 'cell:2');
  assert.deepEqual(titles(service, 'cell:1'), ['✓ 4/4 checks passed']);
  assert.equal(service.codeLenses('cell:2')[0]?.range.start.line, 1);
  assert.deepEqual(service.codeLenses('cell:2')[0]?.command?.arguments, [{ uri: 'file:///w/lab.ipynb', functions: ['update_parameters_with_momentum'] }]);
  assert.deepEqual(host.functions.at(-1)?.functions.map((f) => [f.name, f.uri]), [
    ['update_parameters_with_adam', 'cell:1'],
    ['update_parameters_with_momentum', 'cell:2'],
  ]);
  service.close('file:///w/lab.ipynb');
  assert.deepEqual(host.diagnostics.get('cell:2'), []);
});

test('an exception points the related information at the raising line', async () => {
  const { host, service } = setup({ runOn: 'manual' });
  const text = ['def initialize_adam(parameters):', '    v = {}', "    v['dW3'] = parameters['W3']  # RAISE", '    return v, v', ''].join('\n');
  service.update(file(text), 'open');
  const result = await service.run({ uri: URI });
  assert.equal(result.kind === 'checked' && result.functions[0]?.summary, "✗ KeyError: 'W3'");
  assert.equal(host.diagnostics.get(URI)?.[0]?.relatedInformation?.[0]?.location.range.start.line, 2);
});

test('a checker that throws on an automatic run is logged, not left as an unhandled rejection', async () => {
  const host = new RecordingHost();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const service = new ChecksService(
      outliner,
      (options) => {
        const engine = new FakeEngine(options);
        engine.checkSource = () => Promise.reject(new Error('harness crashed'));
        return engine;
      },
      host,
      trusted,
      20,
    );
    service.update(file(ADAM_OK), 'open');
    await until(() => host.logs.some((m) => m.includes('harness crashed')), 'the failure in the log');
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(unhandled, []);
    assert.deepEqual(host.states.at(-1), { functions: 1, running: 0, passed: 0, failed: 0 }, 'nothing is left marked as running');
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});

test('an edit not yet checked marks the lens and the diagnostic as from before the edit, until the next check', async () => {
  const { host, service } = setup();
  service.update(file(MOMENTUM_BUG), 'open');
  await until(() => (host.diagnostics.get(URI) ?? []).length === 1, 'the diagnostic');
  await until(() => !titles(service).some((t) => t === LensTitle.running), 'the run to end');
  const checked = titles(service)[0] ?? '';
  assert.ok(!checked.endsWith(STALE_SUFFIX));
  assert.equal(host.diagnostics.get(URI)?.[0]?.severity, DiagnosticSeverity.Error);
  const edited = MOMENTUM_BUG.replace('    return parameters, v', '    parameters["b1"] = parameters["b1"]\n    return parameters, v');
  service.update(file(edited), 'change');
  assert.deepEqual(titles(service), [checked + STALE_SUFFIX]);
  const stale = host.diagnostics.get(URI)?.[0];
  assert.match(String(stale?.message), /^Before your last edit: /);
  assert.equal(stale?.severity, DiagnosticSeverity.Warning);
  // Undoing the edit makes the result current again; saving the edit checks it.
  service.update(file(MOMENTUM_BUG), 'change');
  assert.deepEqual(titles(service), [checked]);
  service.update(file(edited), 'save');
  await until(() => titles(service)[0] !== LensTitle.running && !(titles(service)[0] ?? '').endsWith(STALE_SUFFIX), 'a fresh result');
  assert.match(String(host.diagnostics.get(URI)?.[0]?.message), /^update_parameters_with_momentum: /);
});

test('a function defined in two notebook cells: the last gets the result, the earlier says it is not checked', async () => {
  const { service } = setup();
  const notebook = sourceOfNotebookCells('file:///w/twice.ipynb', [
    { uri: 'cell:0', text: MOMENTUM_BUG },
    { uri: 'cell:1', text: `${ADAM_OK}\n${MOMENTUM_FIXED}` },
  ]);
  service.update(notebook, 'open');
  await until(() => (titles(service, 'cell:1')[1] ?? '').startsWith('✓'), 'the result of the later definition');
  assert.deepEqual(titles(service, 'cell:0'), [shadowedTitle(0, false)]);
  assert.equal(service.codeLenses('cell:0')[0]?.command?.command, '', 'not a button');
  assert.match(titles(service, 'cell:0')[0] ?? '', /^Not checked: redefined in a later cell/);
  // In one file the lens names the line of the definition that counts.
  service.update(file(`${MOMENTUM_BUG}\n${MOMENTUM_FIXED}`), 'open');
  await until(() => (titles(service)[1] ?? '').startsWith('✓'), 'the result in the file');
  assert.deepEqual(titles(service)[0], 'Not checked: redefined on line 6, which is the one the notebook tests run');
});

test('a run that ends before the editor fetched the lenses asks for no second fetch (it would restart the editor\'s wait)', async () => {
  const { host, engines, service } = setup({ runOn: 'manual' });
  service.update(file(ADAM_OK), 'open');
  service.codeLenses(URI); // the editor shows the file's lenses
  host.refreshes = 0;
  await service.run({ uri: URI });
  assert.equal(host.refreshes, 1, 'asked once, when the run started; the fetch that follows shows the result');
  assert.deepEqual(titles(service), ['✓ 4/4 checks passed']);
  // The editor fetched while it ran (it showed "Running…"): the end of the run asks again.
  host.refreshes = 0;
  let release: () => void = () => undefined;
  engines[0]!.gate = new Promise<void>((resolve) => (release = resolve));
  const edited = ADAM_OK.replace('return parameters, v, s', 'return parameters, v, s  # edited');
  service.update(file(edited), 'change');
  const running = service.run({ uri: URI });
  await until(() => titles(service)[0] === LensTitle.running, 'the running lens');
  release();
  await running;
  assert.equal(host.refreshes, 2, 'at the start and at the end');
});

test("the newer editions' update_lr and schedule_lr_decay get a lens like the other graded functions", async () => {
  const { service } = setup({ runOn: 'manual' });
  const decay = [
    'def update_lr(learning_rate0, epoch_num, decay_rate):',
    '    return learning_rate0 / (1 + decay_rate * epoch_num)',
    '',
    'def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):',
    '    return learning_rate0 / (1 + decay_rate * (epoch_num // time_interval))',
    '',
  ].join('\n');
  service.update(file(decay), 'open');
  assert.deepEqual(service.codeLenses(URI).map((l) => l.range.start.line), [0, 3]);
});

test('each update function also gets "Train with this" (trusted), which trains with the file\'s functions; untrusted it asks for trust', async () => {
  const { service } = setup({ runOn: 'manual' });
  service.update(file(`import numpy as np\n\n${ADAM_OK}\n${MOMENTUM_BUG}`), 'open');
  const train = service.codeLenses(URI).filter((l) => l.command?.title === LensTitle.trainWithThis);
  assert.deepEqual(
    train.map((l) => l.command?.arguments),
    [[{ uri: URI, optimizer: 'adam' }], [{ uri: URI, optimizer: 'momentum' }]],
  );
  assert.ok(train.every((l) => l.command?.command === 'optimizationLab.trainWithMyFunctions'));
  const untrusted = setup({ runOn: 'manual', trusted: false });
  untrusted.service.update(file(ADAM_OK), 'open');
  const lens = untrusted.service.codeLenses(URI).find((l) => l.command?.title === LensTitle.trainUntrusted);
  assert.equal(lens?.command?.command, 'workbench.trust.manage');
});
