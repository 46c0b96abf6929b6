import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusBarView } from '../../../src/extension/checks/checkStatusView';

test('the status bar: problems first, then running, then failures before passes; hidden with nothing to show', () => {
  assert.equal(statusBarView({ functions: 5, running: 0, passed: 0, failed: 0 }), undefined);
  assert.equal(statusBarView({ functions: 0, running: 0, passed: 0, failed: 0, problem: 'untrusted' }), undefined, 'no graded function open');
  assert.equal(statusBarView({ functions: 5, running: 0, passed: 3, failed: 0 })?.text, '$(pass) 3 passed');
  assert.equal(statusBarView({ functions: 5, running: 0, passed: 3, failed: 2 })?.text, '$(error) 2 failed, 3 passed');
  assert.equal(statusBarView({ functions: 5, running: 2, passed: 3, failed: 2 })?.text, '$(sync~spin) Checking 2…');
  assert.equal(statusBarView({ functions: 5, running: 2, passed: 3, failed: 2, problem: 'untrusted' })?.text, '$(workspace-untrusted) Notebook tests off');
  const noPython = statusBarView({ functions: 1, running: 0, passed: 0, failed: 0, problem: 'python-unavailable' });
  assert.equal(noPython?.text, '$(warning) Notebook tests: no Python');
  assert.equal(noPython?.warning, true);
});
