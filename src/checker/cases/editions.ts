// The public editions of the notebook and how a learner's file shows which one it follows.
import type { Mismatch } from '../compare';
import type { PyValue } from '../pyValue';
import type { GradedFunction } from '../types';

/**
 * 'v1b': the seed edition (Adam returns parameters, v, s); '2021' and 'v1.4': Adam returns five values,
 * update_lr and schedule_lr_decay are graded, and their tests use other shapes and hyperparameters.
 */
export type Edition = 'v1b' | '2021' | 'v1.4';

export const EDITIONS: readonly Edition[] = ['v1b', '2021', 'v1.4'];

/** The editions a file may follow, the likeliest first (2021 and v1.4 differ only in their test cases). */
export type EditionFamily = 'v1b' | 'newer';

/** The source of one top-level function (from its `def` to the next top-level statement). */
function functionText(source: string, name: string): string | undefined {
  const start = new RegExp(`^def\\s+${name}\\s*\\(`, 'm').exec(source);
  if (!start) return undefined;
  const rest = source.slice(start.index);
  const end = /\n(?=[^\s#])/.exec(rest.slice(1));
  return end ? rest.slice(0, end.index + 1) : rest;
}

/**
 * Which edition a file follows, read from the code alone: the decay functions exist only in the newer
 * editions, and a newer edition's Adam returns five values (`return parameters, v, s, v_corrected, s_corrected`).
 */
export function editionOf(source: string): EditionFamily {
  if (/^def\s+(update_lr|schedule_lr_decay)\s*\(/m.test(source)) return 'newer';
  const adam = functionText(source, 'update_parameters_with_adam');
  if (adam === undefined) return 'v1b';
  const returns = [...adam.matchAll(/^\s+return\s+(.+)$/gm)].map((m) => m[1]!.replace(/#.*$/, '').trim());
  const arity = (r: string) => r.replace(/^\((.*)\)$/, '$1').replace(/\([^()]*\)|\[[^[\]]*\]/g, 'x').split(',').filter((p) => p.trim() !== '').length;
  return returns.some((r) => arity(r) === 5) ? 'newer' : 'v1b';
}

/** How a case is listed: the file's own edition's notebook cases first, then the other editions', then the rest. */
function rank(editions: readonly Edition[] | undefined, family: EditionFamily): number {
  if (editions === undefined) return 2;
  const own = family === 'v1b' ? editions.includes('v1b') : editions.some((e) => e !== 'v1b');
  return own ? 0 : 1;
}

/** The cases in the order a file of `family` is checked (stable within each rank). */
export function inEditionOrder<C extends { case: { editions?: readonly Edition[] } }>(cases: readonly C[], family: EditionFamily): C[] {
  return cases
    .map((c, i) => ({ c, i, r: rank(c.case.editions, family) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.c);
}

/**
 * A result that matches but does not follow the file's edition: the newer notebooks unpack five values from
 * Adam (`parameters, v, s, _, _ = ...`), so returning three breaks their model().
 */
export function editionMismatch(fn: GradedFunction, actual: PyValue, family: EditionFamily): Mismatch | undefined {
  if (fn !== 'update_parameters_with_adam' || family !== 'newer') return undefined;
  if ((actual.kind !== 'tuple' && actual.kind !== 'list') || actual.items.length !== 3) return undefined;
  return {
    kind: 'length',
    key: 'return value',
    message: 'returned 3 values (parameters, v, s); this edition of the notebook (it has update_lr / schedule_lr_decay) unpacks 5: parameters, v, s, v_corrected, s_corrected',
  };
}
