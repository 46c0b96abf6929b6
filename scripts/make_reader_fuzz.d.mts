/** The seed the corpus is made with unless told otherwise. */
export const DEFAULT_SEED: number;
/** Writes the reader fuzz corpus into `dir`; returns the paths to try, one per data set. */
export function makeReaderFuzz(dir: string, options?: { seed?: number; specialFiles?: boolean }): string[];
/** An .npy file with the given header text and data bytes. */
export function npyFile(header: string, data?: Uint8Array): Uint8Array;
/** A zip archive of the given members (method 0 stored, 8 deflated; size: the claimed inflated size). */
export function zipFile(members: { name: string; data: Uint8Array; method: 0 | 8; size?: number }[]): Uint8Array;
