/**
 * The custom requests and notifications between the extension (client) and the language server.
 * Each method is declared once here and imported by both sides, as vscode-eslint does.
 */
import { NotificationType, RequestType, type Location, type Range } from 'vscode-languageserver-protocol';

/** When the server runs the notebook tests on its own (the `optimizationLab.check.runOn` setting). */
export type RunOn = 'save' | 'type' | 'manual';

/** Where the Python interpreter came from, to word the messages. */
export type PythonSource = 'setting' | 'python-extension' | 'default';

/** Everything the server needs from the client's settings, trust and interpreter resolution. */
export interface ChecksConfiguration {
  /** Interpreter (with numpy) that runs the learner's functions. */
  pythonPath: string;
  pythonSource: PythonSource;
  /** Workspace trust: when false no learner code runs. */
  trusted: boolean;
  runOn: RunOn;
  timeoutSeconds: number;
  memoryLimitMb: number;
}

/** Sent at start (as initializationOptions) and whenever a setting, the interpreter or the trust changes. */
export const ConfigurationNotification = new NotificationType<ChecksConfiguration>('optlab/configuration');

/** One of the six graded functions as found in a document. */
export interface GradedFunctionLocation {
  name: string;
  /** Text document holding the `def`: the file itself, or the notebook cell. */
  uri: string;
  /** Range of the function's name on its `def` line. */
  range: Range;
}

export interface FunctionsParams {
  /** A `.py` file or a `.ipynb` notebook; read from disk when it is not open. */
  uri: string;
}

export interface FunctionsResult {
  uri: string;
  functions: GradedFunctionLocation[];
}

/** The graded functions of one file or notebook, for the test controller. */
export const FunctionsRequest = new RequestType<FunctionsParams, FunctionsResult, void>('optlab/functions');

/** Pushed when an open document's graded functions may have moved, appeared or gone. */
export const FunctionsChangedNotification = new NotificationType<FunctionsResult>('optlab/functionsChanged');

export type FunctionStatus = 'pass' | 'fail' | 'error' | 'timeout';

/** One test case of one function, as the Test Explorer shows it. */
export interface CaseOutcome {
  case: string;
  status: FunctionStatus;
  message: string;
  /** Stable id of the recognised mistake, or null. */
  mistake: string | null;
  /** The mistake in a few words (what the CodeLens shows), or null. */
  title?: string | null;
  hint: string;
  key?: string;
  expectedText?: string;
  actualText?: string;
  /** Where in the learner's code the failure points (the key's assignment or the raising line). */
  location?: Location;
}

export interface FunctionOutcome {
  name: string;
  /** The function's name on its `def` line. */
  location: Location;
  status: FunctionStatus;
  /** The CodeLens title for this outcome, e.g. "✓ 4/4 checks passed". */
  summary: string;
  cases: CaseOutcome[];
  /** Captured stdout/stderr of the learner's code, truncated. */
  output?: string;
}

export type PythonProblemReason = 'python-not-found' | 'numpy-missing' | 'python-failed';

export interface PythonProblem {
  reason: PythonProblemReason;
  pythonPath: string;
  /** What to install or which setting to set. */
  message: string;
}

export interface RunChecksParams {
  uri: string;
  /** Only these functions; all graded functions of the document when absent. */
  functions?: string[];
}

export type RunChecksResult =
  | { kind: 'checked'; uri: string; functions: FunctionOutcome[] }
  | { kind: 'untrusted'; uri: string }
  | { kind: 'python-unavailable'; uri: string; problem: PythonProblem };

/** Runs the notebook tests now (CodeLens click, Test Explorer), whatever `runOn` says. */
export const RunChecksRequest = new RequestType<RunChecksParams, RunChecksResult, void>('optlab/runChecks');

/** After every run on an open document (on save, while typing, a CodeLens click): the Test Explorer shows it too. */
export const ChecksFinishedNotification = new NotificationType<{ uri: string; functions: FunctionOutcome[] }>('optlab/checksFinished');

/** Totals over the open documents, for the status bar. */
export interface CheckState {
  /** Graded functions in the open documents. */
  functions: number;
  /** Functions being checked right now. */
  running: number;
  passed: number;
  failed: number;
  problem?: 'untrusted' | 'python-unavailable';
}

export const CheckStateNotification = new NotificationType<CheckState>('optlab/checkState');

/** Python or numpy is missing: the client shows one notification with a way out. */
export const PythonUnavailableNotification = new NotificationType<PythonProblem>('optlab/pythonUnavailable');

/** Client commands that the server's CodeLenses invoke. */
export const ClientCommands = {
  /** Arguments: one RunChecksParams. */
  runNotebookTests: 'optimizationLab.runNotebookTests',
  /** No arguments: pick an interpreter (Python extension) or open the setting. */
  selectPython: 'optimizationLab.selectPythonInterpreter',
  /** VS Code's own trust dialog. */
  manageTrust: 'workbench.trust.manage',
  /** Arguments: `{ uri, optimizer }`: the notebook's loop with the learner's functions of that file. */
  trainWithMyFunctions: 'optimizationLab.trainWithMyFunctions',
} as const;
