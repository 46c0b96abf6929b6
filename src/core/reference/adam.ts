import { assertSameShape } from '../linalg/ops';
import { entry, layerCount, type Grads, type Parameters } from '../nn/parameters';
import { initializeVelocity } from './momentum';

/**
 * Where epsilon goes in Adam's step. The graded code (and the Adam paper) add it outside the
 * square root, `v_corr / (sqrt(s_corr) + eps)`; the notebook's typeset formula puts it inside,
 * `v_corr / sqrt(s_corr + eps)`, which is what its Expected Output table shows for W2[2][1].
 */
export type EpsilonPlacement = 'outsideSqrt' | 'insideSqrt';

/** What one Adam step returns: the newer edition's five values (the older returns the first three). */
export interface AdamStep {
  parameters: Parameters;
  v: Grads;
  s: Grads;
  vCorrected: Grads;
  sCorrected: Grads;
}

/**
 * The notebook's `initialize_adam`: v and s, zeros shaped like each parameter, keyed dW1, db1, ...
 *
 * @example
 * const { v, s } = initializeAdam(initializeParameters([2, 5, 2, 1])); // v.dW1, s.dW1: 5 x 2 zeros
 */
export function initializeAdam(parameters: Parameters): { v: Grads; s: Grads } {
  return { v: initializeVelocity(parameters), s: initializeVelocity(parameters) };
}

/**
 * The notebook's graded `update_parameters_with_adam` for step `t` (counted from 1):
 * `v = beta1 v + (1 - beta1) dW`, `v_corr = v / (1 - beta1^t)`, `s = beta2 s + (1 - beta2) dW^2`,
 * `s_corr = s / (1 - beta2^t)`, `W = W - learning_rate * v_corr / (sqrt(s_corr) + epsilon)`.
 * Returns new dictionaries; the inputs are left as they were.
 *
 * @example
 * const { parameters, grads, v, s } = updateParametersWithAdamTestCase();
 * updateParametersWithAdam(parameters, grads, v, s, 2).parameters.W2; // [..., [1.14121081, -1.09244991, -0.16498684]]
 */
export function updateParametersWithAdam(
  parameters: Parameters,
  grads: Grads,
  v: Grads,
  s: Grads,
  t: number,
  learningRate = 0.01,
  beta1 = 0.9,
  beta2 = 0.999,
  epsilon = 1e-8,
  epsilonPlacement: EpsilonPlacement = 'outsideSqrt',
): AdamStep {
  const out: AdamStep = { parameters: {}, v: {}, s: {}, vCorrected: {}, sCorrected: {} };
  const c1 = 1 - beta1 ** t;
  const c2 = 1 - beta2 ** t;
  for (let l = 1; l <= layerCount(parameters); l++) {
    for (const p of [`W${l}`, `b${l}`]) {
      const g = `d${p}`;
      const [w, d, vPrev, sPrev] = [entry(parameters, p), entry(grads, g), entry(v, g), entry(s, g)];
      assertSameShape(w, d, `${p} and grads ${g}`);
      assertSameShape(w, vPrev, `${p} and v ${g}`);
      assertSameShape(w, sPrev, `${p} and s ${g}`);
      const n = w.data.length;
      const [vNext, vCorr, sNext, sCorr, wNext] = [buffer(n), buffer(n), buffer(n), buffer(n), buffer(n)];
      for (let i = 0; i < n; i++) {
        const di = d.data[i]!;
        vNext[i] = beta1 * vPrev.data[i]! + (1 - beta1) * di;
        vCorr[i] = vNext[i]! / c1;
        sNext[i] = beta2 * sPrev.data[i]! + (1 - beta2) * (di * di);
        sCorr[i] = sNext[i]! / c2;
        const denominator = epsilonPlacement === 'outsideSqrt' ? Math.sqrt(sCorr[i]!) + epsilon : Math.sqrt(sCorr[i]! + epsilon);
        wNext[i] = w.data[i]! - learningRate * (vCorr[i]! / denominator);
      }
      const shaped = (data: Float64Array) => ({ rows: w.rows, cols: w.cols, data });
      out.parameters[p] = shaped(wNext);
      out.v[g] = shaped(vNext);
      out.s[g] = shaped(sNext);
      out.vCorrected[g] = shaped(vCorr);
      out.sCorrected[g] = shaped(sCorr);
    }
  }
  return out;
}

function buffer(n: number): Float64Array {
  return new Float64Array(n);
}
