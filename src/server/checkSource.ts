/**
 * The Python source that one check runs on: a `.py` file as it is, or the Python code cells of a
 * notebook joined in order (so a function in one cell sees the imports of another), with a map
 * from each line of the joined source back to its cell.
 */

/** A run of lines of the joined source that comes from one text document (the file or one cell). */
export interface SourceSegment {
  uri: string;
  /** First line of the segment in the joined source, zero-based. */
  startLine: number;
  lineCount: number;
}

export interface CheckSource {
  /** The file or notebook. */
  uri: string;
  text: string;
  segments: SourceSegment[];
}

export interface DocumentLine {
  uri: string;
  line: number;
}

export interface NotebookCellText {
  uri: string;
  text: string;
}

export function sourceOfTextDocument(uri: string, text: string): CheckSource {
  return { uri, text, segments: [{ uri, startLine: 0, lineCount: countLines(text) }] };
}

/**
 * Joins the code cells (already filtered to Python code cells, in notebook order). IPython's line
 * magics and shell escapes (`%matplotlib inline`, `!pip install`) are not Python: each such line
 * becomes a comment of the same length so that every other line keeps its place; a cell that
 * starts with a cell magic (`%%bash`) is left out.
 */
export function sourceOfNotebookCells(notebookUri: string, cells: readonly NotebookCellText[]): CheckSource {
  const parts: string[] = [];
  const segments: SourceSegment[] = [];
  let startLine = 0;
  for (const cell of cells) {
    if (/^\s*%%/.test(cell.text)) continue;
    const lines = splitLines(cell.text).map(commentOutIPythonLine);
    parts.push(lines.join('\n'));
    segments.push({ uri: cell.uri, startLine, lineCount: lines.length });
    startLine += lines.length;
  }
  return { uri: notebookUri, text: parts.join('\n'), segments };
}

/** The Python code cells of an `.ipynb` file's JSON (nbformat 4), for a notebook that is not open. */
export function sourceOfIpynb(notebookUri: string, json: string): CheckSource {
  const parsed: unknown = JSON.parse(json);
  const cells = isRecord(parsed) && Array.isArray(parsed.cells) ? parsed.cells : [];
  const codeCells: NotebookCellText[] = [];
  cells.forEach((cell: unknown, index: number) => {
    if (!isRecord(cell) || cell.cell_type !== 'code') return;
    const text = Array.isArray(cell.source) ? cell.source.filter((s): s is string => typeof s === 'string').join('') : cell.source;
    if (typeof text !== 'string') return;
    // A closed notebook has no cell documents; point at the notebook with the cell's index as fragment.
    codeCells.push({ uri: `${notebookUri}#cell${index}`, text });
  });
  return sourceOfNotebookCells(notebookUri, codeCells);
}

/** Maps a zero-based line of the joined source to its document and line there. */
export function toDocumentLine(source: CheckSource, line: number): DocumentLine | undefined {
  for (const segment of source.segments) {
    if (line >= segment.startLine && line < segment.startLine + segment.lineCount) {
      return { uri: segment.uri, line: line - segment.startLine };
    }
  }
  return undefined;
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function countLines(text: string): number {
  return splitLines(text).length;
}

function commentOutIPythonLine(line: string): string {
  const match = /^(\s*)[%!]/.exec(line);
  return match ? `${match[1] ?? ''}#${line.slice((match[1] ?? '').length + 1)}` : line;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
