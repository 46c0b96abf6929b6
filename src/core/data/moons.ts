import type { Matrix } from '../linalg/matrix';
import { linspace } from '../linalg/linspace';
import { RandomState } from '../random/randomState';

/**
 * The notebook's data set: `np.random.seed(seed)`, then scikit-learn's
 * `make_moons(n_samples, noise=noise)`, with X transposed to 2 x n and Y reshaped to 1 x n.
 * Two interleaved half circles (label 0 outer, 1 inner), rows shuffled, then Gaussian noise.
 * Points equal numpy's to within an ulp or so of `cos`/`sin` (numpy and V8 use different libms).
 *
 * @example
 * const { X, Y } = makeMoons(); // the notebook's train_X (2 x 300) and train_Y (1 x 300)
 */
export function makeMoons(nSamples = 300, noise = 0.2, seed = 3): { X: Matrix; Y: Matrix } {
  if (!Number.isInteger(nSamples) || nSamples < 1) throw new RangeError(`n_samples must be a positive integer, got ${nSamples}`);
  if (!(noise >= 0) || !Number.isFinite(noise)) throw new RangeError(`noise must be a finite number >= 0, got ${noise}`);
  const rs = new RandomState(seed);
  const nOut = Math.floor(nSamples / 2);
  const nIn = nSamples - nOut;
  const x = new Float64Array(nSamples);
  const y = new Float64Array(nSamples);
  const label = new Float64Array(nSamples);
  linspace(0, Math.PI, nOut).forEach((angle, i) => {
    x[i] = Math.cos(angle);
    y[i] = Math.sin(angle);
  });
  linspace(0, Math.PI, nIn).forEach((angle, i) => {
    x[nOut + i] = 1 - Math.cos(angle);
    y[nOut + i] = 1 - Math.sin(angle) - 0.5;
    label[nOut + i] = 1;
  });
  const order = rs.shuffle(Int32Array.from({ length: nSamples }, (_, i) => i));
  const X = new Float64Array(2 * nSamples);
  const Y = new Float64Array(nSamples);
  // The noise array is (n, 2) in C order: x and y of a point draw one after the other.
  for (let i = 0; i < nSamples; i++) {
    const src = order[i]!;
    X[i] = x[src]! + noise * rs.standardNormal();
    X[nSamples + i] = y[src]! + noise * rs.standardNormal();
    Y[i] = label[src]!;
  }
  return { X: { rows: 2, cols: nSamples, data: X }, Y: { rows: 1, cols: nSamples, data: Y } };
}
