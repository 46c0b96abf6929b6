#!/usr/bin/env python3
"""The notebook's model() from the command line, in numpy: the speed and numbers reference for
the TypeScript trainer (src/core/training/trainer.ts).

It trains with scripts/numpy_reference.py's model(), passing the knobs the TypeScript
TrainConfig has (init seed, record and print periods). `seconds` times model().

  python3 scripts/numpy_model.py --optimizer adam --json
  python3 scripts/numpy_model.py --dataset data.csv --layers 2,5,2,1 --epochs 100
"""

import argparse
import csv
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy_reference as ref  # noqa: E402


def train(X, Y, layers_dims, optimizer, learning_rate=0.0007, mini_batch_size=64, beta=0.9, beta1=0.9,
          beta2=0.999, epsilon=1e-8, num_epochs=10000, seed=10, init_seed=3, record_every=100, print_every=1000,
          alpha=0.99, weight_decay=0.01, decay=None, decay_rate=1, time_interval=1000):
    """ref.model() timed, as a dict. The times also hold model()'s initialization and final predict,
    which take well under a millisecond next to the epoch loop's seconds."""
    started = time.perf_counter()
    started_cpu = time.process_time()
    parameters, costs, printed_costs, accuracy = ref.model(
        X, Y, layers_dims, optimizer, learning_rate, mini_batch_size, beta, beta1, beta2, epsilon, num_epochs, seed,
        init_seed, record_every, print_every, alpha, weight_decay, decay, decay_rate, time_interval)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - started_cpu
    return {
        "accuracy": accuracy,
        "costs": costs,
        "printed_costs": printed_costs,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "parameters": {k: v.tolist() for k, v in parameters.items()},
    }


def blas_info():
    """Which OpenBLAS numpy loaded and the CPU kernel it picked (what threadpoolctl reports), read
    through OpenBLAS's own C API. OPENBLAS_CORETYPE forces an older, slower kernel: the benchmark
    runs this script without it, and this says which kernel actually ran."""
    import ctypes
    try:
        with open("/proc/self/maps") as f:
            paths = sorted({line.split()[-1] for line in f if "openblas" in line.lower() and "/" in line})
    except OSError:
        return {}
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        # Plain OpenBLAS, or numpy's wheel build (scipy-openblas64) with prefixed, suffixed names.
        for prefix, suffix in (("", ""), ("scipy_", "64_"), ("scipy_", "")):
            try:
                corename = getattr(lib, prefix + "openblas_get_corename" + suffix)
                threads = getattr(lib, prefix + "openblas_get_num_threads" + suffix)
            except AttributeError:
                continue
            corename.restype = ctypes.c_char_p
            return {"library": os.path.basename(path), "corename": corename().decode(), "threads": threads(),
                    "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE")}
    return {}


def read_csv(path):
    """x1,...,xn,y rows, header optional: X (n, m) and Y (1, m) as the notebook shapes them."""
    with open(path, newline="") as f:
        rows = [r for r in csv.reader(f) if r]
    try:
        [float(c) for c in rows[0]]
    except ValueError:
        rows = rows[1:]
    data = np.array([[float(c) for c in r] for r in rows], dtype=np.float64)
    return data[:, :-1].T.copy(), data[:, -1:].T.copy()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--optimizer", choices=["gd", "momentum", "adam", "rmsprop", "nesterov", "adamw", "amsgrad"], default="adam")
    p.add_argument("--layers", default=None, help="comma-separated layers_dims (default: features,5,2,1)")
    p.add_argument("--learning-rate", type=float, default=0.0007)
    p.add_argument("--mini-batch-size", type=int, default=64)
    p.add_argument("--beta", type=float, default=0.9)
    p.add_argument("--beta1", type=float, default=0.9)
    p.add_argument("--beta2", type=float, default=0.999)
    p.add_argument("--epsilon", type=float, default=1e-8)
    p.add_argument("--alpha", type=float, default=0.99, help="RMSProp's alpha")
    p.add_argument("--weight-decay", type=float, default=0.01, help="AdamW's weight decay")
    p.add_argument("--decay", choices=["update_lr", "schedule_lr_decay"], default=None)
    p.add_argument("--decay-rate", type=float, default=1)
    p.add_argument("--decay-interval", type=int, default=1000)
    p.add_argument("--epochs", type=int, default=10000)
    p.add_argument("--seed", type=int, default=10, help="mini-batch seed, incremented before each epoch")
    p.add_argument("--init-seed", type=int, default=3)
    p.add_argument("--record-every", type=int, default=100)
    p.add_argument("--print-every", type=int, default=1000)
    p.add_argument("--samples", type=int, default=300)
    p.add_argument("--noise", type=float, default=0.2)
    p.add_argument("--data-seed", type=int, default=3)
    p.add_argument("--dataset", default=None, help="CSV x1,...,xn,y instead of the moons")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--parameters", action="store_true", help="include the final parameters in --json")
    a = p.parse_args(argv)

    if a.dataset:
        X, Y = read_csv(a.dataset)
    else:
        X, Y = ref.load_dataset(a.samples, a.noise, a.data_seed)
    layers = [int(n) for n in a.layers.split(",")] if a.layers else [X.shape[0], 5, 2, 1]
    result = train(X, Y, layers, a.optimizer, a.learning_rate, a.mini_batch_size, a.beta, a.beta1, a.beta2,
                   a.epsilon, a.epochs, a.seed, a.init_seed, a.record_every, a.print_every, a.alpha, a.weight_decay,
                   a.decay, a.decay_rate, a.decay_interval)
    if a.json:
        if not a.parameters:
            del result["parameters"]
        result["numpy_version"] = np.__version__
        result["blas"] = blas_info()
        print(json.dumps(result))
    else:
        for i, c in enumerate(result["printed_costs"]):
            print("Cost after epoch %i: %f" % (i * a.print_every, c))
        print("Accuracy: " + str(result["accuracy"]))
        print("Training loop: %.3f s (numpy %s)" % (result["seconds"], np.__version__))


if __name__ == "__main__":
    main()
