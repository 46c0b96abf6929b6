import { unzipSync } from 'fflate';
import type { Dataset } from './dataset';
import { DatasetError } from './datasetError';
import { datasetFromArrays } from './datasetFromArrays';
import { pickDatasetKeys } from './datasetKeys';
import { parseNpy } from './npy';

/**
 * Reads an `.npz` archive (`np.savez` or `np.savez_compressed`) holding the features and labels
 * under `train_X`/`train_Y`, `X`/`Y` or `X`/`y`; only those two members are inflated.
 *
 * @example
 * parseNpz(bytes, 'moons.npz'); // { X, Y } after np.savez('moons.npz', X=X, Y=Y)
 */
export function parseNpz(bytes: Uint8Array, fileName: string): Dataset {
  const names = npzMemberNames(bytes, fileName);
  const keys = pickDatasetKeys(names, fileName);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name === `${keys.x}.npy` || f.name === `${keys.y}.npy` });
  } catch (e) {
    throw new DatasetError(fileName, `damaged .npz archive: ${e instanceof Error ? e.message : String(e)}`);
  }
  const x = parseNpy(files[`${keys.x}.npy`]!, fileName, keys.x);
  const y = parseNpy(files[`${keys.y}.npy`]!, fileName, keys.y);
  return datasetFromArrays(x, y, fileName, keys);
}

/** The array names in an .npz (member names without `.npy`), read without inflating anything. */
function npzMemberNames(bytes: Uint8Array, fileName: string): string[] {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new DatasetError(fileName, 'not an .npz archive (a zip file, as np.savez writes)');
  }
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (f.name.endsWith('.npy')) names.push(f.name.slice(0, -4));
        return false;
      },
    });
  } catch (e) {
    throw new DatasetError(fileName, `damaged .npz archive: ${e instanceof Error ? e.message : String(e)}`);
  }
  return names;
}
