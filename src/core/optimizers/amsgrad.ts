import type { OptimizerDefinition } from './optimizer';

/**
 * AMSGrad as torch.optim.Adam(amsgrad=True) computes it: Adam's moments, then
 * `sMax = max(sMax, s)` and `W = W - (lr / (1 - beta1^t)) v / (sqrt(sMax) / sqrt(1 - beta2^t) + eps)`.
 */
export const amsgrad = {
  id: 'amsgrad',
  title: 'AMSGrad',
  description: "AMSGrad: Adam that never lets the second moment's maximum shrink (torch.optim.Adam(amsgrad=True)).",
  color: { themeColor: 'charts-foreground', hex: '#4ec9b0' },
  notebook: false,
  hyperparameters: ['beta1', 'beta2', 'epsilon'],
  state: ['v', 's', 'sMax'],
  stepValues: {
    count: 2,
    usesLearningRate: true,
    compute(t, learningRate, { beta1, beta2 }, out, at) {
      out[at] = learningRate / (1 - Math.pow(beta1, t));
      out[at + 1] = Math.sqrt(1 - Math.pow(beta2, t));
    },
  },
  update({ p, g, state: [v, s, sMax], h: { beta1, beta2, epsilon }, step, stepAt, n }) {
    const stepSize = step[stepAt]!;
    const correction2Sqrt = step[stepAt + 1]!;
    for (let i = 0; i < n; i++) {
      const gi = g[i]!;
      v![i] = beta1 * v![i]! + (1 - beta1) * gi;
      s![i] = beta2 * s![i]! + (1 - beta2) * gi * gi;
      sMax![i] = Math.max(sMax![i]!, s![i]!);
      p[i] = p[i]! - (stepSize * v![i]!) / (Math.sqrt(sMax![i]!) / correction2Sqrt + epsilon);
    }
  },
  wasm: (b) => {
    const [beta1, keep1, beta2, keep2, epsilon] = [b.hyper('beta1'), b.oneMinus('beta1'), b.hyper('beta2'), b.oneMinus('beta2'), b.hyper('epsilon')];
    const [v, s, sMax] = [b.local(), b.local(), b.local()];
    return (pair) => {
      b.set(v, b.add(b.mul(beta1, pair.state(0)), b.mul(keep1, pair.g)));
      b.set(s, b.add(b.mul(beta2, pair.state(1)), b.mul(b.mul(keep2, pair.g), pair.g)));
      b.set(sMax, b.max(pair.state(2), b.get(s)));
      pair.storeState(0, b.get(v));
      pair.storeState(1, b.get(s));
      pair.storeState(2, b.get(sMax));
      return b.sub(pair.p, b.div(b.mul(b.step(0), b.get(v)), b.add(b.div(b.sqrt(b.get(sMax)), b.step(1)), epsilon)));
    };
  },
  torch:
    'torch.optim.Adam(lr, betas, eps, amsgrad=True): the running maximum of the uncorrected second moment, divided by ' +
    'sqrt(1 - beta2^t), with epsilon outside the root.',
} as const satisfies OptimizerDefinition;
