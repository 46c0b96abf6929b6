/**
 * Limits that keep a mistaken file (a photo, a log, a 2 GB dump) from freezing the editor.
 * The notebook's moons set is 300 examples and 2 features: these are far above any teaching set.
 */
export const DATASET_LIMITS = {
  maxBytes: 50 * 1024 * 1024,
  maxExamples: 1_000_000,
  /** features x examples; 20 million doubles is 160 MB of Float64Array. */
  maxValues: 20_000_000,
  /** Features per example (CSV columns but the label, the network's input layer). */
  maxFeatures: 10_000,
  /**
   * Bytes a compressed file (.npz member, .mat variable) may inflate to, all members together:
   * the largest X and Y the limits above allow, as float64, plus room for headers. Inflating
   * stops at this many bytes, so a 300 KB bomb costs no more than this.
   */
  maxInflatedBytes: 8 * (20_000_000 + 1_000_000) + 1024 * 1024,
  /** Levels of compression in a .mat (miCOMPRESSED holding miCOMPRESSED): MATLAB writes one; more is crafted. */
  maxNesting: 1,
  minExamples: 2,
} as const;

/**
 * A byte count in megabytes, for messages.
 *
 * @example
 * formatMegabytes(52428800); // '50 MB'
 */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1)} MB`;
}

/**
 * A count with thousands separators, for messages.
 *
 * @example
 * formatCount(1000000); // '1,000,000'
 */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
