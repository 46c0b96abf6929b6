export const MAIN_HELP = `optlab: train the "Optimization Methods" notebook's network from the command line

Usage:
  optlab train [options]            train with gd, momentum and/or adam (default: all three + summary table)
  optlab dataset moons [options]    write the notebook's moons data set as CSV
  optlab check [options]            run the notebook's tests on your Python optimizer functions
  optlab --help | <command> --help

Exit codes: 0 ok, 1 failure, 2 usage error or unreadable input.
`;

export const TRAIN_HELP = `Usage: optlab train [options]

Trains the notebook's model() (LINEAR->RELU->...->SIGMOID) with the given optimizers, one after
another, and prints what the notebook prints. Defaults are the notebook's.

Options:
  -o, --optimizer NAME     gd, momentum or adam; repeat or comma-separate for several
                           (default: all three, followed by the notebook's summary table)
  -d, --dataset FILE|moons data set: CSV (x1,...,xn,y; header optional), JSON {"X": [[...]], "Y": [[...]]},
                           .npz, .mat, or an .npy pair (train_X.npy + train_Y.npy) (default: moons)
  -e, --epochs N           number of epochs (10000)
      --learning-rate X    learning rate (0.0007)
      --mini-batch-size N  mini-batch size (64)
      --beta X             momentum beta (0.9)
      --beta1 X            Adam beta1 (0.9)
      --beta2 X            Adam beta2 (0.999)
      --epsilon X          Adam epsilon (1e-8)
      --layers L           layers_dims including the input size, e.g. 2,5,2,1 (features,5,2,1)
      --seed N             mini-batch seed, incremented before each epoch (10)
      --init-seed N        initialize_parameters seed (3)
      --record-every N     record the cost every N epochs (100)
      --print-every N      print "Cost after epoch i" every N epochs (1000)
      --samples N          moons: number of examples (300)
      --noise X            moons: noise (0.2)
      --data-seed N        moons: np.random.seed before make_moons (3)
      --json               print one JSON object keyed by optimizer:
                           {"adam": {"accuracy", "costs", "printed_costs", "seconds"}}
  -h, --help               this help

Examples:
  optlab train
  optlab train --optimizer adam --epochs 2000 --learning-rate 0.001
  optlab train -o gd -o momentum --mini-batch-size 1 --epochs 50 --json
  optlab train --dataset data.csv --layers 2,8,4,1
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
