import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellsToSource, notebookToSource } from '../../../src/checker/notebookSource';

function notebook(cells: Array<{ cell_type: string; source: string | string[] }>): string {
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: cells.map((c) => ({ metadata: {}, ...c })) });
}

describe('notebookToSource', () => {
  it('joins code cells only and maps every line back to its cell and line', () => {
    const { source, lineMap } = notebookToSource(
      notebook([
        { cell_type: 'markdown', source: '# Title\n' },
        { cell_type: 'code', source: ['import numpy as np\n', 'x = 1'] },
        { cell_type: 'code', source: 'def f():\n    return 2\n' },
      ]),
    );
    assert.equal(source, 'import numpy as np\nx = 1\ndef f():\n    return 2\n');
    assert.deepEqual(lineMap, [
      { cell: 1, line: 1 },
      { cell: 1, line: 2 },
      { cell: 2, line: 1 },
      { cell: 2, line: 2 },
    ]);
  });

  it('turns magics, shell lines and help queries into pass at their indentation', () => {
    const { source } = notebookToSource(
      notebook([{ cell_type: 'code', source: '%matplotlib inline\n!pip install numpy\nfiles = !ls\nnp.zeros?\nfor i in range(2):\n    %time f(i)\n' }]),
    );
    assert.deepEqual(source.split('\n').slice(0, 6), [
      'pass  # %matplotlib inline',
      'pass  # !pip install numpy',
      'pass  # files = !ls',
      'pass  # np.zeros?',
      'for i in range(2):',
      '    pass  # %time f(i)',
    ]);
  });

  it('keeps the Python body of %%time cells and comments out %%bash cells', () => {
    const { source } = cellsToSource([
      { kind: 'code', text: '%%time\ndef f():\n    return 1' },
      { kind: 'code', text: '%%bash\nls -l\ndef g(:' },
    ]);
    assert.equal(source, 'pass  # %%time\ndef f():\n    return 1\npass  # %%bash\n# ls -l\n# def g(:\n');
  });

  it('says what is wrong with a file that is not a notebook', () => {
    assert.throws(() => notebookToSource('def f(): pass'), /not JSON/);
    assert.throws(() => notebookToSource('{"worksheets": []}'), /nbformat 4/);
  });
});
