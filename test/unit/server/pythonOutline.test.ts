import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { PythonOutliner } from '../../../src/server/pythonOutline';

const wasmDirectory = path.dirname(require.resolve('@vscode/tree-sitter-wasm'));
let outliner: PythonOutliner;

before(async () => {
  outliner = await PythonOutliner.create(wasmDirectory);
});

const names = (source: string): string[] => outliner.outline(source).functions.map((f) => f.name);

test('finds module-level functions with the line of their def and the range of their name', () => {
  const source = ['import numpy as np', '', 'def update_parameters_with_gd(parameters, grads, learning_rate):', '    return parameters', ''].join('\n');
  const [fn] = outliner.outline(source).functions;
  assert.ok(fn);
  assert.equal(fn.name, 'update_parameters_with_gd');
  assert.equal(fn.defLine, 2);
  assert.deepEqual(fn.nameStart, { line: 2, character: 4 });
  assert.deepEqual(fn.nameEnd, { line: 2, character: 29 });
  assert.deepEqual(fn.returnLines, [3]);
});

test('a decorator belongs to the definition: the def line is after it, the text includes it', () => {
  const source = ['@functools.lru_cache(maxsize=None)', '@other', 'def initialize_adam(parameters):', '    return {}, {}'].join('\n');
  const [fn] = outliner.outline(source).functions;
  assert.ok(fn);
  assert.equal(fn.startLine, 0);
  assert.equal(fn.defLine, 2);
  assert.ok(fn.text.startsWith('@functools.lru_cache'));
});

test('a signature over several lines is one function whose body follows', () => {
  const source = [
    'def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate = 0.01,',
    '                                beta1 = 0.9, beta2 = 0.999,',
    '                                epsilon = 1e-8):',
    '    L = len(parameters) // 2',
    '    return parameters, v, s',
  ].join('\n');
  const [fn] = outliner.outline(source).functions;
  assert.ok(fn);
  assert.equal(fn.name, 'update_parameters_with_adam');
  assert.equal(fn.endLine, 4);
  assert.deepEqual(fn.returnLines, [4]);
});

test('nested defs are not module-level functions, and their returns are not the outer one', () => {
  const source = [
    'def initialize_velocity(parameters):',
    '    def zeros_like(a):',
    '        return np.zeros(a.shape)',
    '    def update_parameters_with_gd(p, g, lr):',
    '        return p',
    '    return {k: zeros_like(a) for k, a in parameters.items()}',
    'class Optimizer:',
    '    def update_parameters_with_momentum(self):',
    '        pass',
  ].join('\n');
  const functions = outliner.outline(source).functions;
  assert.deepEqual(functions.map((f) => f.name), ['initialize_velocity']);
  assert.deepEqual(functions[0]?.returnLines, [5]);
});

test('def inside comments, strings and docstrings is not a function', () => {
  const source = [
    '# def update_parameters_with_gd(parameters, grads, learning_rate):',
    'text = "def random_mini_batches(X, Y):"',
    'doc = """',
    'def initialize_adam(parameters):',
    '    pass',
    '"""',
    'def initialize_velocity(parameters):',
    '    """def update_parameters_with_momentum(): this is a docstring"""',
    '    return {}',
  ].join('\n');
  assert.deepEqual(names(source), ['initialize_velocity']);
});

test('a function defined twice is listed twice, in order', () => {
  const source = ['def initialize_adam(p):', '    return 1', 'def initialize_adam(p):', '    return 2'].join('\n');
  assert.deepEqual(
    outliner.outline(source).functions.map((f) => f.defLine),
    [0, 2],
  );
});

test('module-level imports are collected, nested ones are not', () => {
  const source = ['import numpy as np', 'from math import floor', 'def f():', '    import os', '    return os'].join('\n');
  assert.deepEqual(outliner.outline(source).imports, ['import numpy as np', 'from math import floor']);
});

test('columns count UTF-16 code units, as LSP positions do', () => {
  const source = ['x = "é😀"; y = 1', 'def initialize_adam(p):  # ü', '    return p'].join('\n');
  const [fn] = outliner.outline(source).functions;
  assert.deepEqual(fn?.nameStart, { line: 1, character: 4 });
  assert.equal(outliner.outline('s = "😀"\ndef  initialize_adam(p): pass').functions[0]?.nameStart.character, 5);
});

test('subscript assignments record the target and the string keys, to point at where a key is set', () => {
  const source = [
    'def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):',
    '    for l in range(len(parameters) // 2):',
    '        v["dW" + str(l+1)] = beta * v["dW" + str(l+1)] + (1 - beta) * grads["dW" + str(l+1)]',
    "        parameters[f'W{l+1}'] -= learning_rate * v['dW' + str(l+1)]",
    '    return parameters, v',
  ].join('\n');
  const [fn] = outliner.outline(source).functions;
  assert.deepEqual(fn?.assignments, [
    { line: 2, target: 'v', keys: ['dW'] },
    { line: 3, target: 'parameters', keys: ['W'] },
  ]);
});

test('a syntax error still lets the intact functions be found', () => {
  const source = ['def initialize_adam(parameters):', '    return {}, {}', '', 'def broken(:', '    pass'].join('\n');
  const outline = outliner.outline(source);
  assert.equal(outline.hasSyntaxErrors, true);
  assert.ok(outline.functions.some((f) => f.name === 'initialize_adam'));
});
