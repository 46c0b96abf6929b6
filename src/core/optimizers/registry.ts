import { adam } from './adam';
import { adamw } from './adamW';
import { amsgrad } from './amsgrad';
import { gd } from './gd';
import { momentum } from './momentum';
import { nesterov } from './nesterov';
import type { OptimizerDefinition } from './optimizer';
import { rmsprop } from './rmsprop';

/**
 * Every optimizer, in the order pickers, help and tables list them: the notebook's three first.
 * The single list everything else derives from (see optimizer.ts).
 */
const ALL = [gd, momentum, adam, rmsprop, nesterov, adamw, amsgrad] as const satisfies readonly OptimizerDefinition[];

/** 'gd' | 'momentum' | 'adam' | 'rmsprop' | 'nesterov' | 'adamw' | 'amsgrad'. */
export type OptimizerId = (typeof ALL)[number]['id'];

export const OPTIMIZERS: readonly (OptimizerDefinition & { readonly id: OptimizerId })[] = ALL;

export const OPTIMIZER_IDS: readonly OptimizerId[] = OPTIMIZERS.map((o) => o.id);

/** The notebook's three, which Compare Optimizers and `optlab train` run when not told otherwise. */
export const NOTEBOOK_OPTIMIZER_IDS: readonly OptimizerId[] = OPTIMIZERS.filter((o) => o.notebook).map((o) => o.id);

/**
 * Whether `id` names an optimizer (narrows a string read from a flag, a setting or a file).
 *
 * @example
 * [isOptimizerId('adam'), isOptimizerId('sgd')]; // [true, false]
 */
export function isOptimizerId(id: unknown): id is OptimizerId {
  return typeof id === 'string' && (OPTIMIZER_IDS as readonly string[]).includes(id);
}

/** The definition of `id`; throws a RangeError listing the ids for anything else. */
export function optimizer(id: string): OptimizerDefinition & { readonly id: OptimizerId } {
  const found = OPTIMIZERS.find((o) => o.id === id);
  if (found === undefined) throw new RangeError(`optimizer must be one of ${OPTIMIZER_IDS.join(', ')}, got '${id}'`);
  return found;
}

/** "Train with Gradient Descent": the palette title of an optimizer's train command (title case, as VS Code's commands). */
export function trainCommandTitle(id: OptimizerId): string {
  return `Train with ${optimizer(id).title.replace(/\b[a-z]/g, (c) => c.toUpperCase())}`;
}

/** "Train with Adam" is `optimizationLab.trainAdam`: the command of each optimizer. */
export function trainCommandId<Id extends OptimizerId>(id: Id): `optimizationLab.train${Capitalize<Id>}` {
  return `optimizationLab.train${id.charAt(0).toUpperCase()}${id.slice(1)}` as `optimizationLab.train${Capitalize<Id>}`;
}
