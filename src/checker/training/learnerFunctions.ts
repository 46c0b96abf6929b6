// The notebook's optimizers a learner can train with their own functions, and the update function of each.

export type LearnerOptimizer = 'gd' | 'momentum' | 'adam';

export const UPDATE_FUNCTIONS: Readonly<Record<LearnerOptimizer, string>> = {
  gd: 'update_parameters_with_gd',
  momentum: 'update_parameters_with_momentum',
  adam: 'update_parameters_with_adam',
};

/** Whether `id` names one of the notebook's optimizers, the ones a learner's own functions can train. */
export function isLearnerOptimizer(id: unknown): id is LearnerOptimizer {
  return typeof id === 'string' && Object.hasOwn(UPDATE_FUNCTIONS, id);
}

/** The function the notebook's model() calls to make the optimizer's state (gradient descent has none). */
export const INIT_FUNCTIONS = {
  momentum: 'initialize_velocity',
  adam: 'initialize_adam',
} as const satisfies Partial<Record<LearnerOptimizer, string>>;

/** Every function of the learner's that the notebook's model() calls to train with `optimizer`, in the order it calls them. */
export function loopFunctions(optimizer: LearnerOptimizer): string[] {
  return ['random_mini_batches', ...(optimizer === 'gd' ? [] : [INIT_FUNCTIONS[optimizer]]), UPDATE_FUNCTIONS[optimizer]];
}

const definesAtTopLevel = (source: string, name: string): boolean => new RegExp(`^def\\s+${name}\\s*\\(`, 'm').test(source);

/**
 * The optimizers whose update function `source` defines at its top level, in the notebook's order.
 *
 * @example
 * definedUpdates('def update_parameters_with_adam(parameters, grads, v, s, t):\n    ...'); // ['adam']
 */
export function definedUpdates(source: string): LearnerOptimizer[] {
  return (Object.keys(UPDATE_FUNCTIONS) as LearnerOptimizer[]).filter((o) => definesAtTopLevel(source, UPDATE_FUNCTIONS[o]));
}

/**
 * The functions training with `optimizer` needs that `source` does not define at its top level (the
 * trainer runs only the learner's own; it stops at the first one missing).
 *
 * @example
 * missingFunctions('def update_parameters_with_adam(parameters, grads, v, s, t):\n    ...', 'adam'); // ['random_mini_batches', 'initialize_adam']
 */
export function missingFunctions(source: string, optimizer: LearnerOptimizer): string[] {
  return loopFunctions(optimizer).filter((name) => !definesAtTopLevel(source, name));
}

/**
 * Why `file` cannot be trained with `optimizer`: every function of the loop it does not define, or undefined
 * when it defines them all. Said before anything trains (the trainer would stop at the first one missing).
 */
export function missingFunctionsMessage(file: string, source: string, optimizer: LearnerOptimizer): string | undefined {
  const missing = missingFunctions(source, optimizer);
  if (missing.length === 0) return undefined;
  return `${file} does not define ${listed(missing)}: training with your functions calls your ${listed(loopFunctions(optimizer))}, as the notebook's model() does.`;
}

/** "a", "a and b", "a, b and c". */
function listed(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
