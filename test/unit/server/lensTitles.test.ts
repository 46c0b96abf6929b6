import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckResult, FunctionReport } from '../../../src/checker/types';
import { mistakeLabel, reportTitle, shortKey } from '../../../src/server/lensTitles';

const check = (over: Partial<CheckResult>): CheckResult => ({ case: 'c', status: 'pass', message: '', mistake: null, hint: null, ...over });
const report = (checks: CheckResult[]): FunctionReport => ({
  name: 'update_parameters_with_adam',
  line: 1,
  status: checks.some((c) => c.status === 'error') ? 'error' : checks.some((c) => c.status === 'timeout') ? 'timeout' : checks.some((c) => c.status === 'fail') ? 'fail' : 'pass',
  checks,
});

test('all checks passing: the count', () => {
  assert.equal(reportTitle(report([check({}), check({}), check({})]), 10), '✓ 3/3 checks passed');
});

test('a recognised mistake: the key and the mistake in words', () => {
  const failing = check({ status: 'fail', key: 'parameters["W2"]', mistake: 'adam-epsilon-inside-sqrt', message: 'x' });
  assert.equal(reportTitle(report([check({}), failing]), 10), '✗ W2 differs: epsilon inside the square root');
});

test('an unrecognised difference: the key and how many passed; a missing key: the message', () => {
  const failing = check({ status: 'fail', key: 'v["dW1"]', message: 'x', expected: 1, actual: 2 });
  assert.equal(reportTitle(report([check({}), failing, failing]), 10), '✗ v["dW1"] differs (1/3 checks passed)');
  const missing = check({ status: 'fail', key: 'v["dW1"]', message: 'v has no key "dW1" (it is empty)' });
  assert.equal(reportTitle(report([missing]), 10), '✗ v has no key "dW1" (it is empty)');
});

test('an exception outranks a difference; a timeout names the limit', () => {
  const failing = check({ status: 'fail', key: 'parameters["W1"]' });
  const raised = check({ status: 'error', message: "KeyError: 'W3'\n  at line 4" });
  assert.equal(reportTitle(report([failing, raised]), 10), "✗ KeyError: 'W3'");
  assert.equal(reportTitle(report([check({ status: 'timeout' })]), 7), '✗ Timed out after 7 s');
});

test('long messages are clipped to fit above a def', () => {
  const raised = check({ status: 'error', message: `ValueError: ${'x'.repeat(200)}` });
  const title = reportTitle(report([raised]), 10);
  assert.equal(title.length, 90);
  assert.ok(title.endsWith('…'));
});

test('keys and mistake ids read as words', () => {
  assert.equal(shortKey('parameters["b1"]'), 'b1');
  assert.equal(shortKey('mini_batches[2][1]'), 'mini_batches[2][1]');
  assert.equal(mistakeLabel('momentum-missing-one-minus-beta'), 'momentum without (1 - beta)', "the checker catalogue's title");
  assert.equal(mistakeLabel('adam-some-future-mistake'), 'some future mistake', 'an unknown id read as words');
});

test("the diagnosis's own title wins, also for a raised error or a time-out", () => {
  const reasoned = check({ status: 'fail', key: 'parameters["W1"]', mistake: 'hyperparameter-fixed', title: 'learning_rate fixed at 0.01', message: 'x' });
  assert.equal(reportTitle(report([reasoned]), 10), '✗ W1 differs: learning_rate fixed at 0.01');
  const loop = check({ status: 'timeout', mistake: 'endless-loop', title: 'the loop never ends', message: 'did not finish' });
  assert.equal(reportTitle(report([loop]), 10), '✗ Timed out after 10 s: the loop never ends');
  const keyError = check({ status: 'error', mistake: 'layer-count-not-halved', title: 'L = len(parameters) counts W and b', message: "KeyError: 'W3'" });
  assert.equal(reportTitle(report([keyError]), 10), '✗ L = len(parameters) counts W and b');
  const aliased = check({ status: 'fail', mistake: 'v-s-same-dictionary', title: 'v and s are the same dictionary', message: 'the values match, but ...' });
  assert.equal(reportTitle(report([aliased]), 10), '✗ v and s are the same dictionary');
});
