import type { Dataset } from './dataset';
import { parseCsv } from './csv';
import { DatasetError } from './datasetError';
import { datasetFromArrays } from './datasetFromArrays';
import { pickDatasetKeys } from './datasetKeys';
import { tooLarge } from './datasetFileFacts';
import { DATASET_LIMITS } from './datasetLimits';
import { parseJsonDataset } from './jsonDataset';
import { readMatV5 } from './matV5';
import { isNpyLabelFile, npyCompanionNames, parseNpy } from './npy';
import { parseNpz } from './npz';
import { capForMessage } from './capForMessage';

export type DatasetFormat = 'csv' | 'json' | 'npy' | 'npz' | 'mat';

/** File extensions the readers understand, for file pickers and globs. */
export const DATASET_EXTENSIONS: Readonly<Record<string, DatasetFormat>> = {
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
  json: 'json',
  npy: 'npy',
  npz: 'npz',
  mat: 'mat',
};

/** A file's bytes with the name used in messages (and to choose the format). */
export interface DatasetFile {
  bytes: Uint8Array;
  fileName: string;
}

/**
 * The format a file name's extension says, or undefined for one no reader understands.
 *
 * @example
 * [datasetFormat('train.TSV'), datasetFormat('notes.md')]; // ['csv', undefined]
 */
export function datasetFormat(fileName: string): DatasetFormat | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? undefined : DATASET_EXTENSIONS[fileName.slice(dot + 1).toLowerCase()];
}

/**
 * Reads a data set from a file's bytes, choosing the format by extension: CSV (also .tsv/.txt),
 * JSON, .npz, MATLAB v5 .mat, or an .npy pair (`companion` is the other half, found with
 * `npyCompanionNames`). Callers that open files check them first with `assertDatasetFileFacts`
 * (regular file, size), before reading. Returns X (features x m) and Y (1 x m) of 0/1 labels, or throws a
 * DatasetError naming the file, the place and what is wrong.
 *
 * @example
 * readDataset(new TextEncoder().encode('x1,x2,y\n0.5,1.2,1\n-0.3,0.8,0\n'), 'moons.csv');
 */
export function readDataset(bytes: Uint8Array, fileName: string, companion?: DatasetFile): Dataset {
  const format = datasetFormat(fileName);
  if (format === undefined) {
    throw new DatasetError(fileName, 'unknown data-set format: use .csv, .json, .npy (X and Y pair), .npz or .mat');
  }
  assertWithinByteLimit({ bytes, fileName });
  if (bytes.length === 0) throw new DatasetError(fileName, 'empty file');
  switch (format) {
    case 'csv':
      return parseCsv(decodeText(bytes, fileName), fileName);
    case 'json':
      return parseJsonDataset(decodeText(bytes, fileName), fileName);
    case 'npz':
      return parseNpz(bytes, fileName);
    case 'mat':
      return readMatDataset(bytes, fileName);
    case 'npy':
      return readNpyPair({ bytes, fileName }, companion);
  }
}

function assertWithinByteLimit({ bytes, fileName }: DatasetFile): void {
  if (bytes.length > DATASET_LIMITS.maxBytes) throw tooLarge(fileName, bytes.length);
}

function decodeText(bytes: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DatasetError(fileName, 'not UTF-8 text: is this a binary file with a text extension?');
  }
}

function readNpyPair(given: DatasetFile, companion: DatasetFile | undefined): Dataset {
  if (companion === undefined) {
    const partner = npyCompanionNames(given.fileName)[0];
    throw new DatasetError(
      given.fileName,
      partner === undefined
        ? 'one .npy file holds one array: save X and Y as train_X.npy and train_Y.npy, or together in an .npz'
        : `one .npy file holds one array: the ${isNpyLabelFile(given.fileName) ? 'features' : 'labels'} should be beside it in ${baseName(partner)}`,
    );
  }
  if (datasetFormat(companion.fileName) !== 'npy') {
    throw new DatasetError(companion.fileName, 'the other half of an .npy pair must be an .npy file too');
  }
  assertWithinByteLimit(companion);
  const [xFile, yFile] = isNpyLabelFile(given.fileName) ? [companion, given] : [given, companion];
  const x = parseNpy(xFile.bytes, xFile.fileName);
  const y = parseNpy(yFile.bytes, yFile.fileName);
  return datasetFromArrays(x, y, xFile.fileName, { x: baseName(xFile.fileName), y: baseName(yFile.fileName) });
}

function readMatDataset(bytes: Uint8Array, fileName: string): Dataset {
  const variables = readMatV5(bytes, fileName);
  const keys = pickDatasetKeys([...variables.keys()], fileName);
  const arrays = [keys.x, keys.y].map((key) => {
    const v = variables.get(key)!;
    if ('unsupported' in v) throw new DatasetError(fileName, `${capForMessage(key)} ${v.unsupported}`, { key });
    return v.read();
  });
  return datasetFromArrays(arrays[0]!, arrays[1]!, fileName, keys);
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
