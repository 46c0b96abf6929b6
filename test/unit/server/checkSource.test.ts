import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceOfIpynb, sourceOfNotebookCells, sourceOfTextDocument, toDocumentLine } from '../../../src/server/checkSource';

test('a .py file is one segment: every line maps to itself', () => {
  const source = sourceOfTextDocument('file:///a.py', 'a\nb\nc');
  assert.deepEqual(toDocumentLine(source, 2), { uri: 'file:///a.py', line: 2 });
  assert.equal(toDocumentLine(source, 3), undefined);
});

test('notebook cells are joined in order and each line maps back to its cell', () => {
  const source = sourceOfNotebookCells('file:///n.ipynb', [
    { uri: 'cell:0', text: 'import numpy as np' },
    { uri: 'cell:1', text: 'def initialize_adam(p):\n    return p\n' },
    { uri: 'cell:2', text: 'x = 1' },
  ]);
  assert.equal(source.text, 'import numpy as np\ndef initialize_adam(p):\n    return p\n\nx = 1');
  assert.deepEqual(toDocumentLine(source, 0), { uri: 'cell:0', line: 0 });
  assert.deepEqual(toDocumentLine(source, 2), { uri: 'cell:1', line: 1 });
  assert.deepEqual(toDocumentLine(source, 3), { uri: 'cell:1', line: 2 });
  assert.deepEqual(toDocumentLine(source, 4), { uri: 'cell:2', line: 0 });
});

test('IPython magics become comments in place; cell magics drop the cell', () => {
  const source = sourceOfNotebookCells('file:///n.ipynb', [
    { uri: 'cell:0', text: '%matplotlib inline\n!pip install numpy\nimport numpy as np' },
    { uri: 'cell:1', text: '%%bash\necho hi' },
    { uri: 'cell:2', text: 'def f():\n    %time x = 1\n    return 1' },
  ]);
  assert.equal(source.text, '#matplotlib inline\n#pip install numpy\nimport numpy as np\ndef f():\n    #time x = 1\n    return 1');
  assert.deepEqual(toDocumentLine(source, 3), { uri: 'cell:2', line: 0 });
});

test('an .ipynb on disk: code cells with list or string sources, markdown skipped', () => {
  const ipynb = JSON.stringify({
    nbformat: 4,
    cells: [
      { cell_type: 'markdown', source: ['# def initialize_adam(p):'] },
      { cell_type: 'code', source: ['import numpy as np\n', 'def initialize_adam(p):\n', '    return p'] },
      { cell_type: 'code', source: 'x = 2' },
    ],
  });
  const source = sourceOfIpynb('file:///n.ipynb', ipynb);
  assert.equal(source.text, 'import numpy as np\ndef initialize_adam(p):\n    return p\nx = 2');
  assert.deepEqual(toDocumentLine(source, 1), { uri: 'file:///n.ipynb#cell1', line: 1 });
  assert.deepEqual(toDocumentLine(source, 3), { uri: 'file:///n.ipynb#cell2', line: 0 });
});
