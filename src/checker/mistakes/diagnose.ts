import { resultsAgree } from './agree';
import { MISTAKES } from './catalogue';
import type { DiagnosisContext, Mistake } from './mistake';

/** The known mistake that explains a failing or raising check, if one does. */
export function diagnose(ctx: DiagnosisContext): Mistake | undefined {
  for (const mistake of MISTAKES) {
    if (!mistake.functions.includes(ctx.inputs.fn)) continue;
    if (mistake.recognise?.(ctx)) return mistake;
    const actual = ctx.actual;
    if (actual !== undefined && mistake.produce?.(ctx.inputs).some((produced) => resultsAgree(ctx.inputs.fn, produced, actual))) {
      return mistake;
    }
  }
  return undefined;
}
