import { capForMessage } from '../core/data/capForMessage';
import { DATASET_LIMITS, formatCount } from '../core/data/datasetLimits';
import { NETWORK_LIMITS, networkSizeProblem } from '../core/data/networkLimits';
import { UsageError } from './usageError';

const MAX_SEED = 0xffffffff;

/**
 * Ranges of the integer flags, checked as they are parsed so that the message names the flag
 * that is wrong: `--epochs 4294967296` used to pass here and fail the core's check on --seed
 * (seed + epochs must stay a 32-bit seed). Flags not listed are checked by the core's validation.
 */
const INTEGER_RANGES: Readonly<Record<string, readonly [min: number, max: number]>> = {
  '--epochs': [1, NETWORK_LIMITS.maxEpochs],
  '--mini-batch-size': [1, DATASET_LIMITS.maxExamples],
  '--seed': [-1, MAX_SEED],
  '--init-seed': [0, MAX_SEED],
  '--samples': [1, DATASET_LIMITS.maxExamples],
};

/** A finite number from a flag's text, or a UsageError naming the flag. */
export function parseNumberFlag(flag: string, text: string): number {
  const value = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) throw new UsageError(`${flag} expects a number, got '${capForMessage(text)}'`);
  return value;
}

/** An integer from a flag's text, within the flag's range when it has one, or a UsageError naming the flag. */
export function parseIntegerFlag(flag: string, text: string): number {
  const value = text.trim() === '' ? NaN : Number(text);
  if (!Number.isSafeInteger(value)) throw new UsageError(`${flag} expects an integer, got '${capForMessage(text)}'`);
  const range = INTEGER_RANGES[flag];
  if (range !== undefined && (value < range[0] || value > range[1])) {
    throw new UsageError(`${flag} must be an integer between ${formatCount(range[0])} and ${formatCount(range[1])}, got ${value}`);
  }
  return value;
}

/** A comma-separated list of positive integers such as `2,5,2,1`, no larger than NETWORK_LIMITS allow. */
export function parseLayersFlag(flag: string, text: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  const layers = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  if (layers.length < 2 || layers.some((n) => !Number.isSafeInteger(n) || n < 1)) {
    throw new UsageError(`${flag} expects at least two positive integers separated by commas (like 2,5,2,1), got '${capForMessage(text)}'`);
  }
  const tooLarge = networkSizeProblem(layers);
  if (tooLarge !== undefined) throw new UsageError(`${flag} ${capForMessage(text)} is too large: ${tooLarge}`);
  return layers;
}
