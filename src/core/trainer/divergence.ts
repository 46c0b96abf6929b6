import { optimizer } from '../optimizers/registry';
import type { TrainConfig } from './trainConfig';

/**
 * The likely reason a run's cost became NaN or infinite, in one sentence for the learner: the
 * first of these that fits — a tiny epsilon, momentum that never forgets, weight decay past 1/lr,
 * inputs far from unit scale — else a learning rate too large for this optimizer.
 *
 * @example
 * divergenceCause({ ...defaultTrainConfig('adam'), learningRate: 1e6 }, 1.5);
 * // 'the learning rate 1000000 is too large for Adam: its steps move every weight by about the learning rate, ...'
 */
export function divergenceCause(config: TrainConfig, largestFeature: number): string {
  const def = optimizer(config.optimizer);
  const uses = (key: string): boolean => (def.hyperparameters as readonly string[]).includes(key);
  const lr = config.learningRate;
  if (uses('epsilon') && config.epsilon < 1e-12) {
    return `epsilon ${config.epsilon} is too small: where the second moment is near 0, ${def.title} divides its step by almost 0; the notebook uses 1e-8`;
  }
  if (uses('beta') && config.beta >= 1) {
    return `beta ${config.beta} never forgets: the velocity adds every gradient without decay and grows without bound; use a beta below 1 (the notebook: 0.9)`;
  }
  if (uses('weightDecay') && lr * config.weightDecay > 2) {
    return `learning rate × weight decay is ${lr * config.weightDecay}: each step multiplies every weight by ${1 - lr * config.weightDecay}, which grows them without bound; keep it below 1`;
  }
  if (largestFeature > 1e3) {
    return `the data set's features reach ${largestFeature.toPrecision(3)}: scale them to about unit size (or use a much smaller learning rate)`;
  }
  const adaptive = uses('epsilon');
  const hint = adaptive
    ? `its steps move every weight by about the learning rate, so ${lr} pushes the weights out of range within a few updates; try 0.0007–0.01`
    : 'its steps are the learning rate times the gradient, and at this size each one overshoots by more than the last; try a learning rate 10–100 times smaller';
  return `the learning rate ${lr} is too large for ${def.title}: ${hint}`;
}

/**
 * A warning when a run learned nothing useful: its accuracy is the majority class's share, which
 * a model predicting one class for every example gets. Undefined otherwise (and for several outputs).
 *
 * @example
 * majorityClassWarning(0.5, Float64Array.of(0, 1, 0, 1), 1); // 'accuracy 50% is the majority-class rate: ...'
 */
export function majorityClassWarning(accuracy: number, yt: Float64Array, outputs: number): string | undefined {
  if (outputs !== 1 || yt.length === 0) return undefined;
  let ones = 0;
  for (const y of yt) ones += y;
  const majority = Math.max(ones, yt.length - ones) / yt.length;
  if (Math.abs(accuracy - majority) > 0.5 / yt.length) return undefined;
  return `accuracy ${(accuracy * 100).toFixed(1)}% is the majority-class rate: the model probably predicts one class for every example`;
}
