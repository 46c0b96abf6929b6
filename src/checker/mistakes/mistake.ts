import type { Mismatch } from '../compare';
import type { CaseInputs } from '../cases/caseInputs';
import type { LearnerException } from '../protocol';
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
}
