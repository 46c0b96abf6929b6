// Writes the data-set reader fuzz corpus into a folder: the valid files of
// test/fixtures/datasets/good mutated with a fixed seed (truncations, bit flips, cut and
// repeated chunks), hand-made hostile files (huge cells and headers, malformed .npy headers,
// zip and zlib bombs up to 5 GB, nested compressed .mat variables, deep JSON) and, where the
// system allows, a FIFO, symlinks to /dev/zero and /dev/urandom and a sparse 1.9 GB file.
// Nothing large is committed: bombs are a few MB of repeated DEFLATE blocks, the sparse file
// takes no disk. Deterministic: the same seed gives the same bytes.
//
//   node scripts/make_reader_fuzz.mjs OUT_DIR [--seed N]
//
// test/unit/data/readerFuzz.test.ts calls makeReaderFuzz() in a temporary folder.
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, truncateSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, deflateRawSync, deflateSync } from 'node:zlib';

const GOOD = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'datasets', 'good');
export const DEFAULT_SEED = 15;

/** mulberry32: small, fast, and the same numbers everywhere. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const enc = (s) => Buffer.from(s, 'utf8');
const concat = (...parts) => Buffer.concat(parts.map((p) => Buffer.from(p)));

/** An .npy file with the header text as given, padded as numpy pads it: format 1.0, or 2.0 when the header needs it. */
export function npyFile(header, data = new Uint8Array(0)) {
  const v2 = header.length > 65_000;
  const start = v2 ? 12 : 10;
  const padded = header + ' '.repeat((64 - ((start + header.length + 1) % 64)) % 64) + '\n';
  const out = Buffer.alloc(start + padded.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, v2 ? 2 : 1, 0]);
  if (v2) out.writeUInt32LE(padded.length, 8);
  else out.writeUInt16LE(padded.length, 8);
  out.write(padded, start, 'latin1');
  out.set(data, start + padded.length);
  return out;
}

const f64 = (values) => new Uint8Array(new Float64Array(values).buffer);

/**
 * A raw DEFLATE stream that inflates to `head` followed by `zeroMegabytes` MB of zeros, made
 * from one sync-flushed block repeated (each block is byte-aligned and refers only to itself),
 * so a 5 GB bomb costs 5 MB and no 5 GB buffer.
 */
export function deflateBomb(head, zeroMegabytes) {
  const flush = { finishFlush: constants.Z_SYNC_FLUSH, level: 9 };
  const first = deflateRawSync(head, flush);
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), flush);
  const blocks = Array.from({ length: zeroMegabytes }, () => block);
  return concat(first, ...blocks, Buffer.from([0x03, 0x00])); // an empty final block ends the stream
}

/** The same with the zlib wrapper (.mat); the Adler-32 is left at zero: a reader must stop long before it. */
export const zlibBomb = (head, zeroMegabytes) => concat(Buffer.from([0x78, 0xda]), deflateBomb(head, zeroMegabytes), Buffer.alloc(4));

/** A zip archive with the given members, each { name, data, method: 0 | 8, size } (size: the claimed inflated size). */
export function zipFile(members) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(m.method, 8);
    local.writeUInt32LE(m.data.length, 18);
    local.writeUInt32LE(Math.min(m.size ?? m.data.length, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(m.method, 10);
    cd.writeUInt32LE(m.data.length, 20);
    cd.writeUInt32LE(Math.min(m.size ?? m.data.length, 0xffffffff), 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, m.data);
    central.push(cd, name);
    offset += 30 + name.length + m.data.length;
  }
  const cdBytes = concat(...central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return concat(...locals, cdBytes, end);
}

/** A MATLAB v5 file around the given top-level elements. */
export function matFile(...elements) {
  const header = Buffer.alloc(128, 0x20);
  header.write('MATLAB 5.0 MAT-file, made by make_reader_fuzz.mjs', 0, 'latin1');
  header.writeUInt16LE(0x0100, 124);
  header.write('IM', 126, 'latin1');
  return concat(header, ...elements);
}

/** A data element: tag (type, size) and data, padded to 8 bytes unless it is compressed. */
export function element(type, data, pad = type !== 15) {
  const size = pad ? Math.ceil(data.length / 8) * 8 : data.length;
  const out = Buffer.alloc(8 + size);
  out.writeUInt32LE(type, 0);
  out.writeUInt32LE(data.length, 4);
  Buffer.from(data).copy(out, 8);
  return out;
}

/** An miMATRIX of doubles, rows x cols, values in column order; options damage one part. */
export function matMatrix(name, rows, cols, values, { flagsBytes = 8, dims = [rows, cols], nameText = name } = {}) {
  const flags = Buffer.alloc(8);
  flags.writeUInt32LE(6, 0); // mxDOUBLE_CLASS
  const dimBytes = Buffer.alloc(4 * dims.length);
  dims.forEach((d, i) => dimBytes.writeInt32LE(d, 4 * i));
  return element(14, concat(element(6, flags.subarray(0, flagsBytes)), element(5, dimBytes), element(1, enc(nameText)), element(9, f64(values))));
}

function mutateBytes(bytes, random, kind) {
  const b = Buffer.from(bytes);
  const at = () => Math.floor(random() * b.length);
  switch (kind) {
    case 'truncate':
      return b.subarray(0, at());
    case 'flip1':
    case 'flip8':
    case 'flip64': {
      const n = Number(kind.slice(4));
      for (let i = 0; i < n; i++) b[at()] ^= 1 << Math.floor(random() * 8);
      return b;
    }
    case 'header-flips': {
      // The first 160 bytes: magic, .npy header, .mat header and first tags, zip local header.
      for (let i = 0; i < 4; i++) b[Math.floor(random() * Math.min(160, b.length))] ^= 1 << Math.floor(random() * 8);
      return b;
    }
    case 'cut-chunk': {
      const s = at();
      return concat(b.subarray(0, s), b.subarray(Math.min(b.length, s + 1 + Math.floor(random() * 256))));
    }
    case 'repeat-chunk': {
      const s = at();
      const chunk = b.subarray(s, Math.min(b.length, s + 1 + Math.floor(random() * 256)));
      return concat(b.subarray(0, s), chunk, chunk, chunk, b.subarray(s));
    }
    case 'random-bytes': {
      for (let i = 0; i < 16; i++) b[at()] = Math.floor(random() * 256);
      return b;
    }
    default:
      throw new Error(`unknown mutation ${kind}`);
  }
}

const MUTATIONS = [
  ['truncate', 4],
  ['flip1', 3],
  ['flip8', 2],
  ['flip64', 1],
  ['header-flips', 4],
  ['cut-chunk', 2],
  ['repeat-chunk', 2],
  ['random-bytes', 2],
];

/** Hand-made hostile files: name -> bytes. The names say what each one tries. */
function hostileFiles() {
  const y3 = npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", f64([0, 1, 0]));
  const npyPair = (name, header, data) => ({ [`${name}_X.npy`]: npyFile(header, data), [`${name}_Y.npy`]: y3 });
  const moonsCsv = readFileSync(join(GOOD, 'moons.csv'), 'latin1');
  const files = {
    // CSV
    'digits-512k.csv': enc(`x1,y\n${'9'.repeat(512_000)}x,1\n1,0\n`),
    'digits-512k-valid.csv': enc(`x1,y\n1${'0'.repeat(512_000)},1\n1,0\n`),
    'header-cell-20mb.csv': enc(`${'h'.repeat(20_000_000)},y\n1,0\n2,1\n`),
    'header-64000-columns.csv': enc(`${Array.from({ length: 64_000 }, (_, i) => `c${i}`).join(',')},y\n1,0\n`),
    'inf-label.csv': enc('x1,x2,y\n0.1,0.2,0\n0.3,0.4,INF\n0.5,0.6,1\n'),
    'nan-label.csv': enc('x1,x2,y\n0.1,0.2,0\n0.3,0.4,nan\n0.5,0.6,1\n'),
    'quote-never-closed.csv': enc(`x1,x2,y\n"${'1'.repeat(100_000)}\n`),
    'spaces-only-line.csv': enc(`x1 x2 y\n${' '.repeat(1_000_000)}1\n0 1 1\n1 0 0\n`),
    'nul-bytes.csv': concat(enc('x1,x2,y\n'), Buffer.alloc(1000), enc('\n1,2,0\n')),
    'crlf-mixed.csv': enc(moonsCsv.replace(/\n/g, (m, i) => (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\r' : m))),
    'many-empty-lines.csv': enc(`x1,y\n${'\n'.repeat(5_000_000)}1,0\n2,1\n`),
    // JSON
    'deep-nesting.json': enc(`{"X": ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}, "Y": [0, 1]}`),
    'deep-nesting-open.json': enc(`{"X": ${'['.repeat(20_000_000)}`), // 1.3 GB RSS in JSON.parse before the depth check
    'key-100kb.json': enc(`{"${'k'.repeat(100_000)}": [[1, 2]], "Y": [0, 1]}`),
    'many-keys.json': enc(`{${Array.from({ length: 50_000 }, (_, i) => `"k${i}": 0`).join(',')}}`),
    'string-20mb.json': enc(`{"X": [["${'s'.repeat(20_000_000)}", 1]], "Y": [0, 1]}`),
    'huge-number.json': enc(`{"X": [[1e999, 1]], "Y": [0, 1]}`),
    'wide-rows.json': enc(`{"X": [${Array.from({ length: 2 }, () => `[${Array(200_000).fill(0.5).join(',')}]`).join(',')}], "Y": [0, 1]}`),
    // .npy headers
    ...npyPair('negative-shape', "{'descr': '<f8', 'fortran_order': False, 'shape': (-600, 2), }", new Uint8Array(48)),
    ...npyPair('hex-shape', "{'descr': '<f8', 'fortran_order': False, 'shape': (0x3, 1), }", new Uint8Array(24)),
    ...npyPair('nan-shape', "{'descr': '<f8', 'fortran_order': False, 'shape': (nan, 1), }", new Uint8Array(24)),
    ...npyPair('text-shape', "{'descr': '<f8', 'fortran_order': False, 'shape': ('3', 1), }", new Uint8Array(24)),
    ...npyPair('descr-twice', "{'descr': '<f8', 'descr': '<i1', 'fortran_order': False, 'shape': (3, 1), }", new Uint8Array(24)),
    ...npyPair('huge-shape', "{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776, 1099511627776), }"),
    ...npyPair('odd-dtype', "{'descr': '<i3', 'fortran_order': False, 'shape': (3, 1), }", new Uint8Array(9)),
    ...npyPair('half-float', "{'descr': '<f2', 'fortran_order': False, 'shape': (3, 1), }", new Uint8Array(6)),
    ...npyPair('no-shape', "{'descr': '<f8', 'fortran_order': False, }", new Uint8Array(24)),
    ...npyPair('long-header', `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 1), ${' '.repeat(60_000)}}`, new Uint8Array(24)),
    ...npyPair('descr-100kb', `{'descr': '${'<'.repeat(100_000)}f8', 'fortran_order': False, 'shape': (3, 1), }`, new Uint8Array(24)),
    'v2-header-4gb_X.npy': concat(Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0, 0xff, 0xff, 0xff, 0xff]), enc('{}')),
    'v2-header-4gb_Y.npy': y3,
    // .npz
    'bomb-300kb.npz': zipFile([
      { name: 'X.npy', method: 8, size: 300 * 1024 * 1024, data: deflateBomb(npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 19660800), }"), 300) },
      { name: 'Y.npy', method: 0, data: y3 },
    ]),
    'bomb-5gb.npz': zipFile([
      { name: 'X.npy', method: 8, size: 0xffffffff, data: deflateBomb(npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 335544320), }"), 5 * 1024) },
      { name: 'Y.npy', method: 0, data: y3 },
    ]),
    'bomb-small-members.npz': zipFile([
      { name: 'X.npy', method: 8, data: deflateBomb(npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 12000000), }"), 92) },
      { name: 'Y.npy', method: 8, data: deflateBomb(npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (12000000,), }"), 92) },
    ]),
    'name-100kb.npz': zipFile([{ name: `${'n'.repeat(60_000)}.npy`, method: 0, data: y3 }]),
    'many-members.npz': zipFile(Array.from({ length: 20_000 }, (_, i) => ({ name: `m${i}.npy`, method: 0, data: new Uint8Array(0) }))),
    'member-past-end.npz': (() => {
      const z = zipFile([{ name: 'X.npy', method: 0, data: y3 }, { name: 'Y.npy', method: 0, data: y3 }]);
      z.writeUInt32LE(0x7fffffff, z.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 20); // first central entry's compressed size
      return z;
    })(),
    // .mat
    'empty-matrix.mat': matFile(element(14, new Uint8Array(0)), matMatrix('y', 1, 2, [0, 1])),
    'empty-x.mat': matFile(matMatrix('X', 0, 0, []), matMatrix('y', 1, 2, [0, 1])),
    'truncated-flags.mat': matFile(matMatrix('X', 1, 2, [1, 2], { flagsBytes: 4 }), matMatrix('y', 1, 2, [0, 1])),
    'negative-dims.mat': matFile(matMatrix('X', 1, 2, [1, 2], { dims: [-1, 2] }), matMatrix('y', 1, 2, [0, 1])),
    'huge-dims.mat': matFile(matMatrix('X', 1, 2, [1, 2], { dims: [2147483647, 2147483647] }), matMatrix('y', 1, 2, [0, 1])),
    'name-100kb.mat': matFile(matMatrix('v', 1, 2, [1, 2], { nameText: 'v'.repeat(100_000) }), matMatrix('y', 1, 2, [0, 1])),
    'bomb-1gb.mat': (() => {
      const tag = Buffer.alloc(8);
      tag.writeUInt32LE(14, 0);
      tag.writeUInt32LE(1024 * 1024 * 1024, 4);
      return matFile(element(15, zlibBomb(tag, 1024)));
    })(),
    'nested-compressed.mat': (() => {
      let inner = matMatrix('X', 1, 2, [1, 2]);
      for (let i = 0; i < 2000; i++) inner = element(15, deflateSync(inner));
      return matFile(inner);
    })(),
    'nested-bombs.mat': (() => {
      let inner = element(15, zlibBomb(Buffer.alloc(0), 64));
      for (let i = 0; i < 8; i++) inner = element(15, deflateSync(inner, { level: 9 }));
      return matFile(inner);
    })(),
    'packed-element-lies.mat': matFile(Buffer.from([0x0e, 0x00, 0xff, 0x7f, 0, 0, 0, 0])),
    'wrong-extension.npz': enc('x1,y\n1,0\n2,1\n'),
  };
  return files;
}

/**
 * Writes the corpus into `dir` (created) and returns the paths to try: each data set once (the
 * `_Y.npy` halves of pairs are found by the reader beside their `_X.npy`).
 */
export function makeReaderFuzz(dir, { seed = DEFAULT_SEED, specialFiles = true } = {}) {
  mkdirSync(dir, { recursive: true });
  const random = generator(seed);
  const tried = [];
  const write = (name, bytes, tryIt = true) => {
    writeFileSync(join(dir, name), bytes);
    if (tryIt) tried.push(join(dir, name));
  };

  const goods = readdirSync(GOOD).filter((f) => f !== 'expected.json' && !/_[Yy]\.npy$/.test(f)).sort();
  for (const good of goods) {
    const bytes = readFileSync(join(GOOD, good));
    const dot = good.lastIndexOf('.');
    const [stem, ext] = [good.slice(0, dot), good.slice(dot)];
    const companion = ext === '.npy' ? readFileSync(join(GOOD, good.replace('_X', good.startsWith('rows') ? '_y' : '_Y'))) : undefined;
    const emit = (name, content) => {
      if (ext === '.npy') {
        write(`${name}_X.npy`, content);
        write(`${name}_Y.npy`, companion, false);
      } else write(`${name}${ext}`, content);
    };
    emit(`${stem}--original`, bytes);
    for (const [kind, count] of MUTATIONS) {
      for (let i = 0; i < count; i++) emit(`${stem}--${kind}-${i}`, mutateBytes(bytes, random, kind));
    }
    if (companion !== undefined) {
      // The labels' half damaged instead.
      for (const kind of ['truncate', 'header-flips', 'flip8']) {
        write(`${stem}--y-${kind}_X.npy`, bytes);
        write(`${stem}--y-${kind}_Y.npy`, mutateBytes(companion, random, kind), false);
      }
    }
  }

  for (const [name, bytes] of Object.entries(hostileFiles())) write(name, bytes, !/_Y\.npy$/.test(name));

  if (specialFiles && process.platform !== 'win32') {
    const fifo = (name) => {
      try {
        execFileSync('mkfifo', [join(dir, name)]);
        return true;
      } catch {
        return false;
      }
    };
    if (fifo('fifo.csv')) tried.push(join(dir, 'fifo.csv'));
    write('fifo-companion_X.npy', readFileSync(join(GOOD, 'train_X.npy')));
    if (!fifo('fifo-companion_Y.npy')) tried.pop();
    for (const [name, target] of [['dev-zero.csv', '/dev/zero'], ['dev-urandom.npz', '/dev/urandom'], ['dev-zero-companion_Y.npy', '/dev/zero']]) {
      if (existsSync(target)) symlinkSync(target, join(dir, name));
      if (!name.endsWith('_Y.npy')) tried.push(join(dir, name));
    }
    write('dev-zero-companion_X.npy', readFileSync(join(GOOD, 'train_X.npy')));
    write('sparse-1.9gb.csv', enc('x1,y\n1,0\n'));
    truncateSync(join(dir, 'sparse-1.9gb.csv'), 1_900_000_000);
    write('sparse-1.9gb_X.npy', readFileSync(join(GOOD, 'train_X.npy')));
    write('sparse-1.9gb_Y.npy', new Uint8Array(0), false);
    truncateSync(join(dir, 'sparse-1.9gb_Y.npy'), 1_900_000_000);
    mkdirSync(join(dir, 'a-directory.csv'));
    tried.push(join(dir, 'a-directory.csv'));
  }
  return tried;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [out, flag, value] = process.argv.slice(2);
  if (!out) {
    process.stderr.write('usage: node scripts/make_reader_fuzz.mjs OUT_DIR [--seed N]\n');
    process.exit(2);
  }
  const files = makeReaderFuzz(out, { seed: flag === '--seed' ? Number(value) : DEFAULT_SEED });
  process.stdout.write(`${files.length} files to try in ${out}\n`);
}
