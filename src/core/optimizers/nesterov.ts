import type { OptimizerDefinition } from './optimizer';

/**
 * SGD with Nesterov momentum as torch.optim.SGD(lr, momentum=beta, nesterov=True) computes it:
 * `v = beta v + dW`, `W = W - lr (dW + beta v)`. torch's first step sets v = dW, which is what
 * the formula gives from v = 0.
 */
export const nesterov = {
  id: 'nesterov',
  title: 'Nesterov',
  description: 'SGD with Nesterov momentum: looks ahead along the velocity (torch.optim.SGD(nesterov=True)).',
  color: { themeColor: 'charts-yellow', hex: '#cca700' },
  notebook: false,
  hyperparameters: ['beta'],
  state: ['v'],
  update({ p, g, state: [v], learningRate, h: { beta }, n }) {
    for (let i = 0; i < n; i++) {
      const gi = g[i]!;
      v![i] = beta * v![i]! + gi;
      p[i] = p[i]! - learningRate * (gi + beta * v![i]!);
    }
  },
  wasm: (b) => {
    const beta = b.hyper('beta');
    const v = b.local();
    return (pair) => {
      b.set(v, b.add(b.mul(beta, pair.state(0)), pair.g));
      pair.storeState(0, b.get(v));
      return b.sub(pair.p, b.mul(b.learningRate, b.add(pair.g, b.mul(beta, b.get(v)))));
    };
  },
  torch:
    'torch.optim.SGD(lr, momentum=beta, nesterov=True), dampening 0: buf = beta buf + g (the first step sets buf = g), ' +
    'W -= lr (g + beta buf). Its velocity sums gradients, where the notebook\'s momentum averages them with (1 - beta).',
} as const satisfies OptimizerDefinition;
