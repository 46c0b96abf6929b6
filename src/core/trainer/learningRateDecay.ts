/**
 * Learning-rate decay as the newer edition of the course teaches it: its `model()` sets
 * `learning_rate = decay(learning_rate0, epoch_num, decay_rate)` at the start of every epoch with
 * one of two graded functions.
 */
export type LearningRateDecay = 'none' | 'update_lr' | 'schedule_lr_decay';

export const LEARNING_RATE_DECAYS: readonly LearningRateDecay[] = ['none', 'update_lr', 'schedule_lr_decay'];

export function isLearningRateDecay(value: unknown): value is LearningRateDecay {
  return typeof value === 'string' && (LEARNING_RATE_DECAYS as readonly string[]).includes(value);
}

/**
 * The course's `update_lr` (every epoch) or `schedule_lr_decay` (every `timeInterval` epochs),
 * with its operations in the same order so the numbers equal numpy's.
 *
 * @example
 * decayedLearningRate('update_lr', 0.5, 2, 1); // 0.5 / (1 + 1 * 2) = 0.16666666666666666
 * decayedLearningRate('schedule_lr_decay', 0.5, 100, 1, 100); // 0.5 / (1 + 1 * floor(100 / 100)) = 0.25
 */
export function decayedLearningRate(decay: LearningRateDecay, learningRate0: number, epochNum: number, decayRate: number, timeInterval = 1000): number {
  switch (decay) {
    case 'none':
      return learningRate0;
    case 'update_lr':
      return learningRate0 / (1 + decayRate * epochNum);
    case 'schedule_lr_decay':
      return learningRate0 / (1 + decayRate * Math.floor(epochNum / timeInterval));
    default: {
      const never: never = decay;
      throw new RangeError(`unknown learning-rate decay ${String(never)}`);
    }
  }
}
