// What python/optlab_train.py sends: the learner's run of the notebook's model() loop, line by line.

/** An array as the trainer sends it; `__type__` when the learner's value was not an array. */
export type PlainArray = { shape: number[]; data: (number | null)[] } | { __type__: string };
/** A dictionary of arrays (parameters, v, s) by key; `__type__` when it was not a dictionary. */
export type PlainDict = Record<string, PlainArray> | { __type__: string };

export interface InitMessage {
  type: 'init';
  v: PlainDict | null;
  s: PlainDict | null;
  /** v and s are one dictionary, or share arrays: the learner's initialize_adam tied them together. */
  aliasing: 'same-dict' | 'shared-arrays' | null;
}

/** After each of the first mini-batch steps. */
export interface StepMessage {
  type: 'step';
  epoch: number;
  miniBatch: number;
  t: number;
  cost: number | null;
  parameters: PlainDict;
  v: PlainDict | null;
  s: PlainDict | null;
}

/** Every recordEvery epochs. */
export interface RecordMessage {
  type: 'record';
  epoch: number;
  cost: number | null;
  learningRate: number;
  /** Absent when the job asked for none (LearnerJob.recordParameters). */
  parameters?: PlainDict;
}

export interface DivergedMessage {
  type: 'diverged';
  epoch: number;
  cost: number | null;
}

export interface DoneMessage {
  type: 'done';
  costs: (number | null)[];
  printedCosts: (number | null)[];
  recordEpochs: number[];
  seconds: number;
  accuracy: number;
  parameters: PlainDict;
}

/** The learner's code raised (or a graded function is missing): which function, the line, the message. */
export interface FailedMessage {
  type: 'failed';
  function?: string | null;
  message: string;
  line?: number | null;
  traceback?: string;
  epoch?: number;
  miniBatch?: number;
}

export type LearnerTrainMessage = InitMessage | StepMessage | RecordMessage | DivergedMessage | DoneMessage | FailedMessage;

const TYPES = new Set(['init', 'step', 'record', 'diverged', 'done', 'failed']);

/** Narrows a parsed line; anything else (never sent by the trainer) is dropped by the caller. */
export function isLearnerTrainMessage(value: unknown): value is LearnerTrainMessage {
  return typeof value === 'object' && value !== null && TYPES.has((value as { type?: unknown }).type as string);
}
