"""The notebook's numeric reference in plain numpy: data, network, graded functions, training loop.

Written from ../shared/notes/notebook-facts.md in the notebook's own numpy style, so that
numbers made here are what the notebook (opt_utils.py + the graded code) makes. It draws from
numpy's global legacy generator exactly where the notebook does. Importing it prints nothing.

Used by scripts/make_fixtures.py (the TypeScript core's fixtures) and scripts/numpy_model.py
(the benchmark's numpy side).
"""

import math

import numpy as np

# ---------------------------------------------------------------- data


def make_moons(n_samples=300, noise=0.2):
    """scikit-learn's make_moons(n_samples, noise) drawing from np.random's global generator.

    Returns X of shape (n, 2) and y of shape (n,) (labels 0 outer, 1 inner), as sklearn does.
    """
    n_out = n_samples // 2
    n_in = n_samples - n_out
    outer_x = np.cos(np.linspace(0, np.pi, n_out))
    outer_y = np.sin(np.linspace(0, np.pi, n_out))
    inner_x = 1 - np.cos(np.linspace(0, np.pi, n_in))
    inner_y = 1 - np.sin(np.linspace(0, np.pi, n_in)) - 0.5
    X = np.vstack([np.append(outer_x, inner_x), np.append(outer_y, inner_y)]).T
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    indices = np.arange(n_samples)
    np.random.shuffle(indices)
    X = X[indices]
    y = y[indices]
    if noise is not None:
        X += np.random.normal(scale=noise, size=X.shape)
    return X, y


def load_dataset(n_samples=300, noise=0.2, seed=3):
    """opt_utils.load_dataset: seed, moons, X as (2, n) and Y as (1, n) (float64 labels)."""
    np.random.seed(seed)
    X, y = make_moons(n_samples, noise)
    return X.T, y.reshape((1, y.shape[0])).astype(np.float64)


# ---------------------------------------------------------------- network


def initialize_parameters(layer_dims, seed=3):
    """He initialization: W_l = randn(n_l, n_{l-1}) * sqrt(2 / n_{l-1}), b_l = 0."""
    np.random.seed(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2 / layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(0, x)


def forward_propagation(X, parameters):
    """LINEAR -> RELU ... LINEAR -> SIGMOID. caches is a list of (z, a, W, b) per layer."""
    L = len(parameters) // 2
    caches = []
    a = X
    for l in range(1, L + 1):
        W = parameters["W" + str(l)]
        b = parameters["b" + str(l)]
        z = np.dot(W, a) + b
        a = sigmoid(z) if l == L else relu(z)
        caches.append((z, a, W, b))
    return a, caches


def compute_cost(a3, Y):
    """Mean binary cross-entropy over the columns."""
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1.0 / m * np.sum(logprobs)


def backward_propagation(X, Y, caches):
    """Gradients dW_l, db_l; the ReLU mask uses the activation (a > 0)."""
    m = X.shape[1]
    L = len(caches)
    grads = {}
    dz = 1.0 / m * (caches[L - 1][1] - Y)
    for l in range(L, 0, -1):
        a_prev = X if l == 1 else caches[l - 2][1]
        grads["dW" + str(l)] = np.dot(dz, a_prev.T)
        grads["db" + str(l)] = np.sum(dz, axis=1, keepdims=True)
        if l > 1:
            da = np.dot(caches[l - 1][2].T, dz)
            dz = np.multiply(da, np.int64(a_prev > 0))
    return grads


def predict(X, Y, parameters):
    """Labels (1, m) where the output > 0.5, and the accuracy mean(prediction == label)."""
    a, _ = forward_propagation(X, parameters)
    p = (a > 0.5).astype(np.int64)
    return p, float(np.mean(p[0, :] == Y[0, :]))


# ---------------------------------------------------------------- graded functions


def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
    return parameters


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    permutation = np.random.permutation(m)
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    num_complete = math.floor(m / mini_batch_size)
    for k in range(num_complete):
        mini_batches.append((shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size],
                             shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))
    if m % mini_batch_size != 0:
        mini_batches.append((shuffled_X[:, num_complete * mini_batch_size:], shuffled_Y[:, num_complete * mini_batch_size:]))
    return mini_batches


def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(L):
        v["dW" + str(l + 1)] = np.zeros(parameters["W" + str(l + 1)].shape)
        v["db" + str(l + 1)] = np.zeros(parameters["b" + str(l + 1)].shape)
    return v


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(L):
        for p, g in (("W", "dW"), ("b", "db")):
            key = g + str(l + 1)
            v[key] = beta * v[key] + (1 - beta) * grads[key]
            parameters[p + str(l + 1)] = parameters[p + str(l + 1)] - learning_rate * v[key]
    return parameters, v


def initialize_adam(parameters):
    return initialize_velocity(parameters), initialize_velocity(parameters)


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8, epsilon_inside_sqrt=False):
    """The graded Adam step (epsilon outside the square root).

    Returns parameters, v, s, v_corrected, s_corrected (the newer edition's five values).
    epsilon_inside_sqrt=True gives the notebook's typeset formula sqrt(s_corr + eps) instead,
    which is what its Expected Output table shows for W2[2][1].
    """
    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}
    for l in range(L):
        for p, g in (("W", "dW"), ("b", "db")):
            key = g + str(l + 1)
            v[key] = beta1 * v[key] + (1 - beta1) * grads[key]
            v_corrected[key] = v[key] / (1 - beta1 ** t)
            s[key] = beta2 * s[key] + (1 - beta2) * np.square(grads[key])
            s_corrected[key] = s[key] / (1 - beta2 ** t)
            if epsilon_inside_sqrt:
                step = v_corrected[key] / np.sqrt(s_corrected[key] + epsilon)
            else:
                step = v_corrected[key] / (np.sqrt(s_corrected[key]) + epsilon)
            parameters[p + str(l + 1)] = parameters[p + str(l + 1)] - learning_rate * step
    return parameters, v, s, v_corrected, s_corrected


# ---------------------------------------------------------------- optimizers beyond the notebook
# Written as torch.optim computes them (same order of operations), in numpy, so the benchmark has a
# numpy loop for every optimizer; the exactness tests use PyTorch itself (scripts/make_torch_fixtures.py).


def update_parameters_with_rmsprop(parameters, grads, s, learning_rate, alpha=0.99, epsilon=1e-8):
    """torch.optim.RMSprop(lr, alpha, eps): s = alpha s + (1 - alpha) g g; W -= lr g / (sqrt(s) + eps)."""
    for key in list(parameters):
        g = grads["d" + key]
        s["d" + key] = alpha * s["d" + key] + (1 - alpha) * g * g
        parameters[key] = parameters[key] - learning_rate * g / (np.sqrt(s["d" + key]) + epsilon)
    return parameters, s


def update_parameters_with_nesterov(parameters, grads, v, beta, learning_rate):
    """torch.optim.SGD(lr, momentum=beta, nesterov=True): v = beta v + g; W -= lr (g + beta v)."""
    for key in list(parameters):
        g = grads["d" + key]
        v["d" + key] = beta * v["d" + key] + g
        parameters[key] = parameters[key] - learning_rate * (g + beta * v["d" + key])
    return parameters, v


def update_parameters_with_adamw(parameters, grads, v, s, t, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8,
                                 weight_decay=0.01, amsgrad_max=None):
    """torch.optim.AdamW (decoupled decay), or with amsgrad_max (and weight_decay 0) torch.optim.Adam(amsgrad=True)."""
    step_size = learning_rate / (1 - beta1 ** t)
    correction2_sqrt = math.sqrt(1 - beta2 ** t)
    for key in list(parameters):
        g = grads["d" + key]
        decayed = parameters[key] * (1 - learning_rate * weight_decay)
        v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g * g
        second = s["d" + key]
        if amsgrad_max is not None:
            amsgrad_max["d" + key] = np.maximum(amsgrad_max["d" + key], s["d" + key])
            second = amsgrad_max["d" + key]
        parameters[key] = decayed - step_size * v["d" + key] / (np.sqrt(second) / correction2_sqrt + epsilon)
    return parameters, v, s


def update_lr(learning_rate0, epoch_num, decay_rate):
    """The newer edition's update_lr: decays every epoch."""
    return learning_rate0 / (1 + decay_rate * epoch_num)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """The newer edition's schedule_lr_decay: decays every time_interval epochs."""
    return learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))


# ---------------------------------------------------------------- training loop


def model(X, Y, layers_dims, optimizer, learning_rate=0.0007, mini_batch_size=64, beta=0.9,
          beta1=0.9, beta2=0.999, epsilon=1e-8, num_epochs=10000, seed=10, init_seed=3, record_every=100,
          print_every=1000, alpha=0.99, weight_decay=0.01, decay=None, decay_rate=1, time_interval=1000):
    """The notebook's model(): returns parameters, costs (every 100 epochs), printed costs
    (every 1000 epochs; the notebook prints them as "Cost after epoch %i: %f") and the
    training-set accuracy. Each recorded cost is that of the epoch's last mini-batch.
    decay is the newer edition's: None, "update_lr" or "schedule_lr_decay", applied at each epoch's start.
    init_seed, record_every and print_every are the values the notebook hard-codes, as arguments
    for the TypeScript TrainConfig's knobs (scripts/numpy_model.py)."""
    costs = []
    printed_costs = []
    t = 0
    parameters = initialize_parameters(layers_dims, init_seed)
    if optimizer in ("momentum", "nesterov"):
        v = initialize_velocity(parameters)
    elif optimizer in ("adam", "adamw", "amsgrad"):
        v, s = initialize_adam(parameters)
        amsgrad_max = initialize_velocity(parameters) if optimizer == "amsgrad" else None
    elif optimizer == "rmsprop":
        s = initialize_velocity(parameters)
    elif optimizer != "gd":
        raise ValueError("optimizer must be gd, momentum, adam, rmsprop, nesterov, adamw or amsgrad, got %r" % (optimizer,))
    cost = float("nan")
    learning_rate0 = learning_rate
    for i in range(num_epochs):
        if decay == "update_lr":
            learning_rate = update_lr(learning_rate0, i, decay_rate)
        elif decay == "schedule_lr_decay":
            learning_rate = schedule_lr_decay(learning_rate0, i, decay_rate, time_interval)
        seed = seed + 1
        for minibatch_X, minibatch_Y in random_mini_batches(X, Y, mini_batch_size, seed):
            a, caches = forward_propagation(minibatch_X, parameters)
            cost = compute_cost(a, minibatch_Y)
            grads = backward_propagation(minibatch_X, minibatch_Y, caches)
            if optimizer == "gd":
                parameters = update_parameters_with_gd(parameters, grads, learning_rate)
            elif optimizer == "momentum":
                parameters, v = update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)
            elif optimizer == "nesterov":
                parameters, v = update_parameters_with_nesterov(parameters, grads, v, beta, learning_rate)
            elif optimizer == "rmsprop":
                parameters, s = update_parameters_with_rmsprop(parameters, grads, s, learning_rate, alpha, epsilon)
            elif optimizer in ("adamw", "amsgrad"):
                t = t + 1
                parameters, v, s = update_parameters_with_adamw(
                    parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon,
                    weight_decay if optimizer == "adamw" else 0.0, amsgrad_max)
            else:
                t = t + 1
                parameters, v, s, _, _ = update_parameters_with_adam(parameters, grads, v, s, t,
                                                                     learning_rate, beta1, beta2, epsilon)
        if i % print_every == 0:
            printed_costs.append(float(cost))
        if i % record_every == 0:
            costs.append(float(cost))
    _, accuracy = predict(X, Y, parameters)
    return parameters, costs, printed_costs, accuracy


# ---------------------------------------------------------------- the notebook's test cases


def update_case(seed=1, layer_sizes=((2, 3), (3, 3))):
    """testCases.py's draw order for arbitrary shapes: seed, then W1, b1, W2, b2, ..., then
    dW1, db1, dW2, db2, ... each by randn. layer_sizes is a list of (rows, cols) of each W."""
    np.random.seed(seed)
    parameters = {}
    grads = {}
    for l, (r, c) in enumerate(layer_sizes, start=1):
        parameters["W" + str(l)] = np.random.randn(r, c)
        parameters["b" + str(l)] = np.random.randn(r, 1)
    for l, (r, c) in enumerate(layer_sizes, start=1):
        grads["dW" + str(l)] = np.random.randn(r, c)
        grads["db" + str(l)] = np.random.randn(r, 1)
    return parameters, grads


def update_parameters_with_gd_test_case():
    parameters, grads = update_case()
    return parameters, grads, 0.01


def random_mini_batches_test_case():
    np.random.seed(1)
    X = np.random.randn(12288, 148)
    Y = np.random.randn(1, 148) < 0.5
    return X, Y, 64


def initialize_velocity_test_case():
    return update_case()[0]


def update_parameters_with_momentum_test_case():
    parameters, grads = update_case()
    return parameters, grads, initialize_velocity(parameters)


def initialize_adam_test_case():
    return update_case()[0]


def update_parameters_with_adam_test_case():
    parameters, grads = update_case()
    v, s = initialize_adam(parameters)
    return parameters, grads, v, s
