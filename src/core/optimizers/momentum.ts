import type { OptimizerDefinition } from './optimizer';

/**
 * The notebook's `update_parameters_with_momentum`: `v = beta v + (1 - beta) dW`, `W = W - lr v`.
 * In torch.optim terms this is SGD(lr * (1 - beta), momentum=beta): torch's buffer is v / (1 - beta).
 */
export const momentum = {
  id: 'momentum',
  title: 'Momentum',
  description: 'Gradient descent with momentum: v = beta v + (1 - beta) dW, W = W - lr v (the notebook).',
  color: { themeColor: 'charts-orange', hex: '#d18616' },
  notebook: true,
  hyperparameters: ['beta'],
  state: ['v'],
  update({ p, g, state: [v], learningRate, h: { beta }, n }) {
    for (let i = 0; i < n; i++) {
      v![i] = beta * v![i]! + (1 - beta) * g[i]!;
      p[i] = p[i]! - learningRate * v![i]!;
    }
  },
  wasm: (b) => {
    const beta = b.hyper('beta');
    const keep = b.oneMinus('beta');
    const v = b.local();
    return (pair) => {
      b.set(v, b.add(b.mul(beta, pair.state(0)), b.mul(keep, pair.g)));
      pair.storeState(0, b.get(v));
      return b.sub(pair.p, b.mul(b.learningRate, b.get(v)));
    };
  },
  torch:
    'The notebook averages: v = beta v + (1 - beta) dW, W -= lr v. torch.optim.SGD(momentum=beta) sums instead ' +
    '(buf = beta buf + dW, W -= lr buf), so the notebook\'s momentum is SGD(lr * (1 - beta), momentum=beta) with buf = v / (1 - beta).',
} as const satisfies OptimizerDefinition;
