import type { tf } from './tf.js';
import { createAdamL1 } from './adam-l1.js';

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
  // One implementation: the L1-capable Adam's plain `step` is exactly this optimizer.
  return createAdamL1(params, o, init);
}
