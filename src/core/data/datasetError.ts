/** Where in a data-set file a problem is: a text line and column, or an array key and index. */
export interface DatasetPlace {
  /** 1-based line of a text file. */
  line?: number;
  /** 1-based column (field number in CSV, character in JSON). */
  column?: number;
  /** 1-based character in the line where the value starts, for an editor's cursor (in CSV, column counts fields). */
  character?: number;
  /** Array name inside a container file (`train_X` in an .npz, `y` in a .mat); the message names it too. */
  key?: string;
}

/**
 * A data set that cannot be trained on, with the file and place, e.g.
 * `data.csv:7: expected 3 values, found 2`. The message is one line and says what to fix.
 *
 * @example
 * new DatasetError('data.csv', 'expected 3 values, found 2', { line: 7 }).message; // 'data.csv:7: expected 3 values, found 2'
 */
export class DatasetError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly character?: number;
  readonly key?: string;
  /** The message without the `file:line:` prefix. */
  readonly detail: string;

  constructor(file: string, detail: string, place: DatasetPlace = {}) {
    super(`${formatPlace(file, place)}: ${detail}`);
    this.name = 'DatasetError';
    this.file = file;
    this.detail = detail;
    if (place.line !== undefined) this.line = place.line;
    if (place.column !== undefined) this.column = place.column;
    if (place.character !== undefined) this.character = place.character;
    if (place.key !== undefined) this.key = place.key;
  }
}

function formatPlace(file: string, place: DatasetPlace): string {
  let s = file;
  if (place.line !== undefined) {
    s += `:${place.line}`;
    if (place.column !== undefined) s += `:${place.column}`;
  }
  return s;
}
