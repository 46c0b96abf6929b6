"""Optimization Lab's learner trainer: the notebook's model() loop with the learner's own functions.

The loop, the network (He initialization with seed 3, LINEAR->RELU->...->SIGMOID, the cost, backward,
predict: what the course's opt_utils provides) are the product's own, written here with numpy; the
learner's random_mini_batches, initialize_velocity / initialize_adam and update function are called
exactly as the notebook's model() calls them (seed incremented before each epoch, Adam's t incremented
before each update, Adam's three- or five-value return both accepted). Only those functions and the
imports and constants they use run (optlab_program); nothing else of the learner's file does.

Spoken to over JSON lines: one job on stdin, then messages on a private copy of stdout (fd 1 is pointed
at stderr, so the learner's prints cannot forge a message): `init`, `step` (the first mini-batch steps,
parameters and optimizer state, for the extension's first-departure search), `record` (every
record_every epochs), then `done` or `failed`. The extension compares with its own core and stops the
process (the whole process group) on Stop or at its time limit.

Usage: python3 optlab_train.py < job.json
"""

import json
import math
import os
import sys
import time

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from optlab_program import load_program  # noqa: E402

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

UPDATE = {"gd": "update_parameters_with_gd", "momentum": "update_parameters_with_momentum",
          "adam": "update_parameters_with_adam"}
INIT = {"momentum": "initialize_velocity", "adam": "initialize_adam"}


class Channel:
    """The private copy of stdout; fd 1 and sys.stdout go to stderr, so learner output cannot reach it."""

    def __init__(self):
        self._out = os.fdopen(os.dup(1), "w", buffering=1)
        os.dup2(2, 1)
        sys.stdout = sys.stderr

    def send(self, message):
        try:
            line = json.dumps(message, allow_nan=False)
        except ValueError:  # NaN or infinity (a diverging run): null, which the extension reads as NaN
            line = json.dumps(_finite_or_none(message), allow_nan=False)
        self._out.write(line + "\n")


def _finite_or_none(value):
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite_or_none(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite_or_none(v) for v in value]
    return value


# ---------------------------------------------------------------- the product's network (opt_utils)


def initialize_parameters(np, layer_dims, seed):
    np.random.seed(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2 / layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def forward(np, X, parameters):
    L = len(parameters) // 2
    a = X
    caches = [(X, None)]
    for l in range(1, L + 1):
        z = np.dot(parameters["W" + str(l)], a) + parameters["b" + str(l)]
        a = 1 / (1 + np.exp(-z)) if l == L else np.maximum(0, z)
        caches.append((a, z))
    return a, caches


def cost_of(np, a, Y):
    m = Y.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(1.0 / m * np.sum(np.multiply(-np.log(a), Y) + np.multiply(-np.log(1 - a), 1 - Y)))


def only_saturated(np, X, Y, parameters):
    """The core trainer's test (src/core/trainer/saturation.ts) of a NaN or infinite cost: with the terms where an
    output equals its label (0 * log 0) taken as 0, the cost of these examples under the current parameters is
    finite and below ln 2 per output (better than answering 0.5), so the run is learning and goes on."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        a, _ = forward(np, X, parameters)
        terms = np.multiply(-np.log(a), Y) + np.multiply(-np.log(1 - a), 1 - Y)
        total = float(np.sum(np.where(((a == 1) & (Y == 1)) | ((a == 0) & (Y == 0)), 0.0, terms)))
    return total / Y.size < math.log(2)


def backward(np, Y, caches, parameters):
    m = Y.shape[1]
    L = len(parameters) // 2
    grads = {}
    dz = 1.0 / m * (caches[L][0] - Y)
    for l in range(L, 0, -1):
        a_prev = caches[l - 1][0]
        grads["dW" + str(l)] = np.dot(dz, a_prev.T)
        grads["db" + str(l)] = np.sum(dz, axis=1, keepdims=True)
        if l > 1:
            dz = np.dot(parameters["W" + str(l)].T, dz) * (a_prev > 0)
    return grads


def accuracy(np, X, Y, parameters):
    a, _ = forward(np, X, parameters)
    return float(np.mean((a > 0.5) == (Y > 0.5)))


# ---------------------------------------------------------------- the loop


def plain(np, d):
    """A dict of arrays as JSON: {key: {"shape", "data"}}; anything else as its type name (shown as what is wrong)."""
    if not isinstance(d, dict):
        return {"__type__": type(d).__name__}
    out = {}
    for k, v in d.items():
        a = np.asarray(v, dtype=float) if isinstance(v, (np.ndarray, list, float, int)) else None
        out[str(k)] = {"shape": list(a.shape), "data": a.ravel().tolist()} if a is not None else {"__type__": type(v).__name__}
    return out


def aliasing(v, s):
    """How v and s are tied together, if they are: the same dictionary, or the same arrays."""
    if not isinstance(v, dict) or not isinstance(s, dict):
        return None
    if v is s:
        return "same-dict"
    if any(k in s and v[k] is s[k] for k in v):
        return "shared-arrays"
    return None


# Where the loop is, for an exception's report ("epoch 3, mini-batch 2").
WHERE = {"epoch": None, "miniBatch": None}


class LearnerError(Exception):
    def __init__(self, function, error):
        super().__init__(str(error))
        self.function = function
        self.error = error


def call(function_name, f, *args):
    try:
        return f(*args)
    except Exception as error:  # the learner's exception, reported with their line
        raise LearnerError(function_name, error)


def train(np, job, program, channel):
    c = job["config"]
    optimizer = job["optimizer"]
    X = np.array(job["X"], dtype=float).reshape(job["xShape"])
    Y = np.array(job["Y"], dtype=float).reshape(job["yShape"])
    functions = {name: program.instantiate(name, np) for name in
                 ["random_mini_batches", UPDATE[optimizer]] + ([INIT[optimizer]] if optimizer in INIT else [])}
    parameters = initialize_parameters(np, c["layersDims"], c["initSeed"])
    v = s = None
    if optimizer == "momentum":
        v = call(INIT[optimizer], functions[INIT[optimizer]], parameters)
    elif optimizer == "adam":
        state = call(INIT[optimizer], functions[INIT[optimizer]], parameters)
        if not isinstance(state, tuple) or len(state) != 2:
            raise LearnerError(INIT[optimizer], TypeError("initialize_adam must return (v, s), got %s" % type(state).__name__))
        v, s = state
    channel.send({"type": "init", "v": plain(np, v) if v is not None else None, "s": plain(np, s) if s is not None else None,
                  "aliasing": aliasing(v, s)})
    seed = c["seed"]
    t = 0
    costs, printed, epochs = [], [], []
    steps_left = job["steps"]
    cost = float("nan")
    lr0 = c["learningRate"]
    started = time.perf_counter()
    for epoch in range(c["numEpochs"]):
        lr = lr0
        if c.get("decay") == "update_lr":
            lr = lr0 / (1 + c["decayRate"] * epoch)
        elif c.get("decay") == "schedule_lr_decay":
            lr = lr0 / (1 + c["decayRate"] * np.floor(epoch / c["decayInterval"]))
        seed = seed + 1
        WHERE["epoch"], WHERE["miniBatch"] = epoch, None
        batches = call("random_mini_batches", functions["random_mini_batches"], X, Y, c["miniBatchSize"], seed)
        last_batch = None
        for index, batch in enumerate(batches):
            WHERE["miniBatch"] = index
            try:
                bx, by = batch
                last_batch = (bx, by)
                a, caches = forward(np, bx, parameters)
                cost = cost_of(np, a, by)
                grads = backward(np, by, caches, parameters)
            except Exception as error:  # a malformed mini-batch: the learner's random_mini_batches made it
                raise LearnerError("random_mini_batches", ValueError(
                    "mini-batch %d of epoch %d cannot be used: %s" % (index, epoch, error)))
            name = UPDATE[optimizer]
            if optimizer == "gd":
                parameters = call(name, functions[name], parameters, grads, lr)
            elif optimizer == "momentum":
                parameters, v = call(name, functions[name], parameters, grads, v, c["beta"], lr)
            else:
                t = t + 1
                result = call(name, functions[name], parameters, grads, v, s, t, lr, c["beta1"], c["beta2"], c["epsilon"])
                if not isinstance(result, tuple) or len(result) not in (3, 5):
                    raise LearnerError(name, TypeError("update_parameters_with_adam must return (parameters, v, s) or five values"))
                parameters, v, s = result[0], result[1], result[2]
            if steps_left > 0:
                steps_left -= 1
                channel.send({"type": "step", "epoch": epoch, "miniBatch": index, "t": t, "cost": cost,
                              "parameters": plain(np, parameters), "v": plain(np, v) if v is not None else None,
                              "s": plain(np, s) if s is not None else None})
        record = epoch % c["recordEvery"] == 0
        if epoch % c["printEvery"] == 0:
            printed.append(cost)
        if record:
            costs.append(cost)
            epochs.append(epoch)
            message = {"type": "record", "epoch": epoch, "cost": cost, "learningRate": lr}
            if job.get("recordParameters", True):
                message["parameters"] = plain(np, parameters)
            channel.send(message)
        if not np.isfinite(cost) and not (last_batch is not None and only_saturated(np, *last_batch, parameters)):
            channel.send({"type": "diverged", "epoch": epoch, "cost": cost})
            break
    seconds = time.perf_counter() - started
    channel.send({"type": "done", "costs": costs, "printedCosts": printed, "recordEpochs": epochs, "seconds": seconds,
                  "accuracy": accuracy(np, X, Y, parameters), "parameters": plain(np, parameters)})


def main():
    channel = Channel()
    job = json.loads(sys.stdin.readline())
    try:
        import numpy as np
    except ImportError:
        channel.send({"type": "failed", "message": "numpy is not installed for this Python"})
        return 3
    program = load_program(job["source"])
    try:
        train(np, job, program, channel)
    except LearnerError as e:
        described = program.describe_exception(e.error)
        described["exceptionType"] = described.pop("type", None)
        channel.send({**described, "type": "failed", "function": e.function,
                      **{k: v for k, v in WHERE.items() if v is not None}})
        return 1
    except NameError as e:  # a graded function missing from the file
        channel.send({"type": "failed", "function": None, "message": str(e), "line": None})
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
