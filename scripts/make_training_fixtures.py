#!/usr/bin/env python3
"""Writes test/fixtures/training/*.json: what numpy's training loop (scripts/numpy_model.py, on
scripts/numpy_reference.py) gives for a matrix of configurations, for the TypeScript trainer's tests.

  python3 scripts/make_training_fixtures.py           # the matrix and the three full default runs
  python3 scripts/make_training_fixtures.py --quick   # the matrix only (a few seconds)

Files:
  datasets.json  every data set used, {name: {"X": [[...]], "Y": [[...]]}}, so the tests do not
                 depend on the TypeScript moons generator (tested on its own)
  matrix.json    short runs across optimizers, learning rates, batch sizes (1, divisible, partial,
                 >= m), betas, epsilon, 2- to 4-layer networks, seeds and data sets; costs,
                 printed costs, accuracy and final parameters
  defaults.json  the notebook's three 10 000-epoch runs (gd, momentum, adam) with every default
  decay.json     the newer edition's learning-rate decay (update_lr, schedule_lr_decay) in model()
  saturation.json  runs whose outputs saturate to exactly 0 or 1 on examples of that class, so that the
                 notebook's cost is NaN (0 * log 0) at some epochs while training goes on; NaN written as null
"""

import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402
import numpy_model  # noqa: E402
import numpy_reference as ref  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "training")

DEFAULTS = dict(optimizer="adam", layersDims=[2, 5, 2, 1], learningRate=0.0007, miniBatchSize=64, beta=0.9,
                beta1=0.9, beta2=0.999, epsilon=1e-8, numEpochs=10000, seed=10, initSeed=3, recordEvery=100,
                printEvery=1000)
SHORT = dict(numEpochs=300, recordEvery=10, printEvery=100)


def case(name, dataset=(300, 0.2, 3), **overrides):
    return {"name": name, "dataset": dataset, "config": {**DEFAULTS, **SHORT, **overrides}}


MATRIX = [
    case("gd-defaults-short", optimizer="gd"),
    case("momentum-defaults-short", optimizer="momentum"),
    case("adam-defaults-short", optimizer="adam"),
    case("gd-lr0.05", optimizer="gd", learningRate=0.05),
    case("momentum-lr0.02-beta0.5", optimizer="momentum", learningRate=0.02, beta=0.5),
    case("momentum-beta0", optimizer="momentum", learningRate=0.01, beta=0.0),
    case("adam-lr0.01-b1-0.8-b2-0.99-eps1e-4", optimizer="adam", learningRate=0.01, beta1=0.8, beta2=0.99,
         epsilon=1e-4),
    case("adam-beta1-0", optimizer="adam", learningRate=0.005, beta1=0.0),
    case("gd-batch1", optimizer="gd", learningRate=0.01, miniBatchSize=1, numEpochs=12, recordEvery=1, printEvery=5),
    case("adam-batch1", optimizer="adam", learningRate=0.001, miniBatchSize=1, numEpochs=12, recordEvery=1,
         printEvery=5),
    case("momentum-batch100-divides-m", optimizer="momentum", learningRate=0.01, miniBatchSize=100),
    case("adam-batch300-equals-m", optimizer="adam", learningRate=0.01, miniBatchSize=300),
    case("gd-batch500-above-m", optimizer="gd", learningRate=0.1, miniBatchSize=500),
    case("adam-batch7", optimizer="adam", learningRate=0.003, miniBatchSize=7, numEpochs=60, recordEvery=3,
         printEvery=20),
    case("adam-layers-2-3-1", optimizer="adam", learningRate=0.01, layersDims=[2, 3, 1]),
    case("gd-layers-2-1", optimizer="gd", learningRate=0.5, layersDims=[2, 1]),
    case("momentum-layers-2-8-1", optimizer="momentum", learningRate=0.05, layersDims=[2, 8, 1]),
    case("adam-layers-2-6-4-3-1", optimizer="adam", learningRate=0.005, layersDims=[2, 6, 4, 3, 1]),
    case("adam-wide-generic-kernel", optimizer="adam", learningRate=0.002, layersDims=[2, 40, 30, 1], numEpochs=40,
         recordEvery=4, printEvery=20),
    case("adam-seed0-initseed7", optimizer="adam", learningRate=0.01, seed=0, initSeed=7),
    case("gd-moons200-noise0.3-seed7", dataset=(200, 0.3, 7), optimizer="gd", learningRate=0.1),
    case("adam-moons50-noise0.1-seed1", dataset=(50, 0.1, 1), optimizer="adam", learningRate=0.01),
    case("momentum-moons17-batch64-above-m", dataset=(17, 0.2, 3), optimizer="momentum", learningRate=0.05),
    case("adam-moons1", dataset=(1, 0.2, 3), optimizer="adam", learningRate=0.01, numEpochs=30, recordEvery=1,
         printEvery=10),
    case("adam-record7-print50", optimizer="adam", learningRate=0.01, numEpochs=120, recordEvery=7, printEvery=50),
    # Sizes the matrix kernel serves (src/core/kernels/matrixKernel.ts): wide, deep, odd widths, one hidden
    # unit, batch 1, m < batch, odd m, every optimizer.
    case("adam-matrix-2-64-64-1", optimizer="adam", learningRate=0.001, layersDims=[2, 64, 64, 1], numEpochs=30,
         recordEvery=3, printEvery=10),
    case("gd-matrix-2-33-17-1-batch7", optimizer="gd", learningRate=0.05, layersDims=[2, 33, 17, 1], miniBatchSize=7,
         numEpochs=10, recordEvery=1, printEvery=5),
    case("momentum-matrix-2-32-32-32-1", optimizer="momentum", learningRate=0.01, layersDims=[2, 32, 32, 32, 1],
         numEpochs=30, recordEvery=3, printEvery=10),
    case("adam-matrix-2-1-1", optimizer="adam", learningRate=0.01, layersDims=[2, 1, 1], numEpochs=50, recordEvery=5,
         printEvery=25),
    case("adam-matrix-2-50-1-batch1", optimizer="adam", learningRate=0.001, layersDims=[2, 50, 1], miniBatchSize=1,
         numEpochs=3, recordEvery=1, printEvery=2),
    case("momentum-matrix-moons17-2-40-1-batch64-above-m", dataset=(17, 0.2, 3), optimizer="momentum",
         learningRate=0.05, layersDims=[2, 40, 1], numEpochs=40, recordEvery=4, printEvery=20),
    case("adam-matrix-moons301-2-128-128-1", dataset=(301, 0.2, 5), optimizer="adam", learningRate=0.001,
         layersDims=[2, 128, 128, 1], numEpochs=10, recordEvery=1, printEvery=5),
    case("gd-matrix-moons3000-2-96-48-1", dataset=(3000, 0.2, 3), optimizer="gd", learningRate=0.05,
         layersDims=[2, 96, 48, 1], numEpochs=5, recordEvery=1, printEvery=2),
]

# Outputs that saturate on the right side of their labels: the cost is NaN at some epochs (numpy trains on).
# One network the unrolled kernel serves, one the matrix kernel serves.
SATURATION = [
    case("adam-saturates-2-10-10-1", dataset=(300, 0.1, 3), optimizer="adam", learningRate=0.05,
         layersDims=[2, 10, 10, 1], recordEvery=1),
    case("adam-saturates-2-16-16-1", dataset=(300, 0.1, 3), optimizer="adam", learningRate=0.01,
         layersDims=[2, 16, 16, 1], recordEvery=1),
]


def json_numbers(values):
    """NaN and infinities as null: JSON has no such numbers."""
    return [v if math.isfinite(v) else None for v in values]


def dataset_name(spec):
    samples, noise, seed = spec
    return "moons-%d-%s-%d" % (samples, repr(noise), seed)


def run(spec, config, with_parameters):
    X, Y = datasets_np[dataset_name(spec)]
    c = config
    r = numpy_model.train(X, Y, c["layersDims"], c["optimizer"], c["learningRate"], c["miniBatchSize"], c["beta"],
                          c["beta1"], c["beta2"], c["epsilon"], c["numEpochs"], c["seed"], c["initSeed"],
                          c["recordEvery"], c["printEvery"])
    out = {"dataset": dataset_name(spec), "config": c, "costs": r["costs"], "printed_costs": r["printed_costs"],
           "accuracy": r["accuracy"]}
    if with_parameters:
        out["parameters"] = r["parameters"]
    return out


datasets_np = {}


def main():
    quick = "--quick" in sys.argv
    os.makedirs(OUT, exist_ok=True)
    specs = {dataset_name(c["dataset"]): c["dataset"] for c in MATRIX + SATURATION}
    specs[dataset_name((300, 0.2, 3))] = (300, 0.2, 3)
    for name, (samples, noise, seed) in specs.items():
        datasets_np[name] = ref.load_dataset(samples, noise, seed)
    with open(os.path.join(OUT, "datasets.json"), "w") as f:
        json.dump({k: {"X": X.tolist(), "Y": Y.tolist()} for k, (X, Y) in sorted(datasets_np.items())}, f)
        f.write("\n")

    matrix = []
    for c in MATRIX:
        entry = run(c["dataset"], c["config"], with_parameters=True)
        matrix.append({"name": c["name"], **entry})
        print("%-40s accuracy %.4f" % (c["name"], entry["accuracy"]))
    with open(os.path.join(OUT, "matrix.json"), "w") as f:
        json.dump(matrix, f, indent=1)
        f.write("\n")

    saturation = []
    with np.errstate(divide="ignore", invalid="ignore"):
        for c in SATURATION:
            entry = run(c["dataset"], c["config"], with_parameters=False)
            entry["costs"] = json_numbers(entry["costs"])
            entry["printed_costs"] = json_numbers(entry["printed_costs"])
            saturation.append({"name": c["name"], **entry})
            print("%-40s accuracy %.4f, NaN costs %d" % (c["name"], entry["accuracy"], entry["costs"].count(None)))
    with open(os.path.join(OUT, "saturation.json"), "w") as f:
        json.dump(saturation, f, indent=1)
        f.write("\n")

    # The newer edition's model(decay=...): numpy's loop with update_lr / schedule_lr_decay each epoch.
    X, Y = datasets_np[dataset_name((300, 0.2, 3))]
    decay = {}
    for kind, rate, interval in (("update_lr", 0.01, 1000), ("schedule_lr_decay", 1.0, 100)):
        r = numpy_model.train(X, Y, [2, 5, 2, 1], "gd", 0.1, 64, num_epochs=300, record_every=10, print_every=100,
                              decay=kind, decay_rate=rate, time_interval=interval)
        decay[kind] = {"decay": kind, "decayRate": rate, "decayInterval": interval, "learningRate": 0.1,
                       "numEpochs": 300, "recordEvery": 10, "costs": r["costs"], "accuracy": r["accuracy"]}
    with open(os.path.join(OUT, "decay.json"), "w") as f:
        json.dump(decay, f, indent=1)
        f.write("\n")

    if not quick:
        defaults = {}
        for optimizer in ("gd", "momentum", "adam"):
            defaults[optimizer] = run((300, 0.2, 3), {**DEFAULTS, "optimizer": optimizer}, with_parameters=True)
            print("%-40s accuracy %.4f" % ("defaults " + optimizer, defaults[optimizer]["accuracy"]))
        with open(os.path.join(OUT, "defaults.json"), "w") as f:
            json.dump(defaults, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
