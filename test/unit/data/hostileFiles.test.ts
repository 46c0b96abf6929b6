import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zlibSync } from 'fflate';
import { readDatasetFile } from '../../../src/cli/readDatasetFile';
import { loadTrainingData } from '../../../src/cli/loadTrainingData';
import { cellCharacter, isDecimal } from '../../../src/core/data/csv';
import { DatasetError } from '../../../src/core/data/datasetError';
import { splitDelimited } from '../../../src/core/data/delimitedRecords';
import { inflateWithin } from '../../../src/core/data/inflateWithin';
import { parseNpyHeader } from '../../../src/core/data/npy';
import { readDataset, type DatasetFile } from '../../../src/core/data/readDataset';

// The cases of issue 15's "Data-set readers", one by one, with the whole message each must give.
type Fuzz = typeof import('../../../scripts/make_reader_fuzz.mjs', { with: { 'resolution-mode': 'import' } });
let fuzz: Fuzz;
before(async () => {
  fuzz = await import('../../../scripts/make_reader_fuzz.mjs');
});

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const f64 = (values: number[]): Uint8Array => new Uint8Array(new Float64Array(values).buffer);

/** The DatasetError that reading throws; fails the test when reading succeeds or throws anything else. */
function refusal(bytes: Uint8Array, name: string, companion?: DatasetFile): DatasetError {
  try {
    readDataset(bytes, name, companion);
  } catch (e) {
    assert.ok(e instanceof DatasetError, `expected a DatasetError, got ${String(e)}`);
    assert.ok(!e.message.includes('\n'), 'one line');
    return e;
  }
  assert.fail(`${name} was read`);
}

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

describe('hangs: parsers stay linear', () => {
  it('a CSV cell of 512,000 digits is refused at once (the old regular expression backtracked for > 30 s), its echo capped', () => {
    const [e, ms] = timed(() => refusal(text(`x1,y\n${'9'.repeat(512_000)}x,1\n1,0\n`), 'digits.csv'));
    assert.equal(e.message, `digits.csv:2:1: "${'9'.repeat(60)}…(512,001 characters)" in column x1 is not a number`);
    assert.ok(ms < 2000, `${ms} ms`);
  });
  it('isDecimal takes linear time on 5 million digits and knows what a number is', () => {
    const [ok, ms] = timed(() => isDecimal(`${'1'.repeat(5_000_000)}x`));
    assert.equal(ok, false);
    assert.ok(ms < 1000, `${ms} ms`);
    for (const s of ['1', '-1.5e-3', '+.5', '7.', '1E+9']) assert.ok(isDecimal(s), s);
    for (const s of ['', '.', '-', 'e5', '1e', '1e+', '1.2.3', '0x10', ' 1', '1 ']) assert.ok(!isDecimal(s), s);
  });
  it('a 20 MB cell splits in well under the per-file budget (csv-parse took 14 s)', () => {
    const [records, ms] = timed(() => splitDelimited(`${'h'.repeat(20_000_000)},y\n1,0\n`, ','));
    assert.equal(records[0]!.cells[0]!.length, 20_000_000);
    assert.ok(ms < 3000, `${ms} ms`);
  });
});

describe('the delimited-text splitter', () => {
  it('unquotes, unescapes, trims, skips comments and blank lines, and counts lines', () => {
    const records = splitDelimited('# head\r\n x , "a,""b""\nc"\n\n  \n1,2 # note\r3,4', ',');
    assert.deepEqual(records, [
      { cells: ['x', 'a,"b"\nc'], line: 2 },
      { cells: ['1', '2'], line: 6 },
      { cells: ['3', '4'], line: 7 },
    ]);
  });
  it('names the line of a quote never closed, and of text after a closing quote', () => {
    assert.throws(() => splitDelimited('x,y\n1,2\n"3,4\n5,6\n', ','), { problem: 'unclosed-quote', line: 3 });
    assert.throws(() => splitDelimited('x,y\n"1"2,3\n', ','), { problem: 'text-after-quote', line: 2 });
  });
});

describe('not a regular file, or too large: refused before a byte is read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'optlab-hostile-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const x = (): Uint8Array => fuzz.npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3), }", f64([0.1, 0.2, 0.3]));
  const fifo = (name: string): string | undefined => {
    try {
      execFileSync('mkfifo', [join(dir, name)]);
      return join(dir, name);
    } catch {
      return undefined; // no mkfifo (Windows): nothing to test
    }
  };
  it('a FIFO as the data set', (t) => {
    const path = fifo('pipe.csv');
    if (path === undefined) return t.skip('no mkfifo here');
    assert.throws(() => readDatasetFile(path), { message: `${path}: not a regular file: a named pipe (FIFO), which would block reading for ever; give a data-set file` });
  });
  it("a FIFO as an .npy pair's other half", (t) => {
    writeFileSync(join(dir, 'p_X.npy'), x());
    if (fifo('p_Y.npy') === undefined) return t.skip('no mkfifo here');
    assert.throws(() => loadTrainingData({ kind: 'file', path: join(dir, 'p_X.npy') }), { message: /p_Y\.npy: not a regular file: a named pipe/ });
  });
  it('symlinks to /dev/zero and /dev/urandom', (t) => {
    if (process.platform === 'win32') return t.skip('no /dev');
    symlinkSync('/dev/zero', join(dir, 'zero.csv'));
    symlinkSync('/dev/urandom', join(dir, 'random.npz'));
    assert.throws(() => readDatasetFile(join(dir, 'zero.csv')), { message: /zero\.csv: not a regular file: a device \(like \/dev\/zero\), which never ends/ });
    assert.throws(() => readDatasetFile(join(dir, 'random.npz')), { message: /random\.npz: not a regular file: a device/ });
  });
  it('a sparse 1.9 GB CSV is refused by its size, without reading it', () => {
    const path = join(dir, 'sparse.csv');
    writeFileSync(path, 'x,y\n');
    truncateSync(path, 1_900_000_000);
    const [, ms] = timed(() => assert.throws(() => readDatasetFile(path), { message: `${path}: too large: 1812 MB, the limit is 50 MB; train on a sample` }));
    assert.ok(ms < 500, `${ms} ms`);
  });
  it('a directory', () => {
    assert.throws(() => readDatasetFile(dir), { message: `${dir}: not a regular file: a directory; give a data-set file` });
  });
});

describe('memory: compressed data inflates only up to the limit', () => {
  const y3 = (): Uint8Array => fuzz.npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", f64([0, 1, 0]));
  it('inflateWithin stops at the limit and returns nothing of it', () => {
    assert.deepEqual(inflateWithin(zlibSync(new Uint8Array(1_000_000)), true, 999_999), { overLimit: true });
    assert.equal((inflateWithin(zlibSync(new Uint8Array(1000)), true, 1000) as { bytes: Uint8Array }).bytes.length, 1000);
    assert.ok('damaged' in inflateWithin(Uint8Array.of(1, 2, 3), true, 1000));
  });
  it('a 5 GB .npz bomb (5 MB) is refused with the limit, not cut at 4 GiB', () => {
    const header = fuzz.npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 335544320), }");
    const npz = fuzz.zipFile([
      { name: 'X.npy', method: 8, data: fuzz.deflateBomb(header, 5 * 1024), size: 0xffffffff },
      { name: 'Y.npy', method: 0, data: y3() },
    ]);
    const before = process.resourceUsage().maxRSS;
    const e = refusal(npz, 'bomb.npz');
    assert.equal(e.message, 'bomb.npz: X: inflates to more than 161 MB (X and Y together), the limit; train on a sample');
    assert.ok((process.resourceUsage().maxRSS - before) / 1024 < 600, 'peak RSS grew by less than 600 MB');
  });
  it('a 1 GB MATLAB bomb', () => {
    const tag = new Uint8Array(8);
    new DataView(tag.buffer).setUint32(0, 14, true);
    const mat = fuzz.matFile(fuzz.element(15, fuzz.zlibBomb(tag, 1024)));
    assert.equal(refusal(mat, 'bomb.mat').message, 'bomb.mat: the compressed variables inflate to more than 161 MB, the limit; train on a sample');
  });
  it('a deeply nested compressed .mat is refused at its second level', () => {
    let inner = fuzz.matMatrix('X', 1, 2, [1, 2]);
    for (let i = 0; i < 5000; i++) inner = fuzz.element(15, zlibSync(inner));
    assert.equal(
      refusal(fuzz.matFile(inner), 'nested.mat').message,
      'nested.mat: a compressed variable inside a compressed variable: MATLAB and scipy write one level; this file was made by hand',
    );
  });
});

describe('CSV rows stop at the example limit', () => {
  it('a file of more rows than examples allowed is refused before they are all held (12 million took > 1 GB)', () => {
    const rows = '0,1\n1,0\n'.repeat(500_001);
    assert.equal(refusal(text(rows), 'many.csv').message, 'many.csv: too large: more than 1,000,000 examples, the limit; train on a sample');
    assert.equal(refusal(text(rows.replace(/,/g, ' ')), 'many.txt').message, 'many.txt: too large: more than 1,000,000 examples, the limit; train on a sample');
  });
});

describe('JSON nesting is checked before JSON.parse', () => {
  it('20 MB of [ is refused at its seventh level (JSON.parse took 1.3 GB on it)', () => {
    const before = process.resourceUsage().maxRSS;
    const e = refusal(text(`{"X": ${'['.repeat(20_000_000)}`), 'deep.json');
    assert.equal(e.message, 'deep.json:1:12: nested more than 6 levels deep: a data set is {"X": [[...], [...]], "Y": [[...]]}, three levels');
    assert.ok((process.resourceUsage().maxRSS - before) / 1024 < 200, 'peak RSS grew by less than 200 MB');
  });
  it('brackets inside strings do not count', () => {
    assert.equal(refusal(text('{"X": [["[[[[[[[[\\"[[", 1]], "Y": [0, 1]}'), 's.json').message, 's.json: X[0][0] is "[[[[[[[[\\"[[", not a number');
  });
});

describe('messages are capped', () => {
  it('a 20 MB header cell', () => {
    const e = refusal(text(`${'h'.repeat(20_000_000)},y\nabc,1\n2,0\n`), 'wide.csv');
    assert.equal(e.message, `wide.csv:2:1: "abc" in column ${'h'.repeat(60)}…(20,000,000 characters) is not a number`);
  });
  it('a 100 KB variable name in a .mat and in an .npz', () => {
    const mat = fuzz.matFile(fuzz.matMatrix('v', 1, 2, [1, 2], { nameText: 'v'.repeat(100_000) }), fuzz.matMatrix('y', 1, 2, [0, 1]));
    const found = `found "${'v'.repeat(60)}…(100,000 characters)", "y"`;
    assert.equal(refusal(mat, 'names.mat').message, `names.mat: no feature array: expected arrays named X and Y (or train_X and train_Y), ${found}`);
    // A zip name holds at most 65,535 bytes.
    const npz = fuzz.zipFile([{ name: `${'n'.repeat(65_000)}.npy`, method: 0, data: new Uint8Array(0) }]);
    assert.ok(refusal(npz, 'names.npz').message.length < 250);
  });
  it('a name with a line break is shown escaped, on one line', () => {
    const mat = fuzz.matFile(fuzz.matMatrix('v', 1, 2, [1, 2], { nameText: 'a\nb' }));
    assert.match(refusal(mat, 'nl.mat').message, /found "a\\x0ab"$/);
  });
});

describe('malformed headers and shapes name the file, the place and what is wrong', () => {
  const y3 = (): DatasetFile => ({ bytes: fuzz.npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", f64([0, 1, 0])), fileName: 'd_Y.npy' });
  const x = (header: string, bytes = 24): Uint8Array => fuzz.npyFile(header, new Uint8Array(bytes));
  const cases: [string, string][] = [
    ["{'descr': '<f8', 'fortran_order': False, 'shape': (-600, 2), }", "d_X.npy: header: 'shape' must hold non-negative whole numbers, found '-600'"],
    ["{'descr': '<f8', 'fortran_order': False, 'shape': (nan, 1), }", "d_X.npy: header: 'shape' must hold non-negative whole numbers, found 'nan'"],
    ["{'descr': '<f8', 'fortran_order': False, 'shape': ('3', 1), }", "d_X.npy: header: 'shape' must hold non-negative whole numbers, found ''3''"],
    ["{'descr': '<f8', 'fortran_order': False, 'shape': (0x3, 1), }", "d_X.npy: header: 'shape' must hold non-negative whole numbers, found '0x3'"],
    ["{'descr': '<f8', 'descr': '<i1', 'fortran_order': False, 'shape': (3, 1), }", "d_X.npy: header: 'descr' appears twice"],
    ["{'descr': '<i3', 'fortran_order': False, 'shape': (3, 1), }", 'd_X.npy: dtype <i3 is not supported: use float64, float32, an integer type or bool'],
    ["{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776, 1099511627776), }", 'd_X.npy: too large: shape (1099511627776, 1099511627776) holds more than 20,000,000 values, the limit; train on a sample'],
  ];
  for (const [header, message] of cases) {
    it(message.slice(9), () => assert.equal(refusal(x(header), 'd_X.npy', y3()).message, message));
  }
  it('parseNpyHeader reads what numpy writes, Python 2 longs included', () => {
    assert.deepEqual(parseNpyHeader("{'descr': '>i8', 'fortran_order': True, 'shape': (300L, 2L), }   \n"), { descr: '>i8', fortranOrder: true, shape: [300, 2] });
    assert.deepEqual(parseNpyHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (), }"), { descr: '<f8', fortranOrder: false, shape: [] });
    // A structured dtype: no descr string, refused by parseNpy with its own message.
    assert.deepEqual(parseNpyHeader("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (3,), }"), { descr: undefined, fortranOrder: false, shape: [3] });
    assert.equal(parseNpyHeader("{'descr': '<f8', 'shape': (3,), 'extra': 1}"), "unexpected key 'extra'");
  });
  it('an empty MATLAB matrix element, truncated array flags, a negative dimension', () => {
    const y = fuzz.matMatrix('y', 1, 2, [0, 1]);
    assert.equal(
      refusal(fuzz.matFile(fuzz.element(14, new Uint8Array(0)), y), 'empty.mat').message,
      'empty.mat: damaged .mat file: variable 1 is an empty matrix element (no flags, name or values)',
    );
    assert.equal(
      refusal(fuzz.matFile(fuzz.matMatrix('X', 1, 2, [1, 2], { flagsBytes: 4 }), y), 'flags.mat').message,
      'flags.mat: truncated .mat file: array flags of 4 bytes, expected 8',
    );
    assert.equal(refusal(fuzz.matFile(fuzz.matMatrix('X', 1, 2, [1, 2], { dims: [-1, 2] }), y), 'dims.mat').message, 'dims.mat: X has a negative dimension (-1, 2)');
  });
  it('an empty but well-formed MATLAB X (0 x 0) says there are no examples', () => {
    const mat = fuzz.matFile(fuzz.matMatrix('X', 0, 0, []), fuzz.matMatrix('y', 1, 2, [0, 1]));
    assert.match(refusal(mat, 'zero.mat').message, /^zero\.mat: X has shape \(0, 0\) but y has 2 labels/);
  });
  it('an INF label and a header of 64,000 columns', () => {
    assert.equal(refusal(text('x1,x2,y\n0.1,0.2,0\n0.3,0.4,INF\n0.5,0.6,1\n'), 'inf.csv').message, 'inf.csv:3:3: label y is Infinity: labels must be 0 or 1');
    assert.equal(refusal(text('1,2,0\n3,4,INF\n'), 'bare.csv').message, 'bare.csv:2:3: label is Infinity: labels must be 0 or 1');
    const header = Array.from({ length: 64_000 }, (_, i) => `c${i}`).join(',');
    assert.equal(
      refusal(text(`${header},y\n1,0\n`), 'wide.csv').message,
      'wide.csv:1: too many columns: 64,001, the limit is 10,001 (10,000 features and the label)',
    );
  });
});

describe('Go to Line: errors carry the character where the value starts', () => {
  it('in CSV (column counts fields, character counts characters)', () => {
    const e = refusal(text('x1,x2,y\n0.1,  0.2,1\n0.3, abc ,0\n'), 'c.csv');
    assert.deepEqual([e.line, e.column, e.character], [3, 2, 6]);
    const label = refusal(text('x1,x2,y\n0.1,0.2,1\n0.3,0.25,7\n'), 'l.csv');
    assert.deepEqual([label.line, label.column, label.character], [3, 3, 10]);
    const quoted = refusal(text('a;b;c\n1;2;0\n"1.5"; x ;1\n'), 'q.csv');
    assert.deepEqual([quoted.line, quoted.column, quoted.character], [3, 2, 8]);
  });
  it('in whitespace-separated text and JSON', () => {
    const e = refusal(text('# x1 x2 y\n  0.1   0.2 1\n  0.3   zz  0\n'), 's.txt');
    assert.deepEqual([e.line, e.character], [3, 9]);
    const j = refusal(text('{"X": [[1, 2]],\n "Y": [NaN, 1]}'), 'n.json');
    assert.deepEqual([j.line, j.column, j.character], [2, 8, 8]);
  });
  it('cellCharacter skips quoted delimiters and leading blanks', () => {
    assert.equal(cellCharacter('"a,b",  c', ',', 1), 9);
    assert.equal(cellCharacter('1,2', ',', 5), undefined);
    assert.equal(cellCharacter('  1\t 2', undefined, 1), 6);
  });
});
