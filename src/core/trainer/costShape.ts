/**
 * How much a cost curve wiggles on its way down: the path length (total variation, the sum of
 * |c[i+1] - c[i]|) divided by the net descent |c[last] - c[0]|. 1 for a monotone curve; 20 means
 * the curve travels twenty times as far as it descends. The notebook's summary table calls gradient
 * descent's and momentum's curves "oscillations" and Adam's "smoother"; this is the number behind
 * those words (on the notebook's runs: about 20 for gd and momentum, 12 for Adam).
 *
 * @example
 * oscillationRatio([0.7, 0.5, 0.6, 0.3]); // (0.2 + 0.1 + 0.3) / 0.4 = 1.5
 */
export function oscillationRatio(costs: readonly number[]): number {
  if (costs.length < 2) return 1;
  let path = 0;
  for (let i = 1; i < costs.length; i++) path += Math.abs(costs[i]! - costs[i - 1]!);
  const net = Math.abs(costs[costs.length - 1]! - costs[0]!);
  if (path === 0) return 1;
  return net === 0 ? Infinity : path / net;
}

export type CostShape = 'smooth' | 'smoother' | 'oscillations';

/** A curve whose path is at most this many times its descent is called smooth on its own. */
const SMOOTH_RATIO = 2;
/** In a comparison, a curve at most this fraction of the roughest one's ratio is "smoother". */
const SMOOTHER_FRACTION = 0.8;

/**
 * Words for the summary table from oscillation ratios of runs compared side by side: "smooth"
 * when nearly monotone, "smoother" when clearly less oscillating than the roughest run, else
 * "oscillations".
 *
 * @example
 * describeCostShapes([20, 19.5, 12]); // ['oscillations', 'oscillations', 'smoother']
 */
export function describeCostShapes(ratios: readonly number[]): CostShape[] {
  const roughest = Math.max(...ratios.filter((r) => !Number.isNaN(r)));
  return ratios.map((r) => {
    if (r <= SMOOTH_RATIO) return 'smooth';
    if (ratios.length > 1 && r <= SMOOTHER_FRACTION * roughest) return 'smoother';
    return 'oscillations';
  });
}
