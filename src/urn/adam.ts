import { tf } from './tf.js';
import { variableFrom } from './model.js';

/** Adam hyper-parameters. */
export interface AdamOptions {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export const ADAM_DEFAULTS: AdamOptions = { lr: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

/** Adam's state for a list of parameters, as typed arrays (what a checkpoint stores). */
export interface AdamState {
  /** Steps taken. */
  t: number;
  m: Float32Array[];
  v: Float32Array[];
}

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
  state(): AdamState;
  dispose(): void;
}

export function createAdam(params: tf.Variable[], o: AdamOptions, init?: AdamState): Adam {
  let t = init?.t ?? 0;
  const mk = (k: number, from?: Float32Array[]) =>
    variableFrom(from ? Float32Array.from(from[k]) : new Float32Array(params[k].size), params[k].shape, false);
  const m = params.map((_, k) => mk(k, init?.m));
  const v = params.map((_, k) => mk(k, init?.v));
  return {
    step(grads) {
      t += 1;
      const c1 = 1 / (1 - Math.pow(o.beta1, t));
      const c2 = 1 / (1 - Math.pow(o.beta2, t));
      tf.tidy(() => {
        params.forEach((p, k) => {
          const g = grads[k];
          const mk1 = tf.add(tf.mul(m[k], o.beta1), tf.mul(g, 1 - o.beta1));
          const vk1 = tf.add(tf.mul(v[k], o.beta2), tf.mul(tf.square(g), 1 - o.beta2));
          m[k].assign(mk1);
          v[k].assign(vk1);
          const update = tf.div(tf.mul(mk1, o.lr * c1), tf.add(tf.sqrt(tf.mul(vk1, c2)), o.epsilon));
          p.assign(tf.sub(p, update));
        });
      });
    },
    state: () => ({
      t,
      m: m.map((x) => Float32Array.from(x.dataSync() as Float32Array)),
      v: v.map((x) => Float32Array.from(x.dataSync() as Float32Array)),
    }),
    dispose() {
      m.forEach((x) => x.dispose());
      v.forEach((x) => x.dispose());
    },
  };
}
