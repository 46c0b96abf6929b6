import { resultsAgree } from './agree';
import { MISTAKES } from './catalogue';
import type { Diagnosis, DiagnosisContext, FunctionSource, Mistake } from './mistake';
import { fewRows } from './miniBatchVariants';
import { reason } from './reasoning';

/** The 1-based line of the checked file where `pattern` first matches the function's body (its `def` line excluded). */
export function lineOf(source: FunctionSource | undefined, pattern: RegExp | undefined): number | undefined {
  if (!source || !pattern) return undefined;
  const lines = source.text.split('\n');
  const flags = pattern.flags.replace('g', '');
  const re = new RegExp(pattern.source, flags);
  for (let i = pattern.source.startsWith('^def') ? 0 : 1; i < lines.length; i++) {
    const code = lines[i]!.replace(/#.*$/, '');
    if (re.test(code)) return source.line + i;
  }
  return undefined;
}

/** The catalogue's mistake that explains a failing or raising check, if one does (none of `excluded`). */
export function catalogued(ctx: DiagnosisContext, excluded: ReadonlySet<string> = new Set()): Mistake | undefined {
  const small = reduced(ctx);
  for (const mistake of MISTAKES) {
    if (!mistake.functions.includes(ctx.inputs.fn) || excluded.has(mistake.id)) continue;
    if (mistake.recognise?.(ctx)) return mistake;
    const actual = small.actual;
    if (actual !== undefined && mistake.produce?.(small.inputs).some((produced) => resultsAgree(ctx.inputs.fn, produced, actual))) {
      return mistake;
    }
  }
  return undefined;
}

/** A mini-batch case cut to the first rows of X (the variants move whole columns); other cases as they are. */
function reduced(ctx: DiagnosisContext): DiagnosisContext {
  const inputs = ctx.inputs;
  return inputs.fn === 'random_mini_batches' ? fewRows({ ...ctx, inputs }) : ctx;
}

/**
 * What went wrong in a failing or raising check: a catalogued mistake first (the result equals the reference
 * re-run with that mistake, or the exception shows it), else what the values themselves show.
 */
export function diagnose(ctx: DiagnosisContext, excluded: ReadonlySet<string> = new Set()): Diagnosis | undefined {
  const mistake = catalogued(ctx, excluded);
  if (mistake) {
    const found: Diagnosis = { id: mistake.id, title: mistake.title, hint: mistake.hintFor?.(ctx.inputs.fn) ?? mistake.hint };
    const line = lineOf(ctx.source, mistake.at);
    if (line !== undefined) found.line = line;
    return found;
  }
  const reasoned = reason(ctx);
  if (!reasoned) return undefined;
  const { at, ...found } = reasoned;
  const line = lineOf(ctx.source, at);
  return line === undefined ? found : { ...found, line };
}

/**
 * Whether another case's result contradicts `mistake`: there, the learner's code returned something that code
 * with that mistake would not (it failed where that code passes, or failed another way, or passed where that
 * code fails).
 */
function contradicts(mistake: Mistake, full: DiagnosisContext): boolean {
  const other = reduced(full);
  const actual = other.actual;
  if (!mistake.produce || actual === undefined) return false;
  const produced = mistake.produce(other.inputs);
  return produced.length > 0 && !produced.some((p) => resultsAgree(other.inputs.fn, p, actual));
}

/**
 * The names of a function's checks, taken together: a catalogued mistake that one case matches by chance (a
 * single number can equal many formulas) but another case contradicts is not named; the next explanation is.
 * Returns the ids of `named` that some case of `all` contradicts.
 */
export function contradictedIds(named: ReadonlyArray<string | null>, all: readonly DiagnosisContext[]): Set<string> {
  const contradicted = new Set<string>();
  for (const id of new Set(named)) {
    const mistake = MISTAKES.find((m) => m.id === id);
    if (mistake && all.some((other) => contradicts(mistake, other))) contradicted.add(mistake.id);
  }
  return contradicted;
}
