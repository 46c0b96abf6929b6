import type { Dataset } from './dataset';
import { DatasetError } from './datasetError';
import { datasetFromArrays } from './datasetFromArrays';
import { pickDatasetKeys } from './datasetKeys';
import { DATASET_LIMITS, formatMegabytes } from './datasetLimits';
import { inflateWithin } from './inflateWithin';
import { parseNpy } from './npy';
import { zipMembers, type ZipMember } from './zipMembers';

/**
 * Reads an `.npz` archive (`np.savez` or `np.savez_compressed`) holding the features and labels
 * under `train_X`/`train_Y`, `X`/`Y` or `X`/`y`; only those two members are inflated, and
 * together to no more than DATASET_LIMITS.maxInflatedBytes.
 *
 * @example
 * parseNpz(bytes, 'moons.npz'); // { X, Y } after np.savez('moons.npz', X=X, Y=Y)
 */
export function parseNpz(bytes: Uint8Array, fileName: string): Dataset {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new DatasetError(fileName, 'not an .npz archive (a zip file, as np.savez writes)');
  }
  let members: ZipMember[];
  try {
    members = zipMembers(bytes);
  } catch (e) {
    throw new DatasetError(fileName, `damaged .npz archive: ${e instanceof Error ? e.message : String(e)}`);
  }
  const byName = new Map(members.filter((m) => m.name.endsWith('.npy')).map((m) => [m.name.slice(0, -4), m]));
  const keys = pickDatasetKeys([...byName.keys()], fileName);
  let budget = DATASET_LIMITS.maxInflatedBytes;
  const [x, y] = [keys.x, keys.y].map((key) => {
    const content = memberBytes(bytes, byName.get(key)!, budget, fileName, key);
    budget -= content.length;
    return parseNpy(content, fileName, key);
  });
  return datasetFromArrays(x!, y!, fileName, keys);
}

function memberBytes(archive: Uint8Array, member: ZipMember, budget: number, fileName: string, key: string): Uint8Array {
  const fail = (detail: string): never => {
    throw new DatasetError(fileName, `${key}: ${detail}`, { key });
  };
  if (member.encrypted) fail('the member is encrypted: save with np.savez, which does not encrypt');
  const stored = archive.subarray(member.dataStart, member.dataStart + member.compressedSize);
  if (member.method === 0) return stored;
  if (member.method !== 8) fail(`compression method ${member.method} is not supported: save with np.savez or np.savez_compressed`);
  const inflated = inflateWithin(stored, false, budget);
  if ('overLimit' in inflated) {
    fail(`inflates to more than ${formatMegabytes(DATASET_LIMITS.maxInflatedBytes)} (X and Y together), the limit; train on a sample`);
  }
  if ('damaged' in inflated) throw new DatasetError(fileName, `damaged .npz archive: ${inflated.damaged}`);
  return (inflated as { bytes: Uint8Array }).bytes;
}
