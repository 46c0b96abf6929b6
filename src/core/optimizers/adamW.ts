import type { OptimizerDefinition } from './optimizer';

/**
 * AdamW as torch.optim.AdamW computes it: first `W = W (1 - lr weight_decay)` (decoupled weight
 * decay), then Adam's moments, `denom = sqrt(s) / sqrt(1 - beta2^t) + eps`,
 * `W = W - (lr / (1 - beta1^t)) v / denom`.
 */
export const adamw = {
  id: 'adamw',
  title: 'AdamW',
  description: 'AdamW: Adam with decoupled weight decay (torch.optim.AdamW).',
  color: { themeColor: 'charts-red', hex: '#f14c4c' },
  notebook: false,
  hyperparameters: ['beta1', 'beta2', 'epsilon', 'weightDecay'],
  state: ['v', 's'],
  stepValues: {
    count: 3,
    usesLearningRate: true,
    // torch's step_size = lr / (1 - beta1^t), bias_correction2_sqrt and the decay factor 1 - lr weight_decay.
    compute(t, learningRate, { beta1, beta2, weightDecay }, out, at) {
      out[at] = learningRate / (1 - Math.pow(beta1, t));
      out[at + 1] = Math.sqrt(1 - Math.pow(beta2, t));
      out[at + 2] = 1 - learningRate * weightDecay;
    },
  },
  update({ p, g, state: [v, s], h: { beta1, beta2, epsilon }, step, stepAt, n }) {
    const stepSize = step[stepAt]!;
    const correction2Sqrt = step[stepAt + 1]!;
    const decay = step[stepAt + 2]!;
    for (let i = 0; i < n; i++) {
      const gi = g[i]!;
      const decayed = p[i]! * decay;
      v![i] = beta1 * v![i]! + (1 - beta1) * gi;
      s![i] = beta2 * s![i]! + (1 - beta2) * gi * gi;
      p[i] = decayed - (stepSize * v![i]!) / (Math.sqrt(s![i]!) / correction2Sqrt + epsilon);
    }
  },
  wasm: (b) => {
    const [beta1, keep1, beta2, keep2, epsilon] = [b.hyper('beta1'), b.oneMinus('beta1'), b.hyper('beta2'), b.oneMinus('beta2'), b.hyper('epsilon')];
    const [v, s] = [b.local(), b.local()];
    return (pair) => {
      b.set(v, b.add(b.mul(beta1, pair.state(0)), b.mul(keep1, pair.g)));
      b.set(s, b.add(b.mul(beta2, pair.state(1)), b.mul(b.mul(keep2, pair.g), pair.g)));
      pair.storeState(0, b.get(v));
      pair.storeState(1, b.get(s));
      const denominator = b.add(b.div(b.sqrt(b.get(s)), b.step(1)), epsilon);
      return b.sub(b.mul(pair.p, b.step(2)), b.div(b.mul(b.step(0), b.get(v)), denominator));
    };
  },
  torch:
    'torch.optim.AdamW(lr, betas=(beta1, beta2), eps, weight_decay=0.01): W *= 1 - lr weight_decay, then Adam with ' +
    'epsilon added to sqrt(s) / sqrt(1 - beta2^t). The decay applies to every parameter, biases included, as torch does for one parameter group.',
} as const satisfies OptimizerDefinition;
