// The mistake catalogue against the checker's own cases, in TypeScript only (no Python).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCaseCatalogue, NOTEBOOK_CASE } from '../../../src/checker/cases/caseCatalogue';
import type { CheckCase } from '../../../src/checker/cases/caseInputs';
import { referenceResult } from '../../../src/checker/cases/pythonCall';
import { resultsAgree } from '../../../src/checker/mistakes/agree';
import { MISTAKES } from '../../../src/checker/mistakes/catalogue';
import { contradictedIds, diagnose } from '../../../src/checker/mistakes/diagnose';
import { adamVariant } from '../../../src/checker/mistakes/updateVariants';
import { compareResult } from '../../../src/checker/resultComparison';
import { GRADED_FUNCTIONS } from '../../../src/checker/types';

const catalogue = buildCaseCatalogue();
const allCases: CheckCase[] = GRADED_FUNCTIONS.flatMap((fn) => catalogue[fn] as CheckCase[]);

describe('mistake catalogue', () => {
  it('has unique kebab-case ids, a title and a one-sentence hint for each', () => {
    const ids = MISTAKES.map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const m of MISTAKES) {
      assert.match(m.id, /^[a-z]+(-[a-z0-9]+)+$/);
      assert.ok(m.title.length > 0 && m.title.length < 60, m.id);
      assert.match(m.hint, /^[A-Z`].*[.)]$/, m.id);
      assert.ok(m.produce !== undefined || m.recognise !== undefined, m.id);
    }
  });

  it('includes every mistake issue 3 asks for', () => {
    const required = [
      'adam-epsilon-inside-sqrt', 'adam-no-bias-correction', 'adam-bias-correction-layer-index',
      'momentum-missing-one-minus-beta', 'momentum-update-uses-gradient', 'update-sign-flipped',
      'layer-index-off-by-one', 'minibatch-last-dropped', 'minibatch-last-y-from-x',
      'minibatch-separate-permutations', 'minibatch-slice-offset', 'adam-squared-gradient-in-first-moment',
      'adam-plain-gradient-in-second-moment', 'velocity-wrong-shape',
    ];
    assert.deepEqual(required.filter((id) => !MISTAKES.some((m) => m.id === id)), []);
  });

  for (const mistake of MISTAKES.filter((m) => m.produce !== undefined)) {
    it(`${mistake.id}: some case tells it apart from the reference, and it is diagnosed there`, () => {
      let distinguished = 0;
      for (const fn of new Set(mistake.functions)) {
        const cases = allCases.filter((x) => x.inputs.fn === fn);
        const forms = Math.max(0, ...cases.map((c) => mistake.produce!(c.inputs).length));
        // Each way of writing the mistake is one learner's code: run on every case, named as the checker
        // names it (a name another case of the same code contradicts is dropped, as in checker.ts).
        for (let form = 0; form < forms; form++) {
          const contexts = cases.flatMap((c) => {
            const produced = mistake.produce!(c.inputs)[form];
            if (produced === undefined) return [];
            const expected = referenceResult(c.inputs);
            return [{ c, ctx: { inputs: c.inputs, expected, actual: produced, error: undefined, mismatch: compareResult(fn, expected, produced) } }];
          });
          const first = contexts.map(({ ctx }) => (ctx.mismatch ? (diagnose(ctx)?.id ?? null) : null));
          const contradicted = contradictedIds(first, contexts.map(({ ctx }) => ctx));
          for (const { c, ctx } of contexts) {
            if (ctx.mismatch === undefined) continue; // this case cannot see the mistake
            distinguished++;
            const found = diagnose(ctx, contradicted);
            assert.equal(found?.id, mistake.id, `${c.inputs.fn} / ${c.name}: ${ctx.mismatch.message}`);
          }
        }
      }
      assert.ok(distinguished > 0, `no case shows ${mistake.id}`);
    });
  }

  it("cannot tell epsilon inside the square root on the notebook's Adam case, but can on the tiny-gradient case", () => {
    const adam = catalogue.update_parameters_with_adam;
    const notebook = adam.find((c) => c.name === NOTEBOOK_CASE)!;
    const tiny = adam.find((c) => c.name.includes('tiny gradients'))!;
    const inside = (c: typeof notebook) => adamVariant(c.inputs, { epsilon: 'inside-sqrt' });
    assert.equal(compareResult('update_parameters_with_adam', referenceResult(notebook.inputs), inside(notebook)), undefined);
    assert.notEqual(compareResult('update_parameters_with_adam', referenceResult(tiny.inputs), inside(tiny)), undefined);
  });

  it('recognises mistakes from exceptions: KeyError on layer 0 or L + 1, a float batch count', () => {
    const gd = catalogue.update_parameters_with_gd[0]!;
    const expected = referenceResult(gd.inputs);
    const error = (type: string, message: string) => ({ type, message, line: 3, traceback: '' });
    const ctx = (e: ReturnType<typeof error>) => ({ inputs: gd.inputs, expected, actual: undefined, error: e, mismatch: undefined });
    assert.equal(diagnose(ctx(error('KeyError', "'W0'")))?.id, 'layer-index-off-by-one');
    assert.equal(diagnose(ctx(error('KeyError', "'db3'")))?.id, 'layer-index-off-by-one'); // L = 2
    assert.equal(diagnose(ctx(error('KeyError', "'W2'"))), undefined);
    assert.equal(diagnose(ctx(error('KeyError', "'dw1'")))?.id, 'dictionary-key-case');
    const mb = catalogue.random_mini_batches[1]!;
    const float = error('TypeError', "'float' object cannot be interpreted as an integer");
    assert.equal(diagnose({ inputs: mb.inputs, expected: referenceResult(mb.inputs), actual: undefined, error: float, mismatch: undefined })?.id, 'minibatch-float-batch-count');
  });

  it('accepts both Adam conventions when matching a variant', () => {
    const c = catalogue.update_parameters_with_adam[0]!;
    const produced = adamVariant(c.inputs, { biasCorrection: 'none' });
    assert.equal(produced.kind, 'tuple');
    if (produced.kind !== 'tuple') return;
    const three = { kind: 'tuple' as const, items: produced.items.slice(0, 3) };
    assert.ok(resultsAgree('update_parameters_with_adam', produced, three));
    assert.ok(resultsAgree('update_parameters_with_adam', produced, produced));
    assert.ok(!resultsAgree('update_parameters_with_adam', referenceResult(c.inputs), three));
  });
});
