/**
 * `np.linspace(start, stop, num)` (endpoint included), computed as numpy does so that the values
 * agree bit for bit: `i * step + start` with `step = (stop - start) / (num - 1)`, the last set to `stop`.
 *
 * @example
 * linspace(0, 1, 5); // Float64Array [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, stop: number, num: number): Float64Array {
  if (!Number.isInteger(num) || num < 0) throw new RangeError(`Number of samples, ${num}, must be a non-negative integer`);
  const out = new Float64Array(num);
  const delta = stop - start;
  const div = num - 1;
  const step = delta / div;
  for (let i = 0; i < num; i++) {
    // numpy falls back to (i / div) * delta when the step underflows to zero.
    out[i] = (div > 0 && step === 0 ? (i / div) * delta : div > 0 ? i * step : i * delta) + start;
  }
  if (num > 1) out[num - 1] = stop;
  return out;
}
