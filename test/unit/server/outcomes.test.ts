import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { keyAssignmentLine } from '../../../src/server/outcomes';
import { PythonOutliner } from '../../../src/server/pythonOutline';

let outliner: PythonOutliner;
before(async () => {
  outliner = await PythonOutliner.create(path.dirname(require.resolve('@vscode/tree-sitter-wasm')));
});

const ADAM = [
  'def update_parameters_with_adam(parameters, grads, v, s, t):',
  '    for l in range(len(parameters) // 2):',
  "        v['dW' + str(l+1)] = 0.9 * v['dW' + str(l+1)] + 0.1 * grads['dW' + str(l+1)]",
  "        s['dW' + str(l+1)] = 0.999 * s['dW' + str(l+1)]",
  "        parameters['W' + str(l+1)] = parameters['W' + str(l+1)] - v['dW' + str(l+1)]",
  "        parameters['b%d' % (l+1)] -= 0.1",
  '    return parameters, v, s',
].join('\n');

test('a differing key points at the assignment of that dictionary entry', () => {
  const [fn] = outliner.outline(ADAM).functions;
  assert.ok(fn);
  assert.equal(keyAssignmentLine('parameters["W2"]', fn), 4);
  assert.equal(keyAssignmentLine('s["dW1"]', fn), 3);
  assert.equal(keyAssignmentLine('v["dW1"]', fn), 2);
  assert.equal(keyAssignmentLine('mini_batches[0][1]', fn), undefined);
});
