/** Python's `'%f' % x`: six decimals, and nan/inf spelled as Python spells them. */
export function formatPercentF(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return x.toFixed(6);
}

/** An accuracy as the notebook's summary table writes it: 79.7%, 94%. */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1).replace(/\.0$/, '')}%`;
}
