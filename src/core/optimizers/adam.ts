import type { OptimizerDefinition } from './optimizer';

/**
 * The notebook's graded `update_parameters_with_adam`, t incremented before each update:
 * `v = beta1 v + (1 - beta1) dW`, `s = beta2 s + (1 - beta2) dW^2`,
 * `W = W - lr * (v / (1 - beta1^t)) / (sqrt(s / (1 - beta2^t)) + epsilon)`.
 */
export const adam = {
  id: 'adam',
  title: 'Adam',
  description: 'Adam: bias-corrected first and second moments, epsilon outside the square root (the notebook).',
  color: { themeColor: 'charts-green', hex: '#89d185' },
  notebook: true,
  hyperparameters: ['beta1', 'beta2', 'epsilon'],
  state: ['v', 's'],
  // The bias corrections 1 - beta1^t and 1 - beta2^t (WebAssembly has no pow).
  stepValues: {
    count: 2,
    usesLearningRate: false,
    compute(t, _learningRate, { beta1, beta2 }, out, at) {
      out[at] = 1 - Math.pow(beta1, t);
      out[at + 1] = 1 - Math.pow(beta2, t);
    },
  },
  update({ p, g, state: [v, s], learningRate, h: { beta1, beta2, epsilon }, step, stepAt, n }) {
    const correction1 = step[stepAt]!;
    const correction2 = step[stepAt + 1]!;
    for (let i = 0; i < n; i++) {
      const gi = g[i]!;
      v![i] = beta1 * v![i]! + (1 - beta1) * gi;
      s![i] = beta2 * s![i]! + (1 - beta2) * (gi * gi);
      p[i] = p[i]! - (learningRate * (v![i]! / correction1)) / (Math.sqrt(s![i]! / correction2) + epsilon);
    }
  },
  wasm: (b) => {
    const [beta1, keep1, beta2, keep2, epsilon] = [b.hyper('beta1'), b.oneMinus('beta1'), b.hyper('beta2'), b.oneMinus('beta2'), b.hyper('epsilon')];
    const [v, s] = [b.local(), b.local()];
    return (pair) => {
      b.set(v, b.add(b.mul(beta1, pair.state(0)), b.mul(keep1, pair.g)));
      b.set(s, b.add(b.mul(beta2, pair.state(1)), b.mul(keep2, b.mul(pair.g, pair.g))));
      pair.storeState(0, b.get(v));
      pair.storeState(1, b.get(s));
      return b.sub(pair.p, b.div(b.mul(b.learningRate, b.div(b.get(v), b.step(0))), b.add(b.sqrt(b.div(b.get(s), b.step(1))), epsilon)));
    };
  },
  torch:
    'torch.optim.Adam computes the same moments but adds epsilon to sqrt(s) / sqrt(1 - beta2^t) and scales by ' +
    'lr / (1 - beta1^t) separately, so its numbers differ from the notebook\'s in the last bits only.',
} as const satisfies OptimizerDefinition;
