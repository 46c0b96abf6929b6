#!/usr/bin/env python3
"""Writes test/fixtures/torch/optimizers.json: what PyTorch's own torch.optim computes for every
optimizer of the registry (src/core/optimizers/), for the TypeScript optimizers' tests.

PyTorch is not needed by CI or by the tests, only to remake this file. On Debian:

  sudo apt-get install -y python3-torch        # PyTorch 1.13, for /usr/bin/python3
  /usr/bin/python3 scripts/make_torch_fixtures.py

For each optimizer, in float64:
  steps     five updates from zero state on the notebook's update test case (np.random.seed(1):
            W1 (2, 3), b1, W2 (3, 3), b2, then dW1, db1, dW2, db2 as the first gradients); the
            later gradients are randn draws continuing from the same generator. After each step:
            the parameters and torch's state buffers.
  training  the notebook's network [2, 5, 2, 1] on its 300 moons, He initialization (seed 3), the
            notebook's numpy-exact mini-batches (seed 10 + epoch + 1, batch 64), 30 epochs with
            lr 0.0007; the gradients by torch.autograd of the notebook's cost, the update by
            torch.optim. The cost of every epoch's last mini-batch, and the final parameters.
The notebook's three are included as torch computes them (Adam's epsilon placement differs from
the notebook's in the last bits; the test says how close each must be).
"""

import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy_reference as ref  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "torch", "optimizers.json")
KEYS = ["W1", "b1", "W2", "b2"]


def make_optimizer(name, params, lr, h):
    """torch.optim's object for our id, with the registry's hyperparameters (torch's defaults)."""
    if name == "gd":
        return torch.optim.SGD(params, lr=lr, foreach=False)
    if name == "momentum":
        # The notebook's v = beta v + (1 - beta) g, W -= lr v is SGD(lr (1 - beta), momentum=beta) on buf = v / (1 - beta).
        return torch.optim.SGD(params, lr=lr * (1 - h["beta"]), momentum=h["beta"], foreach=False)
    if name == "nesterov":
        return torch.optim.SGD(params, lr=lr, momentum=h["beta"], nesterov=True, foreach=False)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, alpha=h["alpha"], eps=h["epsilon"], foreach=False)
    if name == "adam":
        return torch.optim.Adam(params, lr=lr, betas=(h["beta1"], h["beta2"]), eps=h["epsilon"], foreach=False)
    if name == "adamw":
        return torch.optim.AdamW(params, lr=lr, betas=(h["beta1"], h["beta2"]), eps=h["epsilon"],
                                 weight_decay=h["weightDecay"], foreach=False)
    if name == "amsgrad":
        return torch.optim.Adam(params, lr=lr, betas=(h["beta1"], h["beta2"]), eps=h["epsilon"], amsgrad=True,
                                foreach=False)
    raise ValueError(name)


# torch's state buffer names, in the order of the registry's `state` lists.
STATE = {
    "gd": [],
    "momentum": ["momentum_buffer"],
    "nesterov": ["momentum_buffer"],
    "rmsprop": ["square_avg"],
    "adam": ["exp_avg", "exp_avg_sq"],
    "adamw": ["exp_avg", "exp_avg_sq"],
    "amsgrad": ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"],
}
HYPER = dict(beta=0.9, beta1=0.9, beta2=0.999, epsilon=1e-8, alpha=0.99, weightDecay=0.01)


def state_of(opt, name, tensors):
    out = []
    for buffer in STATE[name]:
        values = {}
        for key, t in zip(KEYS, tensors):
            b = opt.state[t][buffer]
            if name == "momentum":
                b = b * (1 - HYPER["beta"])  # back to the notebook's v
            values["d" + key] = b.tolist()
        out.append(values)
    return out


def steps_case(name, count=5, lr=0.01):
    np.random.seed(1)
    params = [np.random.randn(2, 3), np.random.randn(2, 1), np.random.randn(3, 3), np.random.randn(3, 1)]
    grads = [[np.random.randn(2, 3), np.random.randn(2, 1), np.random.randn(3, 3), np.random.randn(3, 1)]]
    for _ in range(count - 1):
        grads.append([np.random.randn(*g.shape) for g in grads[0]])
    tensors = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in params]
    opt = make_optimizer(name, tensors, lr, HYPER)
    after = []
    for g in grads:
        for t, gi in zip(tensors, g):
            t.grad = torch.tensor(gi, dtype=torch.float64)
        opt.step()
        after.append({"parameters": {k: t.detach().tolist() for k, t in zip(KEYS, tensors)},
                      "state": state_of(opt, name, tensors)})
    return {
        "learningRate": lr,
        "parameters": {k: p.tolist() for k, p in zip(KEYS, params)},
        "grads": [{"d" + k: gi.tolist() for k, gi in zip(KEYS, g)} for g in grads],
        "after": after,
    }


def training_case(name, X, Y, epochs=30, lr=0.0007, batch=64):
    init = ref.initialize_parameters([2, 5, 2, 1], 3)
    keys = ["W1", "b1", "W2", "b2", "W3", "b3"]
    tensors = [torch.tensor(init[k], dtype=torch.float64, requires_grad=True) for k in keys]
    W1, b1, W2, b2, W3, b3 = tensors
    opt = make_optimizer(name, tensors, lr, HYPER)
    costs = []
    seed = 10
    for _ in range(epochs):
        seed += 1
        cost = None
        for mx, my in ref.random_mini_batches(X, Y, batch, seed):
            x = torch.tensor(mx, dtype=torch.float64)
            y = torch.tensor(my, dtype=torch.float64)
            a1 = torch.relu(W1 @ x + b1)
            a2 = torch.relu(W2 @ a1 + b2)
            a3 = torch.sigmoid(W3 @ a2 + b3)
            # The notebook's compute_cost: the mean over the mini-batch of the cross-entropy.
            loss = torch.sum(-torch.log(a3) * y - torch.log(1 - a3) * (1 - y)) / x.shape[1]
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            cost = float(loss.detach())
        costs.append(cost)
    return {
        "layersDims": [2, 5, 2, 1],
        "learningRate": lr,
        "miniBatchSize": batch,
        "numEpochs": epochs,
        "costs": costs,
        "parameters": {k: t.detach().tolist() for k, t in zip(keys, tensors)},
    }


def main():
    torch.set_default_dtype(torch.float64)
    X, Y = ref.load_dataset(300, 0.2, 3)
    out = {
        "torch_version": torch.__version__,
        "hyperparameters": HYPER,
        "optimizers": {name: {"steps": steps_case(name), "training": training_case(name, X, Y)} for name in STATE},
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f)
        f.write("\n")
    print("wrote %s (torch %s)" % (os.path.relpath(OUT), torch.__version__))


if __name__ == "__main__":
    main()
