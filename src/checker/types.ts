// The checker's public contract: what the language server, the CLI and the bench code against.

/** The functions the notebook grades, by their Python names (the last two since the 2021 edition). */
export type GradedFunction =
  | 'update_parameters_with_gd'
  | 'random_mini_batches'
  | 'initialize_velocity'
  | 'update_parameters_with_momentum'
  | 'initialize_adam'
  | 'update_parameters_with_adam'
  | 'update_lr'
  | 'schedule_lr_decay';

/** In the notebook's order. */
export const GRADED_FUNCTIONS: readonly GradedFunction[] = [
  'update_parameters_with_gd',
  'random_mini_batches',
  'initialize_velocity',
  'update_parameters_with_momentum',
  'initialize_adam',
  'update_parameters_with_adam',
  'update_lr',
  'schedule_lr_decay',
];

export function isGradedFunction(name: string): name is GradedFunction {
  return (GRADED_FUNCTIONS as readonly string[]).includes(name);
}

export type CheckStatus = 'pass' | 'fail' | 'error' | 'timeout';

/** The outcome of one test case on one function. */
export interface CheckResult {
  /** Name of the test case, e.g. "notebook test case" or "3 layers, t = 10". */
  case: string;
  status: CheckStatus;
  /** One readable line: which key, which element, expected vs got (or the exception). */
  message: string;
  /** Stable id of a recognised mistake, e.g. 'adam-epsilon-inside-sqrt'. */
  mistake: string | null;
  /** A few words naming the mistake (the CodeLens shows them), e.g. "epsilon inside the square root". */
  title?: string | null;
  /** One sentence in the learner's terms that says how to fix the recognised mistake. */
  hint: string | null;
  /** The first differing value, e.g. `parameters["W2"]` or `mini_batches[2][1]`. */
  key?: string;
  /** Index of the first differing element within `key` (row, column). */
  index?: number[];
  expected?: number;
  actual?: number;
  maxAbsError?: number;
  maxRelError?: number;
  /** The whole expected / actual value of `key`, pretty-printed (for a diff view). */
  expectedText?: string;
  actualText?: string;
  /** 1-based line in the checked source where an exception was raised. */
  learnerLine?: number;
  /** 1-based line in the checked source that the named mistake points to (e.g. the line with epsilon). */
  mistakeLine?: number;
}

export interface FunctionReport {
  name: GradedFunction;
  /** 1-based line of the `def` in the checked source. */
  line: number;
  /** 'pass' only when every check passed; otherwise the worst status of its checks. */
  status: CheckStatus;
  checks: CheckResult[];
  /** What the function printed (stdout and stderr), truncated. */
  output?: string;
}

export interface CheckerOptions {
  /** Python interpreter with numpy, e.g. 'python3' or an absolute path. */
  pythonPath: string;
  /** Time limit of each call of a learner function. */
  timeoutMs: number;
  /** Memory the learner's code may use on top of Python and numpy, in MiB. */
  memoryLimitMb: number;
  /** Where `harness.py` lives; found next to the bundle or the sources when omitted. */
  harnessPath?: string;
  /** Python workers checking functions side by side; default min(2, the cores available). */
  workers?: number;
}

export type PythonUnavailableReason = 'python-not-found' | 'numpy-missing' | 'python-failed';

/** Python or numpy cannot be used; the message says what to install or which setting to set. */
export class PythonUnavailableError extends Error {
  constructor(
    readonly reason: PythonUnavailableReason,
    readonly pythonPath: string,
    message: string,
  ) {
    super(message);
    this.name = 'PythonUnavailableError';
  }
}
