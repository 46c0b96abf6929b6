// Run metrics both webviews and the extension show. The oscillation is the core's costOscillation
// (src/core/trainer/costShape.ts), the one metric the CLI's summary table shows too.
export { costOscillation } from '../core/trainer/costShape';

/** "94.0%", as the comparison table shows an accuracy. */
export function formatAccuracy(accuracy: number): string {
  return `${(accuracy * 100).toFixed(1)}%`;
}
