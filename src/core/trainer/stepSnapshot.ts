/** One tensor of a step: a parameter's gradient, a state buffer, a corrected moment, or the step applied. */
export interface StepTensor {
  /** 'dW1', 'v', 's', 'v_corrected', 's_corrected', 'sMax', 'step'. */
  label: string;
  data: number[];
}

/** One parameter (W1, b1, ...) and every tensor of its last update. */
export interface StepParameter {
  name: string;
  rows: number;
  cols: number;
  tensors: StepTensor[];
}

/** Where a stepped run is and what its last mini-batch did (TrainingRun.step). */
export interface StepSnapshot {
  /** Epoch of the last update (from 0), its mini-batch (from 0) and how many the epoch has. */
  epoch: number;
  miniBatch: number;
  miniBatches: number;
  /** The seed this epoch shuffled with (the notebook's seed + epoch + 1). */
  seed: number;
  /** Updates so far (Adam's t). */
  t: number;
  learningRate: number;
  /** The mini-batch's cost before its update. */
  cost: number;
  /** Indices (into the data set) of the mini-batch's examples. */
  examples: number[];
  parameters: StepParameter[];
  /** Whether every epoch is done. */
  finished: boolean;
}
