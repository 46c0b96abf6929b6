/** One member of a zip archive as its central directory describes it. */
export interface ZipMember {
  name: string;
  /** 0 stored, 8 deflated; others are refused by the reader. */
  method: number;
  encrypted: boolean;
  /** Where the member's (compressed) bytes lie in the archive. */
  dataStart: number;
  compressedSize: number;
}

const EOCD = 0x06054b50, CENTRAL = 0x02014b50, LOCAL = 0x04034b50, ZIP64_EOCD = 0x06064b50, ZIP64_LOCATOR = 0x07064b50;
const MAX_U32 = 0xffffffff;

/**
 * Lists a zip archive's members from its central directory without inflating anything, checking
 * every offset against the archive's length. Throws an Error with a short reason when the
 * archive is damaged (the caller names the file). Zip64 records are followed: numpy's savez
 * writes them for large arrays.
 *
 * @example
 * zipMembers(zipSync({ 'X.npy': x })).map((m) => m.name); // ['X.npy']
 */
export function zipMembers(bytes: Uint8Array): ZipMember[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number): number => (o + 2 <= bytes.length ? view.getUint16(o, true) : damaged('cut short'));
  const u32 = (o: number): number => (o + 4 <= bytes.length ? view.getUint32(o, true) : damaged('cut short'));
  const u64 = (o: number): number => u32(o) + u32(o + 4) * 2 ** 32;

  let end = -1;
  for (let o = bytes.length - 22; o >= Math.max(0, bytes.length - 22 - 0xffff); o--) {
    if (view.getUint32(o, true) === EOCD) {
      end = o;
      break;
    }
  }
  if (end < 0) damaged('no end-of-archive record (cut short?)');
  let count = u16(end + 10);
  let directory = u32(end + 16);
  if ((count === 0xffff || directory === MAX_U32) && end >= 20 && u32(end - 20) === ZIP64_LOCATOR) {
    const zip64 = u64(end - 12);
    if (u32(zip64) !== ZIP64_EOCD) damaged('bad zip64 end record');
    count = u64(zip64 + 32);
    directory = u64(zip64 + 48);
  }

  const members: ZipMember[] = [];
  let at = directory;
  for (let i = 0; i < count; i++) {
    if (u32(at) !== CENTRAL) damaged('bad central directory');
    const flags = u16(at + 8);
    const method = u16(at + 10);
    let compressedSize = u32(at + 20);
    const uncompressed32 = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let local = u32(at + 42);
    const nameStart = at + 46;
    if (nameStart + nameLength + extraLength > bytes.length) damaged('cut short');
    const name = new TextDecoder('utf-8').decode(bytes.subarray(nameStart, nameStart + nameLength));
    // Zip64 extra field: 64-bit values for exactly those 32-bit fields that hold 0xFFFFFFFF, in this order.
    for (let x = nameStart + nameLength; x + 4 <= nameStart + nameLength + extraLength; ) {
      const id = u16(x);
      const size = u16(x + 2);
      if (id === 0x0001) {
        let field = x + 4;
        if (uncompressed32 === MAX_U32) field += 8;
        if (compressedSize === MAX_U32) {
          compressedSize = u64(field);
          field += 8;
        }
        if (local === MAX_U32) local = u64(field);
      }
      x += 4 + size;
    }
    if (u32(local) !== LOCAL) damaged(`bad local header for a member`);
    const dataStart = local + 30 + u16(local + 26) + u16(local + 28);
    if (dataStart + compressedSize > bytes.length) damaged('a member runs past the end of the file');
    members.push({ name, method, encrypted: (flags & 1) !== 0, dataStart, compressedSize });
    at = nameStart + nameLength + extraLength + commentLength;
  }
  return members;
}

function damaged(reason: string): never {
  throw new Error(reason);
}
