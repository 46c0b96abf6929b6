// The notebook's optimizers a learner can train with their own functions, and the update function of each.

export type LearnerOptimizer = 'gd' | 'momentum' | 'adam';

export const UPDATE_FUNCTIONS: Readonly<Record<LearnerOptimizer, string>> = {
  gd: 'update_parameters_with_gd',
  momentum: 'update_parameters_with_momentum',
  adam: 'update_parameters_with_adam',
};

/**
 * The optimizers whose update function `source` defines at its top level, in the notebook's order.
 *
 * @example
 * definedUpdates('def update_parameters_with_adam(parameters, grads, v, s, t):\n    ...'); // ['adam']
 */
export function definedUpdates(source: string): LearnerOptimizer[] {
  return (Object.keys(UPDATE_FUNCTIONS) as LearnerOptimizer[]).filter((o) => new RegExp(`^def\\s+${UPDATE_FUNCTIONS[o]}\\s*\\(`, 'm').test(source));
}
