import { NOTEBOOK_OPTIMIZER_IDS, OPTIMIZERS } from '../core/optimizers/registry';
import { LEARNING_RATE_DECAYS } from '../core/trainer/learningRateDecay';
import { CONFIG_PARAMETERS } from '../core/trainer/trainConfig';

export const MAIN_HELP = `optlab: train the "Optimization Methods" notebook's network from the command line

Usage:
  optlab train [options]            train with gd, momentum, adam, rmsprop, nesterov, adamw, amsgrad
                                    (default: the notebook's three + summary table)
  optlab dataset moons [options]    write the notebook's moons data set as CSV
  optlab check [options]            run the notebook's tests on your Python optimizer functions
  optlab --help | <command> --help

Exit codes: 0 ok, 1 failure, 2 usage error or unreadable input.
`;

const optionLine = (flag: string, text: string): string => `  ${flag.padEnd(24)} ${text}`;

/** The optimizer list, the config flags and the decay flag, from the registry and CONFIG_PARAMETERS. */
function trainOptions(): string {
  const ids = OPTIMIZERS.map((o) => o.id).join(', ');
  const lines = [
    optionLine('-o, --optimizer NAME', `${ids}; repeat or comma-separate for several`),
    optionLine('', `(default: ${NOTEBOOK_OPTIMIZER_IDS.join(', ')}, followed by the notebook's summary table)`),
    optionLine('-d, --dataset FILE|moons', 'data set: CSV (x1,...,xn,y; header optional), JSON {"X": [[...]], "Y": [[...]]},'),
    optionLine('', '.npz, .mat, or an .npy pair (train_X.npy + train_Y.npy) (default: moons)'),
  ];
  for (const p of CONFIG_PARAMETERS) {
    const flag = `${p.flag === 'epochs' ? '-e, ' : '    '}--${p.flag} ${p.kind === 'integer' ? 'N' : 'X'}`;
    lines.push(optionLine(flag, `${p.help.replace(/\.$/, '')} (${p.default})`));
  }
  lines.push(optionLine('    --decay KIND', `the course's learning-rate decay: ${LEARNING_RATE_DECAYS.join(', ')} (none)`));
  return lines.join('\n');
}

export const TRAIN_HELP = `Usage: optlab train [options]

Trains the notebook's model() (LINEAR->RELU->...->SIGMOID) with the given optimizers, one after
another, and prints what the notebook prints. Defaults are the notebook's (torch.optim's for the
hyperparameters of the optimizers the notebook does not have).

Options:
${trainOptions()}
      --layers L           layers_dims including the input size, e.g. 2,5,2,1 (features,5,2,1)
      --samples N          moons: number of examples (300)
      --noise X            moons: noise (0.2)
      --data-seed N        moons: np.random.seed before make_moons (3)
      --with FILE.py       train with YOUR functions from FILE.py (random_mini_batches, initialize_*,
                           update_parameters_with_*) beside the reference, and say where the two part;
                           without --optimizer: each of gd, momentum, adam whose update the file defines
      --python PATH        with --with: Python interpreter with numpy (python3)
      --time-limit S       with --with: seconds your run may take before it is stopped (600)
      --json               print one JSON object keyed by optimizer:
                           {"adam": {"accuracy", "costs", "printed_costs", "seconds"}}; with --with also
                           "reference" (the built-in run) and "departure" (null or where your run parts)
  -h, --help               this help

Examples:
  optlab train
  optlab train --optimizer adam --epochs 2000 --learning-rate 0.001
  optlab train --optimizer rmsprop,adamw --weight-decay 0.05
  optlab train -o gd -o momentum --mini-batch-size 1 --epochs 50 --json
  optlab train --optimizer adam --decay schedule_lr_decay --decay-rate 1 --decay-interval 1000
  optlab train --dataset data.csv --layers 2,8,4,1
  optlab train --with my_optimizers.py --optimizer adam
`;

export const DATASET_HELP = `Usage: optlab dataset moons [--out FILE] [--samples N] [--noise X] [--data-seed N]

Writes the notebook's moons data set (np.random.seed(data-seed); sklearn make_moons) as CSV with
the header x1,x2,y, one example per line. Without --out the CSV goes to standard output.

Options:
      --out FILE      file to write (- or no --out: standard output)
      --samples N     number of examples (300)
      --noise X       standard deviation of the Gaussian noise (0.2)
      --data-seed N   seed (3)
  -h, --help          this help
`;
