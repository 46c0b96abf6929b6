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
  const lr = inputs.learningRate;
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
  const { beta, learningRate: lr } = inputs;
  const velocity = variant.velocity ?? 'correct';
  const r = updateLayers(inputs.parameters, inputs.grads, inputs.v, {}, variant.skipLastLayer ?? false, () => ({ w, g, v }) => {
    const vNext = velocity === 'correct' ? beta * v + (1 - beta) * g : velocity === 'no-one-minus-beta' ? beta * v + g : (1 - beta) * v + beta * g;
    const step = variant.stepUsesGradient ? g : vNext;
    return { w: w - sign * lr * step, v: vNext, s: 0, vc: 0, sc: 0 };
  });
  return pyTuple([pyDictOf(r.parameters), pyDictOf(r.v)]);
}

export function adamVariant(inputs: AdamInputs, variant: UpdateVariant): PyValue {
  const sign = variant.sign ?? 1;
  const { learningRate: lr, beta1, beta2, epsilon } = inputs.hyperparameters ?? ADAM_DEFAULTS;
  const t = inputs.t;
  const correction = variant.biasCorrection ?? 't';
  const r = updateLayers(inputs.parameters, inputs.grads, inputs.v, inputs.s, variant.skipLastLayer ?? false, (layer) => {
    const power = correction === 'layer' ? layer : correction === 'layer-from-zero' ? layer - 1 : t;
    const c1 = correction === 'none' ? 1 : 1 - beta1 ** power;
    const c2 = correction === 'none' ? 1 : 1 - beta2 ** power;
    return ({ w, g, v, s }) => {
      const vNext = beta1 * v + (1 - beta1) * (variant.firstMoment === 'squared-gradient' ? g * g : g);
      const sNext = beta2 * s + (1 - beta2) * (variant.secondMoment === 'gradient' ? g : g * g);
      const vc = vNext / c1;
      const sc = sNext / c2;
      const denominator = variant.epsilon === 'inside-sqrt' ? Math.sqrt(sc + epsilon) : Math.sqrt(sc) + epsilon;
      return { w: w - sign * lr * (vc / denominator), v: vNext, s: sNext, vc, sc };
    };
  });
  if (variant.returnsCorrected) return pyTuple([pyDictOf(r.parameters), pyDictOf(r.vCorrected), pyDictOf(r.sCorrected)]);
  return pyTuple([r.parameters, r.v, r.s, r.vCorrected, r.sCorrected].map(pyDictOf));
}
