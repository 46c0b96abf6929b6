// The learning-rate schedule setting: a mathjs expression in `epoch` and `lr0`, compiled in a restricted
// scope. Used twice: by the extension to report a bad expression before training, and by the worker,
// which receives the expression string and compiles it again (functions cannot cross a thread boundary).
import type { MathNode } from 'mathjs';

type MathJs = typeof import('mathjs');

let parser: ((expression: string) => MathNode) | undefined;

/**
 * mathjs' parser from an instance hardened as mathjs' security notes advise: functions that could
 * define or evaluate more code inside an expression are replaced by ones that throw. Loaded on first
 * use: mathjs takes a noticeable time to load, and most runs have no schedule.
 */
function mathParser(): (expression: string) => MathNode {
  if (parser) return parser;
  // Required here rather than imported at the top so that mathjs loads only when a schedule is used.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mathjs = require('mathjs') as MathJs;
  const math = mathjs.create(mathjs.all!);
  const parse = math.parse.bind(math);
  const disabled = (name: string) => () => {
    throw new Error(`${name} is disabled in learning-rate schedules`);
  };
  math.import(
    {
      import: disabled('import'),
      createUnit: disabled('createUnit'),
      evaluate: disabled('evaluate'),
      parse: disabled('parse'),
      simplify: disabled('simplify'),
      derivative: disabled('derivative'),
      compile: disabled('compile'),
      resolve: disabled('resolve'),
      reviver: disabled('reviver'),
    },
    { override: true },
  );
  parser = (expression) => parse(expression);
  return parser;
}

/** Functions a schedule may call: the arithmetic of step, exponential, cosine and inverse-time decays. */
const ALLOWED_FUNCTIONS = new Set([
  'floor', 'ceil', 'round', 'abs', 'sqrt', 'exp', 'log', 'log10', 'log2', 'pow',
  'min', 'max', 'cos', 'sin', 'tanh', 'mod', 'sign',
]);
const NODE_NAMES: Record<string, string> = {
  FunctionAssignmentNode: 'function definitions',
  ArrayNode: 'arrays',
  ObjectNode: 'objects',
  AccessorNode: 'property accesses',
  IndexNode: 'indexes',
  RangeNode: 'ranges',
};
const CONSTANTS = new Set(['pi', 'e']);
const VARIABLES = new Set(['epoch', 'lr0']);

export interface ScheduleProblem {
  message: string;
  /** 0-based character offset in the expression, when known. */
  position?: number;
}

export class ScheduleError extends Error {
  readonly position?: number;
  constructor(expression: string, problem: ScheduleProblem) {
    const at = problem.position === undefined ? '' : ` (at character ${problem.position + 1}: "${excerpt(expression, problem.position)}")`;
    super(`Learning-rate schedule "${expression}": ${problem.message}${at}`);
    this.name = 'ScheduleError';
    if (problem.position !== undefined) this.position = problem.position;
  }
}

export type LearningRateAt = (epoch: number, lr0: number) => number;

/**
 * Compiles `lr0 / (1 + 1 * floor(epoch / 1000))`-style expressions. Constants may be named first:
 * `decay_rate = 1; time_interval = 1000; lr0 / (1 + decay_rate * floor(epoch / time_interval))`.
 * Only numbers, `epoch`, `lr0`, names assigned in the expression, pi, e, arithmetic, comparisons,
 * `a ? b : c` and a short list of math functions are accepted. Throws a ScheduleError with the position.
 */
export function compileSchedule(expression: string): LearningRateAt {
  let root: MathNode;
  try {
    root = mathParser()(expression);
  } catch (e) {
    const err = e as Error & { char?: number };
    const position = typeof err.char === 'number' ? Math.max(0, err.char - 1) : undefined;
    throw new ScheduleError(expression, { message: err.message.replace(/ \(char \d+\)$/, ''), ...(position === undefined ? {} : { position }) });
  }
  checkNodes(root, expression);
  const code = root.compile();
  return (epoch, lr0) => {
    const scope = new Map<string, unknown>([
      ['epoch', epoch],
      ['lr0', lr0],
    ]);
    const value: unknown = code.evaluate(scope);
    const last = isResultSet(value) ? value.entries[value.entries.length - 1] : value;
    return typeof last === 'number' ? last : typeof last === 'boolean' ? Number(last) : NaN;
  };
}

/**
 * Compiles and tries the schedule on the epochs of a run (first, a few in between, last): the
 * learning rate must be a finite number > 0 everywhere. Returns the compiled function.
 */
export function checkSchedule(expression: string, lr0: number, epochs: number): LearningRateAt {
  const at = compileSchedule(expression);
  const probes = new Set([0, 1, Math.floor(epochs / 4), Math.floor(epochs / 2), epochs - 1].filter((e) => e >= 0 && e < epochs));
  for (const epoch of probes) {
    let v: number;
    try {
      v = at(epoch, lr0);
    } catch (e) {
      throw new ScheduleError(expression, { message: `fails at epoch ${epoch}: ${(e as Error).message}` });
    }
    if (!Number.isFinite(v) || v <= 0) {
      throw new ScheduleError(expression, { message: `gives ${v} at epoch ${epoch}; a learning rate must be a finite number > 0` });
    }
  }
  return at;
}

function isResultSet(v: unknown): v is { entries: unknown[] } {
  return typeof v === 'object' && v !== null && Array.isArray((v as { entries?: unknown }).entries);
}

function checkNodes(root: MathNode, expression: string): void {
  const assigned = new Set<string>();
  const fail = (message: string, name?: string): never => {
    const position = name === undefined ? undefined : findWord(expression, name);
    throw new ScheduleError(expression, { message, ...(position === undefined ? {} : { position }) });
  };
  const visit = (node: MathNode, parent: MathNode | null): void => {
    switch (node.type) {
      case 'ConstantNode':
        if (typeof (node as MathNode & { value: unknown }).value !== 'number') fail('only numbers are allowed as constants');
        break;
      case 'SymbolNode': {
        const name = (node as MathNode & { name: string }).name;
        const isCallee = parent?.type === 'FunctionNode' && (parent as MathNode & { fn: MathNode }).fn === node;
        if (isCallee) break;
        if (!VARIABLES.has(name) && !CONSTANTS.has(name) && !assigned.has(name)) {
          fail(`unknown name "${name}": use epoch, lr0, numbers, or name a constant first (${name} = 0.5; ...)`, name);
        }
        break;
      }
      case 'FunctionNode': {
        const name = (node as MathNode & { fn: { name?: string } }).fn.name ?? '';
        if (!ALLOWED_FUNCTIONS.has(name)) fail(`function "${name}" is not allowed; use ${[...ALLOWED_FUNCTIONS].join(', ')}`, name);
        break;
      }
      case 'AssignmentNode': {
        const target = (node as MathNode & { object: MathNode }).object;
        const name = (target as MathNode & { name?: string }).name;
        if (target.type !== 'SymbolNode' || name === undefined) fail('only simple names can be assigned (decay_rate = 1; ...)');
        if (VARIABLES.has(name!) || CONSTANTS.has(name!) || ALLOWED_FUNCTIONS.has(name!)) fail(`"${name}" cannot be reassigned`, name);
        visit((node as MathNode & { value: MathNode }).value, node);
        assigned.add(name!);
        return;
      }
      case 'BlockNode':
        for (const block of (node as MathNode & { blocks: { node: MathNode }[] }).blocks) visit(block.node, node);
        return;
      case 'OperatorNode':
      case 'ParenthesisNode':
      case 'ConditionalNode':
      case 'RelationalNode':
        break;
      default:
        fail(`${NODE_NAMES[node.type] ?? node.type} are not allowed; write arithmetic in epoch and lr0`);
    }
    node.forEach((child) => visit(child, node));
  };
  visit(root, null);
}

function findWord(text: string, word: string): number | undefined {
  const m = new RegExp(`(^|[^A-Za-z0-9_])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`).exec(text);
  return m ? m.index + m[1]!.length : undefined;
}

function excerpt(text: string, position: number): string {
  const from = Math.max(0, position - 10);
  return `${from > 0 ? '...' : ''}${text.slice(from, position + 10)}${position + 10 < text.length ? '...' : ''}`;
}
