import { findMismatch, type Mismatch } from './compare';
import { RESULT_NAMES } from './cases/pythonCall';
import { pyTypeName, type PyValue } from './pyValue';
import type { GradedFunction } from './types';

const TUPLE_RESULTS: ReadonlySet<GradedFunction> = new Set(['update_parameters_with_momentum', 'initialize_adam', 'update_parameters_with_adam']);

/** How many values a function may return: Adam has the older (3) and the newer (5) convention. */
function acceptedLengths(fn: GradedFunction): number[] {
  return fn === 'update_parameters_with_adam' ? [3, 5] : [RESULT_NAMES[fn].length];
}

function describeTuple(names: readonly string[]): string {
  return names.length === 1 ? names[0]! : `(${names.join(', ')})`;
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** Says which mini-batch `mini_batches[2][1]` is, in the notebook's words ("the 3rd mini_batch_Y"). */
function withBatchNamed(m: Mismatch | undefined): Mismatch | undefined {
  const match = m && /^mini_batches\[(\d+)\]\[([01])\]/.exec(m.key);
  if (!m || !match) return m;
  return { ...m, message: `${m.message} [the ${ordinal(Number(match[1]) + 1)} mini_batch_${match[2] === '0' ? 'X' : 'Y'}]` };
}

/**
 * The first difference between the reference result and what the learner's function returned, with keys named as
 * the notebook names them (`parameters["W1"]`, `v["dW1"]`, `mini_batches[2][1]`).
 */
export function compareResult(fn: GradedFunction, expected: PyValue, actual: PyValue, nanEqual = false): Mismatch | undefined {
  const names = RESULT_NAMES[fn];
  if (fn === 'random_mini_batches') return withBatchNamed(findMismatch(expected, actual, names[0]!, nanEqual));
  if (!TUPLE_RESULTS.has(fn)) return findMismatch(expected, actual, names[0]!, nanEqual);
  if (expected.kind !== 'tuple') throw new Error(`reference result of ${fn} is not a tuple`);
  const lengths = acceptedLengths(fn);
  if (actual.kind !== 'tuple' && actual.kind !== 'list') {
    const what = actual.kind === 'none' ? 'None' : `a single ${pyTypeName(actual)}`;
    return { kind: 'type', key: 'return value', message: `returned ${what}, expected ${lengths[0]} values ${describeTuple(names.slice(0, lengths[0]))}` };
  }
  if (!lengths.includes(actual.items.length) || actual.items.length > expected.items.length) {
    const expectedText = lengths.map((n) => `${n} ${describeTuple(names.slice(0, n))}`).join(' or ');
    return { kind: 'length', key: 'return value', message: `returned ${actual.items.length} value${actual.items.length === 1 ? '' : 's'}, expected ${expectedText}` };
  }
  for (let i = 0; i < actual.items.length; i++) {
    const m = findMismatch(expected.items[i]!, actual.items[i]!, names[i]!, nanEqual);
    if (m) return m;
  }
  return undefined;
}
