import { UsageError } from './usageError';

/** A finite number from a flag's text, or a UsageError naming the flag. */
export function parseNumberFlag(flag: string, text: string): number {
  const value = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) throw new UsageError(`${flag} expects a number, got '${text}'`);
  return value;
}

/** An integer from a flag's text, or a UsageError naming the flag. */
export function parseIntegerFlag(flag: string, text: string): number {
  const value = text.trim() === '' ? NaN : Number(text);
  if (!Number.isSafeInteger(value)) throw new UsageError(`${flag} expects an integer, got '${text}'`);
  return value;
}

/** A comma-separated list of positive integers such as `2,5,2,1`. */
export function parseLayersFlag(flag: string, text: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  const layers = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  if (layers.length < 2 || layers.some((n) => !Number.isSafeInteger(n) || n < 1)) {
    throw new UsageError(`${flag} expects at least two positive integers separated by commas (like 2,5,2,1), got '${text}'`);
  }
  return layers;
}
