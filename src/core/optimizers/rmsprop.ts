import type { OptimizerDefinition } from './optimizer';

/**
 * RMSProp as torch.optim.RMSprop(lr, alpha, eps) computes it (no momentum, not centered):
 * `s = alpha s + (1 - alpha) dW dW`, `W = W - lr dW / (sqrt(s) + eps)`, with torch's order of
 * operations (addcmul multiplies (1 - alpha) by dW first; addcdiv divides lr dW by the root).
 */
export const rmsprop = {
  id: 'rmsprop',
  title: 'RMSProp',
  description: 'RMSProp: divides each step by the root of a running average of squared gradients (torch.optim.RMSprop).',
  color: { themeColor: 'charts-purple', hex: '#b180d7' },
  notebook: false,
  hyperparameters: ['alpha', 'epsilon'],
  state: ['s'],
  update({ p, g, state: [s], learningRate, h: { alpha, epsilon }, n }) {
    for (let i = 0; i < n; i++) {
      const gi = g[i]!;
      s![i] = alpha * s![i]! + (1 - alpha) * gi * gi;
      p[i] = p[i]! - (learningRate * gi) / (Math.sqrt(s![i]!) + epsilon);
    }
  },
  wasm: (b) => {
    const [alpha, keep, epsilon] = [b.hyper('alpha'), b.oneMinus('alpha'), b.hyper('epsilon')];
    const s = b.local();
    return (pair) => {
      b.set(s, b.add(b.mul(alpha, pair.state(0)), b.mul(b.mul(keep, pair.g), pair.g)));
      pair.storeState(0, b.get(s));
      return b.sub(pair.p, b.div(b.mul(b.learningRate, pair.g), b.add(b.sqrt(b.get(s)), epsilon)));
    };
  },
  torch:
    'torch.optim.RMSprop(lr, alpha=0.99, eps=1e-8), momentum 0, not centered: square_avg = alpha square_avg + (1 - alpha) g², ' +
    'W -= lr g / (sqrt(square_avg) + eps). No bias correction, so the first steps are large (s starts at 0).',
} as const satisfies OptimizerDefinition;
