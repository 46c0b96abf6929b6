import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { sourceOfTextDocument } from '../../../src/server/checkSource';
import { keyAssignmentLine, toDiagnostic, toFunctionOutcome } from '../../../src/server/outcomes';
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

test("a named mistake's line is where the diagnostic points, with its title; the message leads with the title", () => {
  const [fn] = outliner.outline(ADAM).functions;
  assert.ok(fn);
  const report = {
    name: 'update_parameters_with_adam' as const,
    line: 1,
    status: 'fail' as const,
    checks: [
      {
        case: 'notebook test case',
        status: 'fail' as const,
        message: 's["dW1"][0][0]: expected 1, got 2',
        key: 's["dW1"]',
        mistake: 'adam-beta1-in-second-moment',
        title: 'beta1 used for s',
        hint: 'The second moment uses beta2.',
        mistakeLine: 4,
      },
    ],
  };
  const source = sourceOfTextDocument('file:///w/a.py', ADAM);
  const found = toDiagnostic({ fn, report, fromCache: false }, source);
  assert.equal(found?.diagnostic.relatedInformation?.[0]?.location.range.start.line, 3);
  assert.equal(found?.diagnostic.relatedInformation?.[0]?.message, 'beta1 used for s');
  assert.match(String(found?.diagnostic.message), /^update_parameters_with_adam: beta1 used for s\. s\["dW1"\]/);
  const outcome = toFunctionOutcome({ fn, report, fromCache: false }, source, 10);
  assert.equal(outcome.cases[0]?.title, 'beta1 used for s');
});
