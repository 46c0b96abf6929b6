import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCsv, parseCsv, parseNumberCell } from '../../../src/core/data/csv';
import { fromNested, toNested } from '../../../src/core/linalg/matrix';
import { expectedMoons } from './fixtures';

test('formatCsv writes the header x1,...,y and one example per line', () => {
  const X = fromNested([
    [0.5, -0.3, 1e-7],
    [1.25, 0.8, -2],
  ]);
  const Y = fromNested([[1, 0, 1]]);
  assert.equal(formatCsv(X, Y), 'x1,x2,y\n0.5,1.25,1\n-0.3,0.8,0\n1e-7,-2,1\n');
});

test('formatCsv then parseCsv gives back the same doubles, bit for bit', () => {
  const { X, Y } = expectedMoons();
  const ds = parseCsv(formatCsv(fromNested(X), fromNested(Y)), 'round.csv');
  assert.deepEqual(toNested(ds.X), X);
  assert.deepEqual(toNested(ds.Y), Y);
});

test('formatCsv refuses labels that do not match the examples', () => {
  assert.throws(() => formatCsv(fromNested([[1, 2]]), fromNested([[1, 0, 1]])), RangeError);
});

test('a label column named y stands anywhere; other columns are features in order', () => {
  const ds = parseCsv('a,y,b\n1,0,2\n3,1,4\n', 'mid.csv');
  assert.deepEqual(toNested(ds.X), [
    [1, 3],
    [2, 4],
  ]);
  assert.deepEqual(toNested(ds.Y), [[0, 1]]);
});

test('quoted numbers, a byte-order mark, semicolons, CRLF and comment lines are accepted', () => {
  const ds = parseCsv('\uFEFF# made by hand\r\n"0.5";"1";1\r\n-0.5;2;0\r\n', 'semi.csv');
  assert.deepEqual(toNested(ds.X), [
    [0.5, -0.5],
    [1, 2],
  ]);
});

test('number cells: decimals and exponents; hex, empty and words are not numbers', () => {
  assert.equal(parseNumberCell('-1.5e-3'), -1.5e-3);
  assert.equal(parseNumberCell('.5'), 0.5);
  assert.equal(parseNumberCell('7.'), 7);
  assert.ok(Number.isNaN(parseNumberCell('nan')));
  assert.equal(parseNumberCell('-inf'), -Infinity);
  for (const s of ['0x10', '', '1,5', 'abc', '1e', '--1']) assert.equal(parseNumberCell(s), undefined, s);
});

test('line numbers count blank and comment lines, so messages point at the right line', () => {
  assert.throws(() => parseCsv('# c\n\nx,y\n1,0\n\n2,abc\n', 'gaps.csv'), { message: 'gaps.csv:6:2: "abc" in column y is not a number' });
});
