import { formatCount } from './datasetLimits';

/**
 * Sizes a training run may ask for, checked before anything is allocated: `--layers 2,50000,50000,1`
 * ended in "Invalid typed array length" after 6 GB. Far above the notebook's 2,5,2,1 for 10,000 epochs.
 */
export const NETWORK_LIMITS = {
  maxUnitsPerLayer: 10_000,
  /** Weights and biases of all layers; 10 million doubles is 80 MB, and the optimizers keep two more copies. */
  maxParameters: 10_000_000,
  /** Units of all layers but the input, times the examples: the activations of one pass over the whole set (400 MB). */
  maxActivations: 50_000_000,
  maxEpochs: 1_000_000,
} as const;

/**
 * What is too large about a network's layer sizes (input first), or undefined when it fits.
 *
 * @example
 * networkSizeProblem([2, 50000, 50000, 1]); // 'layer 1 has 50,000 units, the limit is 10,000'
 */
export function networkSizeProblem(layers: readonly number[]): string | undefined {
  const wide = layers.findIndex((n) => n > NETWORK_LIMITS.maxUnitsPerLayer);
  if (wide >= 0) {
    const which = wide === 0 ? 'the input layer' : `layer ${wide}`;
    return `${which} has ${formatCount(layers[wide]!)} units, the limit is ${formatCount(NETWORK_LIMITS.maxUnitsPerLayer)}`;
  }
  let parameters = 0;
  for (let l = 1; l < layers.length; l++) parameters += layers[l]! * (layers[l - 1]! + 1);
  if (parameters > NETWORK_LIMITS.maxParameters) {
    return `${formatCount(parameters)} weights and biases, the limit is ${formatCount(NETWORK_LIMITS.maxParameters)}`;
  }
  return undefined;
}

/**
 * What is too large about training a network on `examples` examples, or undefined when it fits.
 *
 * @example
 * trainingSizeProblem([2, 5000, 5000, 1], 300000); // '10,001 units x 300,000 examples = ... activations, the limit is 50,000,000'
 */
export function trainingSizeProblem(layers: readonly number[], examples: number): string | undefined {
  const network = networkSizeProblem(layers);
  if (network !== undefined) return network;
  const units = layers.slice(1).reduce((a, b) => a + b, 0);
  if (units * examples > NETWORK_LIMITS.maxActivations) {
    return (
      `${formatCount(units)} units x ${formatCount(examples)} examples = ${formatCount(units * examples)} activations, ` +
      `the limit is ${formatCount(NETWORK_LIMITS.maxActivations)}; use fewer units or a sample of the data`
    );
  }
  return undefined;
}
