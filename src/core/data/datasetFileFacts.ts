import { DatasetError } from './datasetError';
import { DATASET_LIMITS, formatMegabytes } from './datasetLimits';

/** What a file system says a path is; the readers only ever read a `file`. */
export type FileKind = 'file' | 'directory' | 'fifo' | 'device' | 'socket' | 'other';

/** A path's kind and size, from `fstat` in the CLI or `workspace.fs.stat` in the editor (the core reads no files itself). */
export interface FileFacts {
  kind: FileKind;
  size: number;
}

const WHAT: Readonly<Record<Exclude<FileKind, 'file'>, string>> = {
  directory: 'a directory',
  fifo: 'a named pipe (FIFO), which would block reading for ever',
  device: 'a device (like /dev/zero), which never ends',
  socket: 'a socket',
  other: 'not a regular file',
};

/**
 * Refuses, before a byte is read, a path that is no regular file (a FIFO blocks a read for
 * ever; /dev/zero never ends) or that is larger than the byte limit (a sparse 1.9 GB file was read whole first).
 *
 * @example
 * assertDatasetFileFacts('pipe.csv', { kind: 'fifo', size: 0 }); // throws 'pipe.csv: not a regular file: a named pipe (FIFO), ...'
 */
export function assertDatasetFileFacts(fileName: string, facts: FileFacts): void {
  if (facts.kind !== 'file') {
    throw new DatasetError(fileName, `not a regular file: ${WHAT[facts.kind]}; give a data-set file`);
  }
  if (facts.size > DATASET_LIMITS.maxBytes) throw tooLarge(fileName, facts.size);
}

/**
 * The message for a file over DATASET_LIMITS.maxBytes, the same whether its size came from stat or its bytes.
 *
 * @example
 * tooLarge('huge.csv', 73 * 1024 * 1024).message; // 'huge.csv: too large: 73 MB, the limit is 50 MB; train on a sample'
 */
export function tooLarge(fileName: string, bytes: number): DatasetError {
  return new DatasetError(
    fileName,
    `too large: ${formatMegabytes(bytes)}, the limit is ${formatMegabytes(DATASET_LIMITS.maxBytes)}; train on a sample`,
  );
}
