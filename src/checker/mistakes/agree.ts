import { compareResult } from '../resultComparison';
import type { PyValue } from '../pyValue';
import type { GradedFunction } from '../types';

/** Whether two results of `fn` agree within tolerance, NaN matching NaN (mistakes often produce NaN). */
export function resultsAgree(fn: GradedFunction, reference: PyValue, actual: PyValue): boolean {
  return compareResult(fn, reference, actual, true) === undefined;
}
