// The 2021 and v1.4 editions' learning-rate decay, as the checker's reference (the trainer has its own).

/** `update_lr`: the learning rate after `epochNum` epochs of decay, `lr0 / (1 + decay_rate * epoch_num)`. */
export function updateLr(learningRate0: number, epochNum: number, decayRate: number): number {
  return learningRate0 / (1 + decayRate * epochNum);
}

/** `schedule_lr_decay`: the same decay applied once per `timeInterval` epochs, `lr0 / (1 + decay_rate * floor(epoch_num / time_interval))`. */
export function scheduleLrDecay(learningRate0: number, epochNum: number, decayRate: number, timeInterval: number): number {
  return learningRate0 / (1 + decayRate * Math.floor(epochNum / timeInterval));
}
