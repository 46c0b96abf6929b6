/**
 * How much a cost curve goes up and down instead of down: 1 - |net change| / total variation
 * of the recorded costs. 0 for a curve that only decreases (full-batch gradient descent with a
 * small step), near 1 for one that is mostly noise. Scale-free, so runs with different costs
 * compare; the notebook's mini-batch curves all oscillate, momentum and Adam less than plain GD.
 *
 * @example
 * costOscillation([3, 2, 1]); // 0
 * costOscillation([3, 1, 2, 1]); // 1 - 2 / 4 = 0.5
 */
export function costOscillation(costs: readonly number[]): number {
  if (costs.length < 3) return 0;
  let variation = 0;
  for (let i = 1; i < costs.length; i++) variation += Math.abs(costs[i]! - costs[i - 1]!);
  if (variation === 0) return 0;
  return 1 - Math.abs(costs[costs.length - 1]! - costs[0]!) / variation;
}

/** "94.0%", as the comparison table shows an accuracy. */
export function formatAccuracy(accuracy: number): string {
  return `${(accuracy * 100).toFixed(1)}%`;
}
