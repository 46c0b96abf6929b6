import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { assertDatasetFileFacts, type FileKind } from '../core/data/datasetFileFacts';
import { UsageError } from './usageError';

/**
 * The bytes of a data-set file, or a UsageError/DatasetError that names it and says why. The
 * path is opened without blocking and checked with fstat before anything is read: a FIFO
 * must not hang the command, /dev/zero must not fill memory, a sparse 1.9 GB file must be
 * refused by its size. Checking the opened descriptor, not the path, leaves no gap for a swap.
 */
export function readDatasetFile(path: string): Uint8Array {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO that no writer holds would otherwise wait for one. Not on Windows (no FIFOs there).
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new UsageError(`cannot read data set ${path}: ${why}`);
  }
  try {
    const stats = fstatSync(fd);
    assertDatasetFileFacts(path, { kind: kindOf(stats), size: stats.size });
    const bytes = new Uint8Array(stats.size);
    let done = 0;
    // A file that shrank since fstat gives fewer bytes; one that grew is read up to its stat size only.
    while (done < bytes.length) {
      const n = readSync(fd, bytes, done, bytes.length - done, null);
      if (n === 0) break;
      done += n;
    }
    return done === bytes.length ? bytes : bytes.subarray(0, done);
  } catch (e) {
    if (e instanceof Error && 'code' in e) throw new UsageError(`cannot read data set ${path}: ${(e as NodeJS.ErrnoException).code}`);
    throw e;
  } finally {
    closeSync(fd);
  }
}

function kindOf(stats: Stats): FileKind {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  if (stats.isSocket()) return 'socket';
  return 'other';
}
