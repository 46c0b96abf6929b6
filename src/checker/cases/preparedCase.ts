import { createHash } from 'node:crypto';
import type { WireValue } from '../protocol';
import { arrayBytes, toWire, type PyArray, type PyValue } from '../pyValue';
import type { GradedFunction } from '../types';
import { buildCases } from './caseCatalogue';
import type { CheckCase } from './caseInputs';
import { pythonCallOf, referenceResult } from './pythonCall';

// Cases ready to send to a worker: the call encoded once, the expected result computed once per process.

/** Input arrays bigger than this are sent to a worker once and referred to by key afterwards. */
const STORE_THRESHOLD = 50_000;
/** Returned arrays at least this big are compared by digest in the worker first (python/optlab_wire.py SAME_MIN_SIZE). */
const SAME_MIN_SIZE = 4096;

/** A case ready to send: its call encoded once, its expected result computed once. */
export interface PreparedCase {
  case: CheckCase;
  expected: PyValue;
  args: WireValue[];
  kwargs: Record<string, WireValue>;
  /** Big input arrays, sent to each worker once and referred to by key. */
  stores: Array<{ key: string; array: PyArray; bytes: Uint8Array }>;
  /** SHA-1 of each big expected array by its place: a correct result then comes back without its data. */
  sameDigests?: Record<string, string>;
}

/** The big arrays of a result and their places (`[2, 0]`: item 2, item 0; `["W1"]`: key W1). */
function bigArrays(v: PyValue, path: Array<string | number> = []): Array<{ path: Array<string | number>; array: PyArray }> {
  switch (v.kind) {
    case 'array':
      return v.data.length >= SAME_MIN_SIZE ? [{ path, array: v }] : [];
    case 'list':
    case 'tuple':
      return v.items.flatMap((x, i) => bigArrays(x, [...path, i]));
    case 'dict':
      return v.entries.flatMap(([k, x]) => (k.kind === 'str' ? bigArrays(x, [...path, k.value]) : []));
    default:
      return [];
  }
}

function float64Digest(a: PyArray): string {
  return createHash('sha1').update(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength)).digest('hex');
}

function prepare(fn: GradedFunction, check: CheckCase): PreparedCase {
  const call = pythonCallOf(check.inputs);
  const stores: PreparedCase['stores'] = [];
  const args = call.args.map((arg, i): WireValue => {
    if (arg.kind === 'array' && arg.data.length > STORE_THRESHOLD) {
      const key = `${fn}/${check.name}/${i}`;
      stores.push({ key, array: arg, bytes: arrayBytes(arg) });
      return { t: 'ref', key };
    }
    return toWire(arg);
  });
  const kwargs = Object.fromEntries(Object.entries(call.kwargs).map(([k, v]) => [k, toWire(v)]));
  const expected = referenceResult(check.inputs);
  const prepared: PreparedCase = { case: check, expected, args, kwargs, stores };
  const big = bigArrays(expected);
  if (big.length > 0) prepared.sameDigests = Object.fromEntries(big.map(({ path, array }) => [JSON.stringify(path), float64Digest(array)]));
  return prepared;
}

const prepared = new Map<GradedFunction, PreparedCase[]>();

/** The cases of `fn`, prepared once per process: they are deterministic and never modified, so checkers share them. */
export function preparedCases(fn: GradedFunction): PreparedCase[] {
  let cases = prepared.get(fn);
  if (cases === undefined) {
    cases = (buildCases(fn) as CheckCase[]).map((c) => prepare(fn, c));
    prepared.set(fn, cases);
  }
  return cases;
}

