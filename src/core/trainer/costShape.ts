/**
 * How much a cost curve goes up and down instead of down: 1 - |net change| / total variation of
 * the recorded costs (the path length, the sum of |c[i+1] - c[i]|). 0 for a curve that only
 * decreases, towards 1 for one that is mostly noise; scale-free, so runs with different costs
 * compare. The one oscillation metric of the product: the CLI's summary table, the panel's
 * comparison table and the run files all show this number. On the notebook's runs: about 0.95
 * for gradient descent and momentum, 0.92 for Adam (its curve is "smoother").
 *
 * @example
 * costOscillation([3, 2, 1]); // 0
 * costOscillation([0.7, 0.5, 0.6, 0.3]); // 1 - 0.4 / 0.6 = 0.333...
 */
export function costOscillation(costs: readonly number[]): number {
  if (costs.length < 2) return 0;
  let path = 0;
  for (let i = 1; i < costs.length; i++) path += Math.abs(costs[i]! - costs[i - 1]!);
  if (path === 0) return 0;
  return 1 - Math.abs(costs[costs.length - 1]! - costs[0]!) / path;
}

export type CostShape = 'smooth' | 'smoother' | 'oscillations';

/** A curve whose path is at most twice its descent (oscillation <= 0.5) is called smooth on its own. */
const SMOOTH_OSCILLATION = 0.5;
/** In a comparison, a curve whose path/descent ratio is at most this fraction of the roughest one's is "smoother". */
const SMOOTHER_FRACTION = 0.8;

/**
 * Words for the summary table from the costOscillation of runs compared side by side: "smooth"
 * when nearly monotone, "smoother" when clearly less oscillating than the roughest run, else
 * "oscillations". Compared as path/descent ratios, 1 / (1 - oscillation), which spread the
 * values near 1 apart.
 *
 * @example
 * describeCostShapes([0.95, 0.9487, 0.9167]); // ['oscillations', 'oscillations', 'smoother']
 */
export function describeCostShapes(oscillations: readonly number[]): CostShape[] {
  const ratios = oscillations.map((o) => 1 / (1 - o));
  const roughest = Math.max(...ratios.filter((r) => !Number.isNaN(r)));
  return oscillations.map((o, i) => {
    if (o <= SMOOTH_OSCILLATION) return 'smooth';
    if (oscillations.length > 1 && ratios[i]! <= SMOOTHER_FRACTION * roughest) return 'smoother';
    return 'oscillations';
  });
}
