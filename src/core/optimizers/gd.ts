import type { OptimizerDefinition } from './optimizer';

/**
 * The notebook's `update_parameters_with_gd`: `W = W - learning_rate * dW`.
 * torch.optim.SGD(lr) with no momentum computes the same.
 */
export const gd = {
  id: 'gd',
  title: 'Gradient descent',
  description: 'Mini-batch gradient descent: W = W - lr dW (the notebook).',
  color: { themeColor: 'charts-blue', hex: '#3794ff' },
  notebook: true,
  hyperparameters: [],
  state: [],
  update({ p, g, learningRate, n }) {
    for (let i = 0; i < n; i++) p[i] = p[i]! - learningRate * g[i]!;
  },
  wasm: (b) => (pair) => b.sub(pair.p, b.mul(b.learningRate, pair.g)),
  torch: 'torch.optim.SGD(lr) without momentum: the same formula.',
} as const satisfies OptimizerDefinition;
