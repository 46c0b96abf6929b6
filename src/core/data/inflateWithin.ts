import { Inflate, Unzlib } from 'fflate';

/** What inflating gave: the bytes, the limit reached (nothing more was inflated), or fflate's reason. */
export type Inflated = { bytes: Uint8Array } | { overLimit: true } | { damaged: string };

/**
 * Compressed input fed this many bytes at a time. DEFLATE expands at most about 1032:1, so one
 * push yields at most ~16 MB and the limit is checked before much more than it is held.
 */
const CHUNK = 16 * 1024;

/**
 * Inflates DEFLATE data (`zlib` true: with the zlib wrapper, as .mat files; false: raw, as zip
 * members) but stops as soon as the output passes `limit` bytes. The sync one-shot calls inflate
 * a whole bomb first (300 KB grew to 4.9 GB before any check could run) and cut silently at 4 GiB.
 *
 * @example
 * inflateWithin(zlibSync(new Uint8Array(1e6)), true, 1000); // { overLimit: true }
 */
export function inflateWithin(compressed: Uint8Array, zlib: boolean, limit: number): Inflated {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const onData = (chunk: Uint8Array): void => {
    if (over) return;
    total += chunk.length;
    if (total > limit) {
      over = true;
      chunks.length = 0;
    } else if (chunk.length > 0) chunks.push(chunk);
  };
  const stream = zlib ? new Unzlib(onData) : new Inflate(onData);
  try {
    for (let at = 0; at < compressed.length && !over; at += CHUNK) {
      const end = Math.min(at + CHUNK, compressed.length);
      stream.push(compressed.subarray(at, end), end === compressed.length);
    }
    if (compressed.length === 0) stream.push(compressed, true);
  } catch (e) {
    if (over) return { overLimit: true };
    return { damaged: e instanceof Error ? e.message : String(e) };
  }
  if (over) return { overLimit: true };
  if (chunks.length === 1) return { bytes: chunks[0]! };
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return { bytes: out };
}
