import { TIME_INTERVAL_DEFAULT, type LrInputs, type ScheduleInputs } from '../cases/caseInputs';
import { pyFloat, type PyValue } from '../pyValue';

// update_lr and schedule_lr_decay written with the mistakes learners make in them.

export type LrDecayVariant =
  /** `learning_rate0 / 1 + decay_rate * epoch_num`: the division binds first. */
  | 'precedence'
  /** `learning_rate0 / (1 + decay_rate) * epoch_num`. */
  | 'precedence-epoch-outside'
  /** `round(epoch_num / time_interval)` instead of the floor. */
  | 'round'
  /** The interval's quotient without the floor: decays a little every epoch. */
  | 'no-floor'
  /** Decays only when epoch_num is a multiple of time_interval, else returns learning_rate0. */
  | 'only-on-multiples'
  /** schedule_lr_decay ignoring time_interval (update_lr's formula). */
  | 'ignores-interval'
  /** `learning_rate0 * exp(-decay_rate * epoch_num)` or `learning_rate0 / (1 + decay_rate) ** epoch_num` (the docstring says "exponential"). */
  | 'exponential'
  /** `np.ceil(epoch_num / time_interval)`: decays at the start of each interval. */
  | 'ceil';

/** Python's round(): halves to even. */
function pyRound(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export function lrDecayVariant(inputs: LrInputs | ScheduleInputs, variant: LrDecayVariant): PyValue[] {
  const { learningRate0: lr0, epochNum: epoch, decayRate: d } = inputs;
  const interval = inputs.fn === 'schedule_lr_decay' ? (inputs.timeInterval ?? TIME_INTERVAL_DEFAULT) : 1;
  const q = epoch / interval;
  switch (variant) {
    case 'precedence':
      return [pyFloat(lr0 / 1 + d * Math.floor(q)), pyFloat(lr0 / 1 + d * q)];
    case 'precedence-epoch-outside':
      return [pyFloat((lr0 / (1 + d)) * Math.floor(q)), pyFloat((lr0 / (1 + d)) * q)];
    case 'round':
      return inputs.fn === 'schedule_lr_decay' ? [pyFloat(lr0 / (1 + d * pyRound(q)))] : [];
    case 'no-floor':
      return inputs.fn === 'schedule_lr_decay' ? [pyFloat(lr0 / (1 + d * q))] : [];
    case 'only-on-multiples':
      return inputs.fn === 'schedule_lr_decay' ? [pyFloat(epoch % interval === 0 ? lr0 / (1 + d * q) : lr0)] : [];
    case 'ignores-interval':
      return inputs.fn === 'schedule_lr_decay' ? [pyFloat(lr0 / (1 + d * epoch))] : [];
    case 'exponential': {
      const n = inputs.fn === 'schedule_lr_decay' ? Math.floor(q) : epoch;
      return [pyFloat(lr0 * Math.exp(-d * n)), pyFloat(lr0 / (1 + d) ** n)];
    }
    case 'ceil':
      return inputs.fn === 'schedule_lr_decay' ? [pyFloat(lr0 / (1 + d * Math.ceil(q)))] : [];
  }
}
