/** The seed the corpus is made with unless told otherwise. */
export const DEFAULT_SEED: number;
/** Writes the reader fuzz corpus into `dir`; returns the paths to try, one per data set. */
export function makeReaderFuzz(dir: string, options?: { seed?: number; specialFiles?: boolean }): string[];
/** An .npy file with the given header text and data bytes. */
export function npyFile(header: string, data?: Uint8Array): Uint8Array;
/** A zip archive of the given members (method 0 stored, 8 deflated; size: the claimed inflated size). */
export function zipFile(members: { name: string; data: Uint8Array; method: 0 | 8; size?: number }[]): Uint8Array;
/** A raw DEFLATE stream inflating to `head` then `zeroMegabytes` MB of zeros, a few KB per GB. */
export function deflateBomb(head: Uint8Array, zeroMegabytes: number): Uint8Array;
/** The same with the zlib wrapper, as .mat files compress. */
export function zlibBomb(head: Uint8Array, zeroMegabytes: number): Uint8Array;
/** A MATLAB v5 file around the given top-level elements. */
export function matFile(...elements: Uint8Array[]): Uint8Array;
/** A MAT data element (type 14 miMATRIX, 15 miCOMPRESSED, ...) around `data`. */
export function element(type: number, data: Uint8Array, pad?: boolean): Uint8Array;
/** An miMATRIX of doubles in column order; options damage one part. */
export function matMatrix(
  name: string,
  rows: number,
  cols: number,
  values: number[],
  damage?: { flagsBytes?: number; dims?: number[]; nameText?: string },
): Uint8Array;
