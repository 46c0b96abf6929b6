#!/usr/bin/env python3
"""The notebook's training loop in PyTorch (CPU, float64), for the benchmark's grid: the same data,
initialisation and numpy-seeded mini-batches as scripts/numpy_model.py, the same formulas written
as tensor operations (no autograd, which would only add overhead), timed around the epoch loop.

  /usr/bin/python3 scripts/torch_model.py --layers 2,128,128,1 --samples 3000 --epochs 10 --json
"""

import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy_model  # noqa: E402
import numpy_reference as ref  # noqa: E402


def train(X, Y, layers, epochs, learning_rate=0.0007, mini_batch_size=64, beta1=0.9, beta2=0.999, epsilon=1e-8,
          seed=10, init_seed=3, record_every=1):
    """Adam only (the grid's optimizer); returns the seconds of the loop and the recorded costs."""
    params = {k: torch.from_numpy(v.copy()) for k, v in ref.initialize_parameters(layers, init_seed).items()}
    L = len(layers) - 1
    v = {k: torch.zeros_like(p) for k, p in params.items()}
    s = {k: torch.zeros_like(p) for k, p in params.items()}
    Xt = torch.from_numpy(X)
    Yt = torch.from_numpy(Y)
    m = X.shape[1]
    t = 0
    costs = []
    started = time.perf_counter()
    started_cpu = time.process_time()
    cost = float("nan")
    for epoch in range(epochs):
        seed += 1
        np.random.seed(seed)
        order = torch.from_numpy(np.random.permutation(m))
        for start in range(0, m, mini_batch_size):
            idx = order[start:start + mini_batch_size]
            a = Xt[:, idx]
            y = Yt[:, idx]
            n = a.shape[1]
            acts = [a]
            for l in range(1, L + 1):
                z = params["W%d" % l] @ acts[-1] + params["b%d" % l]
                acts.append(torch.sigmoid(z) if l == L else torch.relu(z))
            out = acts[-1]
            cost = (1.0 / n) * torch.sum(-torch.log(out) * y - torch.log(1 - out) * (1 - y))
            dz = (1.0 / n) * (out - y)
            grads = {}
            for l in range(L, 0, -1):
                grads["W%d" % l] = dz @ acts[l - 1].T
                grads["b%d" % l] = torch.sum(dz, dim=1, keepdim=True)
                if l > 1:
                    dz = (params["W%d" % l].T @ dz) * (acts[l - 1] > 0)
            t += 1
            c1 = 1 - beta1 ** t
            c2 = 1 - beta2 ** t
            for k, p in params.items():
                g = grads[k]
                v[k].mul_(beta1).add_(g, alpha=1 - beta1)
                s[k].mul_(beta2).add_(g * g, alpha=1 - beta2)
                p.sub_(learning_rate * (v[k] / c1) / (torch.sqrt(s[k] / c2) + epsilon))
        if epoch % record_every == 0:
            costs.append(float(cost))
    return {"seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - started_cpu, "costs": costs}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--layers", required=True)
    p.add_argument("--epochs", type=int, required=True)
    p.add_argument("--samples", type=int, default=300)
    p.add_argument("--dataset", default=None, help="CSV x1,...,xn,y instead of the moons")
    p.add_argument("--mini-batch-size", type=int, default=64)
    p.add_argument("--record-every", type=int, default=1)
    p.add_argument("--json", action="store_true")
    a = p.parse_args(argv)
    X, Y = numpy_model.read_csv(a.dataset) if a.dataset else ref.load_dataset(a.samples, 0.2, 3)
    r = train(X, Y, [int(n) for n in a.layers.split(",")], a.epochs, mini_batch_size=a.mini_batch_size,
              record_every=a.record_every)
    r["torch_version"] = torch.__version__
    r["threads"] = torch.get_num_threads()
    print(json.dumps(r) if a.json else "%.3f s" % r["seconds"])


if __name__ == "__main__":
    main()
