/** The scalars of one fused L1 + Adam pass over one parameter (the native and WGSL kernels take the same). */
export interface AdamL1Params {
  /** lr / (1 − β1^t). */
  lrc1: number;
  beta1: number;
  beta2: number;
  /** 1 / (1 − β2^t). */
  c2: number;
  epsilon: number;
  /** c_W: added as sign(w)·c_W to the gradient, or (proximal) the threshold's weight part. */
  cW: number;
  /** c_syn: with `d`, adds sign(w)·d·c_syn, or (proximal) the threshold's length part. */
  cSyn: number;
  /** The base learning rate when proximal (the threshold is proxLr·λ / q); 0 for the subgradient. */
  proxLr: number;
}

/** A parameter with its gradient, moments and (for W with lengths) d^γ, all of one length. */
export interface AdamL1Arrays {
  w: Float32Array;
  g: Float32Array;
  m: Float32Array;
  v: Float32Array;
  d?: Float32Array;
}

const f = Math.fround;

/**
 * The fused L1 + Adam pass in TypeScript, with float32 rounding after every operation, in the
 * order the native (urn_native.c `adam_one`) and WGSL (`adamL1Wgsl`) kernels compute it: updates
 * w, m and v in place and returns Σ|w| and Σ|w|·d over the w before the step.
 * Subgradient: g += sign(w)·(c_W + c_syn·d). Proximal (proxLr > 0): after Adam's u,
 * w = sign(u)·max(|u| − proxLr·(c_W + c_syn·d)/q, 0) with q = √(v·c2) + ε.
 *
 * ```ts
 * const a = { w: Float32Array.of(0.1, -0.2), g: Float32Array.of(1e-3, 0), m: new Float32Array(2), v: new Float32Array(2) };
 * const { sumAbs } = adamL1Reference(a, { lrc1: 1e-3 / 0.1, beta1: 0.9, beta2: 0.999, c2: 1000, epsilon: 1e-7, cW: 5e-7, cSyn: 0, proxLr: 0 });
 * ```
 */
export function adamL1Reference(a: AdamL1Arrays, p: AdamL1Params): { sumAbs: number; sumAbsD: number } {
  const { w, g, m, v, d } = a;
  const prox = p.proxLr > 0;
  const [b1, b2, ob1, ob2] = [f(p.beta1), f(p.beta2), f(1 - p.beta1), f(1 - p.beta2)];
  const [lrc1, c2, eps, cW, cSyn, proxLr] = [p.lrc1, p.c2, p.epsilon, p.cW, p.cSyn, p.proxLr].map(f);
  let sumAbs = 0;
  let sumAbsD = 0;
  for (let k = 0; k < w.length; k++) {
    const wk = w[k];
    const aw = Math.abs(wk);
    const dk = d ? d[k] : 0;
    sumAbs += aw;
    sumAbsD += f(aw * dk);
    let gk = g[k];
    if (!prox) {
      const s = Math.sign(wk);
      gk = f(gk + f(s * cW));
      if (d) gk = f(gk + f(s * f(dk * cSyn)));
    }
    const mk = f(f(m[k] * b1) + f(gk * ob1));
    const vk = f(f(v[k] * b2) + f(f(gk * gk) * ob2));
    m[k] = mk;
    v[k] = vk;
    const q = f(f(Math.sqrt(f(vk * c2))) + eps);
    const u = f(wk - f(f(mk * lrc1) / q));
    if (!prox) {
      w[k] = u;
      continue;
    }
    const lam = d ? f(cW + f(dk * cSyn)) : cW;
    const au = f(Math.abs(u) - f(f(proxLr * lam) / q));
    w[k] = au > 0 ? (u > 0 ? au : -au) : 0;
  }
  return { sumAbs, sumAbsD };
}
