import type { tf } from '../tf.js';

/** Adam's scalars for one step, bias corrections folded in. */
export interface AdamHyper {
  lrc1: number;
  beta1: number;
  beta2: number;
  c2: number;
  epsilon: number;
}

/** One parameter with its gradient and moments. */
export interface AdamSlot {
  param: tf.Variable;
  grad: tf.Tensor;
  m: tf.Variable;
  v: tf.Variable;
}

/** Fused native L1 + Adam (stub until the addon lands): null means "use tfjs ops". */
export function fusedAdamL1(
  _slots: AdamSlot[],
  _h: AdamHyper,
  _l1: { cW: number; cSyn: number; lengths?: tf.Tensor2D },
): { weight: number; length: number } | null {
  return null;
}
