import type { KernelState } from './epochKernel';

/**
 * One update of every parameter from the mini-batch gradients `grads` (same layout as the
 * parameters), written operation for operation as the notebook's graded code so that the
 * results match numpy's: `W - lr * dW`; momentum `v = beta v + (1 - beta) dW; W - lr v`;
 * Adam with t incremented first and epsilon outside the square root.
 *
 * @example
 * applyUpdate(state, grads, 0.0007); // state.params updated in place (and v, s, Adam's t)
 */
export function applyUpdate(state: KernelState, grads: Float64Array, learningRate: number): void {
  const { params: p, v, s } = state;
  const n = p.length;
  switch (state.optimizer) {
    case 'gd':
      for (let i = 0; i < n; i++) p[i] = p[i]! - learningRate * grads[i]!;
      return;
    case 'momentum': {
      const beta = state.beta;
      for (let i = 0; i < n; i++) {
        v[i] = beta * v[i]! + (1 - beta) * grads[i]!;
        p[i] = p[i]! - learningRate * v[i]!;
      }
      return;
    }
    case 'adam': {
      const { beta1, beta2, epsilon } = state;
      const t = state.counters[0]! + 1;
      state.counters[0] = t;
      const correction1 = 1 - Math.pow(beta1, t);
      const correction2 = 1 - Math.pow(beta2, t);
      for (let i = 0; i < n; i++) {
        const g = grads[i]!;
        v[i] = beta1 * v[i]! + (1 - beta1) * g;
        s[i] = beta2 * s[i]! + (1 - beta2) * (g * g);
        p[i] = p[i]! - (learningRate * (v[i]! / correction1)) / (Math.sqrt(s[i]! / correction2) + epsilon);
      }
      return;
    }
  }
}
