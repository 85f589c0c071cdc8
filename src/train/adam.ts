import { tf } from './tf.js';
import { variableFrom } from './model.js';
import { fusedAdamL1 } from './kernels/native-adam.js';
import { webgpuAdamL1 } from './kernels/webgpu/adam-l1.js';
import { sign } from './ops.js';
import { readFloats } from './read.js';
import { scatterSquare } from './support.js';
import type { AdamState } from '../run/checkpoint.js';

/** Adam hyper-parameters. */
export interface AdamOptions {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export const ADAM_DEFAULTS: AdamOptions = { lr: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

/** Adam's state for a list of parameters, as typed arrays (what a checkpoint stores). */
export type { AdamState };

/**
 * Adam whose moments live in tf variables and can be read and restored exactly, so a resumed
 * run continues bit for bit.
 *
 * ```ts
 * const adam = createAdam([model.W, model.b], { ...ADAM_DEFAULTS, lr: 1e-3 });
 * adam.step([gW, gb]);
 * ```
 */
export interface Adam {
  step(grads: tf.Tensor[]): void;
  /** The moments as typed arrays, read asynchronously (what a checkpoint stores). */
  state(): Promise<AdamState>;
  dispose(): void;
}

/** The L1 regulators whose subgradient is added to W's gradient inside the Adam step. */
export interface L1Terms {
  /** c_W of c_W·Σ|W_ij|. */
  cW: number;
  /** c_syn of c_syn·Σ|W_ij|·d_ij^γ; used only with `lengths`. */
  cSyn: number;
  /** The S×S matrix of d_ij^γ (see `synapseLengthMatrix`). */
  lengths?: tf.Tensor2D;
  /**
   * Apply the L1 terms as a proximal step instead of a subgradient: Adam moves W on the smooth
   * loss alone, then each W_ij is soft-thresholded by lr·λ_ij / (√v̂_ij + ε), λ = c_W + c_syn·d^γ.
   * Weights the data does not hold up become exactly 0 (a subgradient leaves them jittering
   * around 0 at about lr).
   */
  proximal?: boolean;
}

/** An `Adam` that can also take the L1 subgradient of W in the same pass (natively when it can). */
export interface AdamL1 extends Adam {
  /**
   * One Adam step on [W, b] where W's gradient gets sign(W)·(c_W + c_syn·d^γ) added first, or,
   * with `l1.proximal`, W is soft-thresholded after the step instead.
   * Returns the weight and length terms at the W before the step, as scalars the caller owns.
   *
   * With `ids`, `grads[0]` is only the |ids|×|ids| block of W's gradient at those rows and
   * columns, every other entry's being 0 (a step on the batch's support): the native pass
   * expands it row by row in place; the other paths scatter it into S×S first.
   */
  stepL1(grads: [tf.Tensor, tf.Tensor], l1: L1Terms, ids?: Int32Array): { weight: tf.Scalar; length: tf.Scalar };
}

/**
 * Adam (same maths and state as `createAdam`, so checkpoints are interchangeable) with
 * `stepL1`, the fused L1 + Adam update: one pass over W, its gradient and both moments, native
 * on wasm and cpu when the addon is active, WGSL on webgpu, else the same formula in tfjs ops.
 *
 * ```ts
 * const adam = createAdamL1([model.W, model.b], { ...ADAM_DEFAULTS, lr: 7e-4 });
 * const { weight, length } = adam.stepL1([gW, gb], { cW: 5e-7, cSyn: 0 });
 * ```
 */
export function createAdamL1(params: tf.Variable[], o: AdamOptions, init?: AdamState): AdamL1 {
  let t = init?.t ?? 0;
  const mk = (k: number, from?: Float32Array[]) =>
    variableFrom(from ? Float32Array.from(from[k]) : new Float32Array(params[k].size), params[k].shape, false);
  const m = params.map((_, k) => mk(k, init?.m));
  const v = params.map((_, k) => mk(k, init?.v));
  /** Adam on parameter k; with `lambda` (a scalar or a tensor of λ_ij), then the soft-threshold. */
  const update = (k: number, g: tf.Tensor, c1: number, c2: number, lambda?: tf.Tensor) => {
    const mk1 = tf.add(tf.mul(m[k], o.beta1), tf.mul(g, 1 - o.beta1));
    const vk1 = tf.add(tf.mul(v[k], o.beta2), tf.mul(tf.square(g), 1 - o.beta2));
    m[k].assign(mk1);
    v[k].assign(vk1);
    const q = tf.add(tf.sqrt(tf.mul(vk1, c2)), o.epsilon);
    const u = tf.sub(params[k], tf.div(tf.mul(mk1, o.lr * c1), q));
    if (!lambda) return params[k].assign(u);
    const tau = tf.div(tf.mul(lambda, o.lr), q);
    params[k].assign(tf.mul(sign(u), tf.relu(tf.sub(tf.abs(u), tau))));
  };
  /** `stepL1` in tfjs ops: the L1 subgradient added to W's gradient, or the proximal step. */
  const l1Update = (grads: tf.Tensor[], l1: L1Terms, c1: number, c2: number) => {
    const W = params[0];
    const useLengths = l1.cSyn !== 0 && l1.lengths !== undefined;
    const absW = l1.cW !== 0 || useLengths ? tf.abs(W) : null;
    const weight = l1.cW === 0 ? tf.scalar(0) : (tf.mul(l1.cW, tf.sum(absW!)) as tf.Scalar);
    const length = useLengths ? (tf.mul(l1.cSyn, tf.sum(tf.mul(absW!, l1.lengths!))) as tf.Scalar) : tf.scalar(0);
    if (l1.proximal) {
      const lambda = useLengths ? tf.add(tf.mul(l1.lengths!, l1.cSyn), l1.cW) : tf.scalar(l1.cW);
      update(0, grads[0], c1, c2, lambda);
    } else {
      const signW = sign(W);
      let gW = grads[0];
      if (l1.cW !== 0) gW = tf.add(gW, tf.mul(signW, l1.cW));
      if (useLengths) gW = tf.add(gW, tf.mul(signW, tf.mul(l1.lengths!, l1.cSyn)));
      update(0, gW, c1, c2);
    }
    for (let k = 1; k < params.length; k++) update(k, grads[k], c1, c2);
    return { weight, length };
  };
  const tick = () => {
    t += 1;
    return [1 / (1 - Math.pow(o.beta1, t)), 1 / (1 - Math.pow(o.beta2, t))];
  };
  const adam: AdamL1 = {
    step(grads) {
      const [c1, c2] = tick();
      tf.tidy(() => params.forEach((_, k) => update(k, grads[k], c1, c2)));
    },
    stepL1(grads, l1, ids) {
      const [c1, c2] = tick();
      const hyper = { lrc1: o.lr * c1, beta1: o.beta1, beta2: o.beta2, c2, epsilon: o.epsilon, lr: o.lr };
      const slots = (gs: tf.Tensor[], at?: Int32Array) => params.map((p, k) => ({ param: p, grad: gs[k], m: m[k], v: v[k], ids: k ? undefined : at }));
      const native = fusedAdamL1(slots(grads, ids), hyper, l1);
      if (native) return { weight: tf.scalar(native.weight), length: tf.scalar(native.length) };
      const full = ids ? [scatterSquare(grads[0] as tf.Tensor2D, ids, params[0].shape[0]), grads[1]] : grads;
      try {
        return webgpuAdamL1(slots(full), hyper, l1) ?? tf.tidy(() => l1Update(full, l1, c1, c2));
      } finally {
        if (ids) full[0].dispose();
      }
    },
    state: async () => {
      const at = t;
      const [mv, vv] = await Promise.all([Promise.all(m.map(readFloats)), Promise.all(v.map(readFloats))]);
      return { t: at, m: mv, v: vv };
    },
    dispose() {
      m.forEach((x) => x.dispose());
      v.forEach((x) => x.dispose());
    },
  };
  return adam;
}

export function createAdam(params: tf.Variable[], o: AdamOptions, init?: AdamState): Adam {
  // One implementation: the L1-capable Adam's plain `step` is exactly this optimizer.
  return createAdamL1(params, o, init);
}
