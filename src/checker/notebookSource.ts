// A Jupyter notebook's code cells as one Python source the harness can parse, with a map back to the cells.

/** Where a line of the combined source came from: `cell` indexes the notebook's cells (markdown ones too),
 * `line` is 1-based within that cell. `lineMap[i]` describes line i + 1 of the source. */
export interface CellLine {
  cell: number;
  line: number;
}

export interface NotebookSource {
  source: string;
  lineMap: CellLine[];
}

/** Cell magics whose body is still Python; any other (%%bash, %%html, ...) makes the whole cell inert. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug']);

/** A line IPython rewrites before Python sees it: %magic, !shell, `x = !cmd`, `x = %magic`, `obj?`. */
function isIpythonLine(line: string): boolean {
  const text = line.trim();
  if (text.startsWith('%') || text.startsWith('!')) return true;
  if (/^[A-Za-z_][\w.]*(\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*[!%]/.test(text)) return true;
  return /^[A-Za-z_][\w.]*\?{1,2}$/.test(text) || /^\?{1,2}[A-Za-z_][\w.]*$/.test(text);
}

/** `pass` at the line's own indentation keeps blocks and line numbers intact. */
function neutralised(line: string): string {
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  return `${indent}pass  # ${line.trim()}`;
}

function cellText(source: unknown): string {
  if (typeof source === 'string') return source;
  if (Array.isArray(source) && source.every((s) => typeof s === 'string')) return source.join('');
  return '';
}

/**
 * The code cells of notebooks, given as their texts in order (`kind` 'code' cells are taken). For the
 * language server's notebook documents, whose cells it already holds.
 */
export function cellsToSource(cells: ReadonlyArray<{ kind: 'code' | 'markdown' | 'raw'; text: string }>): NotebookSource {
  const lines: string[] = [];
  const lineMap: CellLine[] = [];
  cells.forEach((cell, index) => {
    if (cell.kind !== 'code') return;
    const cellLines = cell.text.replace(/\r\n?/g, '\n').split('\n');
    if (cellLines.length > 1 && cellLines[cellLines.length - 1] === '') cellLines.pop();
    const first = cellLines[0]?.trim() ?? '';
    const cellMagic = /^%%(\w+)/.exec(first)?.[1];
    const inert = cellMagic !== undefined && !PYTHON_CELL_MAGICS.has(cellMagic);
    cellLines.forEach((line, i) => {
      const comment = `# ${line}`;
      lines.push(inert ? (i === 0 ? neutralised(line) : comment) : isIpythonLine(line) ? neutralised(line) : line);
      lineMap.push({ cell: index, line: i + 1 });
    });
  });
  return { source: lines.join('\n') + (lines.length > 0 ? '\n' : ''), lineMap };
}

/**
 * The code cells of an `.ipynb` file (nbformat 4) as one Python source; IPython's magics and shell lines are
 * replaced by `pass` so that `ast` parses the rest. Throws an Error with a readable message for a file that is
 * not a notebook.
 */
export function notebookToSource(ipynbJson: string): NotebookSource {
  let notebook: unknown;
  try {
    notebook = JSON.parse(ipynbJson);
  } catch (e) {
    throw new Error(`Not a Jupyter notebook: the file is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const cells = (notebook as { cells?: unknown } | null)?.cells;
  if (!Array.isArray(cells)) {
    throw new Error('Not a Jupyter notebook in nbformat 4: it has no "cells" list (save it with Jupyter 4 or newer)');
  }
  return cellsToSource(
    cells.map((c: unknown) => {
      const cell = (c ?? {}) as { cell_type?: unknown; source?: unknown };
      const kind = cell.cell_type === 'code' ? 'code' : cell.cell_type === 'markdown' ? 'markdown' : 'raw';
      return { kind, text: cellText(cell.source) };
    }),
  );
}

/** The notebook position of a 1-based line of a combined source (undefined past its end). */
export function cellLineOf(map: NotebookSource, line: number): CellLine | undefined {
  return map.lineMap[line - 1];
}
