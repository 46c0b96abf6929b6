import type { Matrix } from '../../core/linalg/matrix';
import { layerCount, type Grads, type Parameters } from '../../core/nn/parameters';
import { ADAM_DEFAULTS, type AdamInputs, type GdInputs, type MomentumInputs } from '../cases/caseInputs';
import { pyDictOf, pyTuple, type PyValue } from '../pyValue';

// The update functions written with a mistake, as learners write them: dictionaries updated in place
// (so a layer the loop skips comes back unchanged), numpy's float semantics (x / 0 is inf, 0 / 0 is nan).

export interface UpdateVariant {
  /** -1: `W = W + learning_rate * step`. */
  sign?: 1 | -1;
  /** `for l in range(1, L)` with `str(l)`: the last layer is never touched. */
  skipLastLayer?: boolean;
  velocity?: 'correct' | 'no-one-minus-beta' | 'beta-swapped';
  /** Momentum: `W = W - learning_rate * dW` although v is updated. */
  stepUsesGradient?: boolean;
  epsilon?: 'outside-sqrt' | 'inside-sqrt';
  /** 'layer': `1 - beta ** (l + 1)`; 'layer-from-zero': `1 - beta ** l` (l from 0: division by zero). */
  biasCorrection?: 't' | 'none' | 'layer' | 'layer-from-zero';
  firstMoment?: 'gradient' | 'squared-gradient';
  secondMoment?: 'squared-gradient' | 'gradient';
  /** Adam returns `parameters, v_corrected, s_corrected`. */
  returnsCorrected?: boolean;
  /** Another learning rate than the call passed (hard-coded, or a wrong default). */
  learningRate?: number;
  /** Momentum: another beta than the call passed. */
  beta?: number;
  /** Adam: other hyperparameters than the call passed. */
  beta1?: number;
  beta2?: number;
  epsilonValue?: number;
  /** Adam: another t than the call passed (`t + 1`: incremented inside the function). */
  t?: number;
  /** Momentum: `v = (1 - beta) * dW` (the beta * v term dropped); Adam: the same for v, s or both. */
  dropBetaTerm?: 'v' | 's' | 'both';
  /** Momentum: the parameters move with the new velocity but v is returned unchanged. */
  velocityNotStored?: boolean;
  /** Adam: s decayed with beta1 (`s = beta1 * s + (1 - beta1) * dW**2`), its correction too when 'both'. */
  secondMomentWithBeta1?: 'decay' | 'both';
  /** Adam: what divides the step instead of `sqrt(s_corrected) + epsilon`. */
  denominator?: 'no-sqrt' | 'square';
  /** Adam: epsilon added to the numerator, after the division, or to the updated parameter (no brackets at all). */
  epsilonPlace?: 'numerator' | 'after-division' | 'added-to-parameters';
  /** Adam: only one moment bias-corrected. */
  correctOnly?: 'v' | 's';
  /** Adam: the bias correction multiplies instead of dividing. */
  correctionMultiplies?: boolean;
  /** Adam: returns `parameters, s, v` (and the corrected ones swapped too). */
  swapVS?: boolean;
  /** Adam: the step uses v (or s) itself although the corrected one was computed (and is returned). */
  stepUncorrected?: 'v' | 's' | 'both';
}

type Rule = (x: { w: number; g: number; v: number; s: number }) => { w: number; v: number; s: number; vc: number; sc: number };

interface Updated {
  parameters: Parameters;
  v: Grads;
  s: Grads;
  vCorrected: Grads;
  sCorrected: Grads;
}

function get(dict: Record<string, Matrix>, key: string): Matrix {
  const m = dict[key];
  if (m === undefined) throw new Error(`variant: missing ${key}`);
  return m;
}

/** Runs `ruleFor(layer)` elementwise over every W and b that the (possibly mistaken) loop visits. */
function updateLayers(
  parameters: Parameters,
  grads: Grads,
  v: Grads,
  s: Grads,
  skipLastLayer: boolean,
  ruleFor: (layer: number) => Rule,
): Updated {
  const out: Updated = { parameters: { ...parameters }, v: { ...v }, s: { ...s }, vCorrected: {}, sCorrected: {} };
  const L = layerCount(parameters);
  for (let layer = 1; layer <= (skipLastLayer ? L - 1 : L); layer++) {
    const rule = ruleFor(layer);
    for (const p of [`W${layer}`, `b${layer}`]) {
      const g = `d${p}`;
      const w = get(parameters, p);
      const d = get(grads, g);
      const vPrev = v[g];
      const sPrev = s[g];
      const n = w.data.length;
      const [wNext, vNext, sNext, vc, sc] = [0, 0, 0, 0, 0].map(() => new Float64Array(n)) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
      for (let i = 0; i < n; i++) {
        const r = rule({ w: w.data[i]!, g: d.data[i]!, v: vPrev?.data[i] ?? 0, s: sPrev?.data[i] ?? 0 });
        wNext[i] = r.w;
        vNext[i] = r.v;
        sNext[i] = r.s;
        vc[i] = r.vc;
        sc[i] = r.sc;
      }
      const shaped = (data: Float64Array): Matrix => ({ rows: w.rows, cols: w.cols, data });
      out.parameters[p] = shaped(wNext);
      out.v[g] = shaped(vNext);
      out.s[g] = shaped(sNext);
      out.vCorrected[g] = shaped(vc);
      out.sCorrected[g] = shaped(sc);
    }
  }
  return out;
}

export function gdVariant(inputs: GdInputs, variant: UpdateVariant): PyValue {
  const sign = variant.sign ?? 1;
  const lr = variant.learningRate ?? inputs.learningRate;
  const r = updateLayers(inputs.parameters, inputs.grads, {}, {}, variant.skipLastLayer ?? false, () => ({ w, g }) => ({
    w: w - sign * lr * g,
    v: 0,
    s: 0,
    vc: 0,
    sc: 0,
  }));
  return pyDictOf(r.parameters);
}

export function momentumVariant(inputs: MomentumInputs, variant: UpdateVariant): PyValue {
  const sign = variant.sign ?? 1;
  const beta = variant.beta ?? inputs.beta;
  const lr = variant.learningRate ?? inputs.learningRate;
  const velocity = variant.velocity ?? 'correct';
  const r = updateLayers(inputs.parameters, inputs.grads, inputs.v, {}, variant.skipLastLayer ?? false, () => ({ w, g, v }) => {
    const kept = variant.dropBetaTerm ? 0 : v;
    const vNext = velocity === 'correct' ? beta * kept + (1 - beta) * g : velocity === 'no-one-minus-beta' ? beta * kept + g : (1 - beta) * kept + beta * g;
    const step = variant.stepUsesGradient ? g : vNext;
    return { w: w - sign * lr * step, v: variant.velocityNotStored ? v : vNext, s: 0, vc: 0, sc: 0 };
  });
  return pyTuple([pyDictOf(r.parameters), pyDictOf(r.v)]);
}

export function adamVariant(inputs: AdamInputs, variant: UpdateVariant): PyValue {
  const sign = variant.sign ?? 1;
  const given = inputs.hyperparameters ?? ADAM_DEFAULTS;
  const lr = variant.learningRate ?? given.learningRate;
  const beta1 = variant.beta1 ?? given.beta1;
  const beta2 = variant.beta2 ?? given.beta2;
  const epsilon = variant.epsilonValue ?? given.epsilon;
  const t = variant.t ?? inputs.t;
  const correction = variant.biasCorrection ?? 't';
  const sDecay = variant.secondMomentWithBeta1 ? beta1 : beta2;
  const sCorrectionBeta = variant.secondMomentWithBeta1 === 'both' ? beta1 : beta2;
  const r = updateLayers(inputs.parameters, inputs.grads, inputs.v, inputs.s, variant.skipLastLayer ?? false, (layer) => {
    const power = correction === 'layer' ? layer : correction === 'layer-from-zero' ? layer - 1 : t;
    const c1 = correction === 'none' || variant.correctOnly === 's' ? 1 : 1 - beta1 ** power;
    const c2 = correction === 'none' || variant.correctOnly === 'v' ? 1 : 1 - sCorrectionBeta ** power;
    const keepV = variant.dropBetaTerm === 'v' || variant.dropBetaTerm === 'both' ? 0 : 1;
    const keepS = variant.dropBetaTerm === 's' || variant.dropBetaTerm === 'both' ? 0 : 1;
    return ({ w, g, v, s }) => {
      const vNext = beta1 * v * keepV + (1 - beta1) * (variant.firstMoment === 'squared-gradient' ? g * g : g);
      const sNext = sDecay * s * keepS + (1 - sDecay) * (variant.secondMoment === 'gradient' ? g : g * g);
      const vc = variant.correctionMultiplies ? vNext * c1 : vNext / c1;
      const sc = variant.correctionMultiplies ? sNext * c2 : sNext / c2;
      const root = variant.denominator === 'no-sqrt' ? sc : variant.denominator === 'square' ? sc * sc : Math.sqrt(sc);
      let step: number;
      if (variant.stepUncorrected) {
        const num = variant.stepUncorrected === 's' ? vc : vNext;
        const den = variant.stepUncorrected === 'v' ? Math.sqrt(sc) : Math.sqrt(sNext);
        return { w: w - sign * lr * (num / (den + epsilon)), v: vNext, s: sNext, vc, sc };
      }
      if (variant.epsilonPlace === 'numerator') step = (vc + epsilon) / root;
      else if (variant.epsilonPlace === 'after-division') step = vc / root + epsilon;
      else if (variant.epsilonPlace === 'added-to-parameters') step = vc / root - epsilon / lr;
      else step = vc / (variant.epsilon === 'inside-sqrt' ? Math.sqrt(sc + epsilon) : root + epsilon);
      return { w: w - sign * lr * step, v: vNext, s: sNext, vc, sc };
    };
  });
  if (variant.returnsCorrected) return pyTuple([pyDictOf(r.parameters), pyDictOf(r.vCorrected), pyDictOf(r.sCorrected)]);
  if (variant.swapVS) return pyTuple([r.parameters, r.s, r.v, r.sCorrected, r.vCorrected].map(pyDictOf));
  return pyTuple([r.parameters, r.v, r.s, r.vCorrected, r.sCorrected].map(pyDictOf));
}
