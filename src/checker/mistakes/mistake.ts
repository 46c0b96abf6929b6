import type { Mismatch } from '../compare';
import type { CaseInputs } from '../cases/caseInputs';
import type { LearnerException, ResultFacts } from '../protocol';
import type { PyValue } from '../pyValue';
import type { GradedFunction } from '../types';

/** What is known about one failing or raising check. */
export interface DiagnosisContext {
  inputs: CaseInputs;
  expected: PyValue;
  /** What the learner's function returned (undefined when it raised). */
  actual: PyValue | undefined;
  error: LearnerException | undefined;
  /** The first difference between expected and actual. */
  mismatch: Mismatch | undefined;
  /** The checked function's own source (from its `def`), when known: for stubs and `len(parameters)`. */
  source?: FunctionSource;
  /** What the harness saw of the returned objects themselves (aliasing), when it says. */
  facts?: ResultFacts;
  /** The call did not finish within the time limit. */
  timedOut?: boolean;
}

/** A function's text and the 1-based line of its `def` in the checked file. */
export interface FunctionSource {
  text: string;
  line: number;
}

export type { ResultFacts };

/** A mistake named for one check: what the CodeLens, hover, diagnostics, Test Explorer and the CLI show. */
export interface Diagnosis {
  id: string;
  title: string;
  hint: string;
  /** 1-based line of the checked file the explanation points to, when one line holds the mistake. */
  line?: number;
}

/** A mistake learners make in the graded functions, recognisable from what their code returns or raises. */
export interface Mistake {
  /** Stable id, e.g. 'adam-epsilon-inside-sqrt'. */
  readonly id: string;
  /** Short description for a CodeLens: "epsilon inside the square root". */
  readonly title: string;
  /** One sentence in the learner's terms that says what to change. */
  readonly hint: string;
  readonly functions: readonly GradedFunction[];
  /** What code with this mistake returns on these inputs (one or more ways of writing it). */
  produce?(inputs: CaseInputs): PyValue[];
  /** Recognises the mistake from the exception or the structure of the result. */
  recognise?(ctx: DiagnosisContext): boolean;
  /** The line of the function where this mistake usually sits (the first line it matches). */
  readonly at?: RegExp;
  /** A hint that fits the function better than `hint` (e.g. the return statement each function needs). */
  hintFor?(fn: GradedFunction): string;
}
