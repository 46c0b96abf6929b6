import { DatasetError } from './datasetError';
import { capForMessage } from './capForMessage';

/** Names a "found ..." message lists before "and N more". */
const MAX_NAMES_LISTED = 8;

/** Names under which files keep the features, most specific first: a training split wins over a bare `X`. */
const FEATURE_KEYS = ['train_X', 'X_train', 'train_x', 'x_train', 'X', 'x'];
/** Names under which files keep the labels: `train_Y` (.npz), `y` (the course's data.mat), `Y` (the notebook). */
const LABEL_KEYS = ['train_Y', 'Y_train', 'train_y', 'y_train', 'Y', 'y', 'labels', 'label'];

/**
 * Picks the feature and label arrays among the names a container (.npz, .mat, JSON) holds.
 *
 * @example
 * pickDatasetKeys(['X', 'train_X', 'train_Y'], 'd.npz'); // { x: 'train_X', y: 'train_Y' }
 */
export function pickDatasetKeys(names: readonly string[], fileName: string): { x: string; y: string } {
  const x = FEATURE_KEYS.find((k) => names.includes(k));
  const y = LABEL_KEYS.find((k) => names.includes(k));
  if (x === undefined || y === undefined) {
    const shown = names.slice(0, MAX_NAMES_LISTED).map((n) => `"${capForMessage(n)}"`);
    if (names.length > MAX_NAMES_LISTED) shown.push(`and ${names.length - MAX_NAMES_LISTED} more`);
    const found = names.length > 0 ? shown.join(', ') : 'no arrays';
    throw new DatasetError(
      fileName,
      `no ${x === undefined ? 'feature' : 'label'} array: expected arrays named X and Y (or train_X and train_Y), found ${found}`,
    );
  }
  return { x, y };
}
