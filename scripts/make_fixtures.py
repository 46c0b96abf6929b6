"""Writes test/fixtures/numpy/*.json: numbers made by numpy itself for the TypeScript core's tests.

Run from the repository root: python3 scripts/make_fixtures.py  (needs numpy only; if
scikit-learn is importable, the moons are also checked against sklearn.datasets.make_moons).
"""

import json
import math
import os
import platform
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy_reference as ref  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "numpy")
SEEDS = [0, 1, 3, 42, 2**32 - 1]


def mat(a):
    return np.asarray(a, dtype=np.float64).tolist()


def dicts(d):
    return {k: mat(v) for k, v in d.items()}


def write(name, payload):
    payload = {"generated_by": "scripts/make_fixtures.py", "numpy": np.__version__, **payload}
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(payload, f, separators=(",", ":"))
        f.write("\n")


def random_streams():
    """Replayable call sequences on the legacy generator; each step is op, args, values."""
    streams = []
    for seed in SEEDS:
        np.random.seed(seed)
        steps = []

        def step(op, args, values):
            steps.append({"op": op, "args": args, "values": np.asarray(values).ravel().tolist()})

        step("rand", [5], np.random.rand(5))
        step("randn", [3], np.random.randn(3))  # odd: the second normal of a pair stays cached
        step("rand", [2], np.random.rand(2))  # uniforms leave the cached normal alone
        step("randn", [1], np.random.randn(1))  # ... which comes out here
        step("randn", [2, 3], np.random.randn(2, 3))
        step("normal", [1.5, 0.3, 5], np.random.normal(1.5, 0.3, 5))
        for n in [1, 2, 3, 10, 148, 300]:
            step("permutation", [n], np.random.permutation(n))
        a = np.arange(7)
        np.random.shuffle(a)
        step("shuffleArange", [7], a)
        step("randn", [1], np.random.randn(1))
        np.random.seed(seed)  # reseeding must drop the cached normal
        step("seed", [seed], [])
        step("randn", [5], np.random.randn(5))
        step("rand", [200], np.random.rand(200))
        step("randn", [201], np.random.randn(201))
        streams.append({"seed": seed, "steps": steps})
    return {"streams": streams}


MOONS_CASES = [(300, 0.2, 3), (301, 0.1, 0), (1, 0.2, 1), (2, 0.3, 5), (7, 0.05, 2**32 - 1), (150, 0.3, 42), (5, 0.0, 9)]


def moons():
    linspaces = []
    for start, stop, num in [(0, np.pi, 0), (0, np.pi, 1), (0, np.pi, 2), (0, np.pi, 3), (0, np.pi, 150), (0, np.pi, 151),
                             (-1, 1, 5), (2.5, -3, 7), (0, 1e-320, 3)]:
        linspaces.append({"start": start, "stop": stop, "num": num, "values": np.linspace(start, stop, num).tolist()})
    cases = []
    checked = None
    try:
        import sklearn
        import sklearn.datasets
        checked = sklearn.__version__
    except ImportError:
        pass
    for n, noise, seed in MOONS_CASES:
        X, Y = ref.load_dataset(n, noise, seed)
        if checked:
            np.random.seed(seed)
            Xs, ys = sklearn.datasets.make_moons(n_samples=n, noise=noise)
            assert np.array_equal(Xs.T, X) and np.array_equal(ys, Y[0]), (n, noise, seed)
        cases.append({"n": n, "noise": noise, "seed": seed, "X": mat(X), "Y": mat(Y)})
    return {"checked_against_sklearn": checked, "linspace": linspaces, "moons": cases}


def batches_payload(batches, full):
    out = []
    for bx, by in batches:
        item = {"X_shape": list(bx.shape), "Y_shape": list(by.shape)}
        if full:
            item.update(X=mat(bx), Y=mat(by))
        else:
            item.update(X_sum=float(bx.sum()), X_sum_squares=float((bx * bx).sum()), Y=mat(by),
                        X_samples=[[i, j, float(bx[i, j])] for i, j in [(0, 0), (0, 1), (0, 2), (1, 0), (12287, bx.shape[1] - 1), (5000, 7)]])
        out.append(item)
    return out


def mini_batches():
    X, Y, size = ref.random_mini_batches_test_case()
    Y = Y.astype(np.float64)
    notebook = {
        "X_shape": list(X.shape), "X_sum": float(X.sum()), "X_sum_squares": float((X * X).sum()),
        "X_samples": [[i, j, float(X[i, j])] for i, j in [(0, 0), (0, 147), (12287, 0), (12287, 147), (6000, 77)]],
        "Y": mat(Y), "mini_batch_size": size, "seed": 0, "permutation": np.random.RandomState(0).permutation(148).tolist(),
        "batches": batches_payload(ref.random_mini_batches(X, Y, size), full=False),
    }
    edges = []
    for m, size, seed, name in [(128, 64, 0, "m divisible by the batch"), (10, 64, 3, "m smaller than the batch"),
                                (5, 1, 7, "batch of 1"), (7, 3, 42, "partial last batch"), (64, 64, 11, "m equal to the batch")]:
        np.random.seed(100 + m)
        X = np.random.randn(3, m)
        Y = (np.random.rand(1, m) < 0.5).astype(np.float64)
        edges.append({"name": name, "X": mat(X), "Y": mat(Y), "mini_batch_size": size, "seed": seed,
                      "batches": batches_payload(ref.random_mini_batches(X, Y, size, seed), full=True)})
    return {"notebook": notebook, "edges": edges}


def update_outputs(parameters, grads, t=2, lr=0.01, beta=0.9):
    copy = lambda d: {k: v.copy() for k, v in d.items()}  # noqa: E731
    gd = ref.update_parameters_with_gd(copy(parameters), grads, lr)
    mp, mv = ref.update_parameters_with_momentum(copy(parameters), grads, ref.initialize_velocity(parameters), beta, lr)
    v, s = ref.initialize_adam(parameters)
    ap, av, as_, avc, asc = ref.update_parameters_with_adam(copy(parameters), grads, v, s, t, lr)
    v, s = ref.initialize_adam(parameters)
    ip = ref.update_parameters_with_adam(copy(parameters), grads, v, s, t, lr, epsilon_inside_sqrt=True)[0]
    return {
        "gd": {"learning_rate": lr, "parameters": dicts(gd)},
        "momentum": {"beta": beta, "learning_rate": lr, "parameters": dicts(mp), "v": dicts(mv)},
        "adam": {"t": t, "learning_rate": lr, "parameters": dicts(ap), "v": dicts(av), "s": dicts(as_),
                 "v_corrected": dicts(avc), "s_corrected": dicts(asc)},
        "adam_epsilon_inside_sqrt": {"t": t, "learning_rate": lr, "parameters": dicts(ip)},
    }


def test_cases():
    """The notebook's test cases and their outputs, plus other seeds/shapes drawn the same way."""
    cases = []
    for seed, shapes, t, lr, grad_scale in [(1, [(2, 3), (3, 3)], 2, 0.01, 1.0), (7, [(4, 2), (1, 4)], 3, 0.05, 1.0),
                                            (2, [(3, 2), (2, 3), (1, 2)], 1, 0.01, 1e-5)]:
        parameters, grads = ref.update_case(seed, shapes)
        grads = {k: v * grad_scale for k, v in grads.items()}
        cases.append({"seed": seed, "shapes": [list(s) for s in shapes], "grad_scale": grad_scale,
                      "parameters": dicts(parameters), "grads": dicts(grads), **update_outputs(parameters, grads, t, lr)})
    # The outputs of the notebook's own calls: gd lr 0.01, momentum beta 0.9 lr 0.01, adam t 2 defaults.
    p, g, lr = ref.update_parameters_with_gd_test_case()
    gd = ref.update_parameters_with_gd(p, g, lr)
    p, g, v = ref.update_parameters_with_momentum_test_case()
    mp, mv = ref.update_parameters_with_momentum(p, g, v, beta=0.9, learning_rate=0.01)
    p, g, v, s = ref.update_parameters_with_adam_test_case()
    ap, av, as_, _, _ = ref.update_parameters_with_adam(p, g, v, s, t=2)
    v0 = ref.initialize_velocity(ref.initialize_velocity_test_case())
    av0, as0 = ref.initialize_adam(ref.initialize_adam_test_case())
    notebook = {"gd": dicts(gd), "initialize_velocity": dicts(v0), "momentum": {"parameters": dicts(mp), "v": dicts(mv)},
                "initialize_adam": {"v": dicts(av0), "s": dicts(as0)}, "adam": {"parameters": dicts(ap), "v": dicts(av), "s": dicts(as_)}}
    return {"notebook_outputs": notebook, "cases": cases}


def network():
    inits = {",".join(map(str, dims)): dicts(ref.initialize_parameters(dims)) for dims in [[2, 5, 2, 1], [3, 4, 4, 2, 1], [2, 1]]}
    passes = []
    X, Y = ref.load_dataset()
    np.random.seed(5)
    Xr = np.random.randn(3, 9)
    Yr = (np.random.rand(1, 9) < 0.5).astype(np.float64)
    for name, x, y, dims in [("moons first 13 columns, [2,5,2,1]", X[:, :13], Y[:, :13], [2, 5, 2, 1]),
                             ("random 3x9, [3,4,4,2,1]", Xr, Yr, [3, 4, 4, 2, 1])]:
        parameters = ref.initialize_parameters(dims)
        a, caches = ref.forward_propagation(x, parameters)
        passes.append({"name": name, "layers_dims": dims, "X": mat(x), "Y": mat(y), "AL": mat(a),
                       "z": [mat(c[0]) for c in caches], "a": [mat(c[1]) for c in caches],
                       "cost": float(ref.compute_cost(a, y)), "grads": dicts(ref.backward_propagation(x, y, caches))})
    p, accuracy = ref.predict(X, Y, ref.initialize_parameters([2, 5, 2, 1]))
    return {"initialize_parameters": inits, "passes": passes,
            "predict_untrained_moons": {"predictions": mat(p), "accuracy": accuracy}}


MODEL_RUNS = [
    {"name": "gd notebook defaults", "optimizer": "gd", "data": [300, 0.2, 3], "layers_dims": [2, 5, 2, 1], "options": {}},
    {"name": "momentum notebook defaults", "optimizer": "momentum", "data": [300, 0.2, 3], "layers_dims": [2, 5, 2, 1], "options": {}},
    {"name": "adam notebook defaults", "optimizer": "adam", "data": [300, 0.2, 3], "layers_dims": [2, 5, 2, 1], "options": {}},
    {"name": "2-layer adam, other data and settings", "optimizer": "adam", "data": [150, 0.3, 5], "layers_dims": [2, 3, 1],
     "options": {"learning_rate": 0.01, "mini_batch_size": 32, "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-6, "seed": 0}},
    {"name": "4-layer momentum, batch not dividing m", "optimizer": "momentum", "data": [203, 0.1, 8], "layers_dims": [2, 6, 4, 3, 1],
     "options": {"learning_rate": 0.01, "mini_batch_size": 50, "beta": 0.8}},
    {"name": "4-layer gd, batch larger than m", "optimizer": "gd", "data": [40, 0.2, 1], "layers_dims": [2, 4, 4, 4, 1],
     "options": {"learning_rate": 0.05, "mini_batch_size": 64}},
]
MODEL_EPOCHS = 301


def models():
    runs = []
    for run in MODEL_RUNS:
        X, Y = ref.load_dataset(*run["data"])
        parameters, costs, printed, accuracy = ref.model(X, Y, run["layers_dims"], run["optimizer"], num_epochs=MODEL_EPOCHS, **run["options"])
        runs.append({**run, "num_epochs": MODEL_EPOCHS, "costs": costs, "printed_costs": printed, "accuracy": accuracy,
                     "parameters": dicts(parameters)})
    return {"runs": runs}


def libm_log():
    """glibc's log as numpy's legacy normals call it (math.log reaches the same libm function)."""
    rng = np.random.RandomState(2024)
    u = rng.rand(4000, 2) * 2 - 1
    r2 = (u * u).sum(axis=1)
    r2 = r2[(r2 > 0) & (r2 < 1)][:1500]  # the polar method's arguments
    xs = np.concatenate([
        r2,
        1 + (rng.rand(400) - 0.5) * 0.14,  # around the near-1 branch [1 - 2**-4, 1 + 0x1.09p-4)
        np.exp(rng.uniform(-700, 700, 400)),  # the whole normal range
        rng.rand(50) * 2.0**-1030,  # subnormals
        [1.0, 0.5, 2.0, 0.9375, np.nextafter(0.9375, 0), 1.064453125, np.nextafter(1.064453125, 0), np.nextafter(1, 0),
         np.nextafter(1, 2), 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308],
    ])
    np.random.seed(1)
    normals = np.random.randn(2000)
    return {"platform": [platform.machine(), *platform.libc_ver()], "x": xs.tolist(), "log": [math.log(x) for x in xs],
            "randn_seed_1": normals.tolist()}


def main():
    os.makedirs(OUT, exist_ok=True)
    write("random.json", random_streams())
    write("moons.json", moons())
    write("miniBatches.json", mini_batches())
    write("testCases.json", test_cases())
    write("network.json", network())
    write("models.json", models())
    write("libmLog.json", libm_log())
    print("wrote", ", ".join(sorted(f for f in os.listdir(OUT) if f.endswith(".json"))), "to", os.path.relpath(OUT))


if __name__ == "__main__":
    main()
