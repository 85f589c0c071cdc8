import { tf } from '../tf.js';

/**
 * The linear-form factor used inside ‖z;o‖ ≤ ε: tanh(√|o|)/√|o|, or 1 when |o| ≤ 0.01.
 *
 * ```ts
 * linearFactor(0); // 1
 * ```
 */
export function linearFactor(o: number | tf.Scalar): number | tf.Scalar {
  if (typeof o === 'number') {
    const a = Math.abs(o);
    return a > 0.01 ? Math.tanh(Math.sqrt(a)) / Math.sqrt(a) : 1;
  }
  return tf.tidy(() => {
    const a = tf.abs(o);
    const s = tf.sqrt(tf.maximum(a, 0.01));
    // step, not where(greater(…)): comparisons have no gradient in tfjs, step's is zero.
    const big = tf.step(tf.sub(a, 0.01));
    return tf.add(tf.mul(big, tf.div(tf.tanh(s), s)), tf.sub(1, big)) as tf.Scalar;
  });
}

/**
 * The isotropic tanh (Bird 2026) on a batch of pre-activations z (B×n), over each row:
 * ‖z;o‖ = √|o + Σz²|, σ(z) = f·z with f = tanh(‖z;o‖)/‖z;o‖ (B×1), and f = `linearFactor(o)`
 * inside ‖z;o‖ ≤ ε. Differentiable in z and o (the norm is clamped at ε before the division, so
 * gradients stay finite at z = 0). Same formula as the runtime's `isotropicFactor`.
 *
 * ```ts
 * const { h, f } = isotropicTanh(z, 1e-6, 1e-3);
 * ```
 */
export function isotropicTanh(z: tf.Tensor2D, o: number | tf.Scalar, epsilon: number): { h: tf.Tensor2D; f: tf.Tensor2D } {
  const sq = tf.sum(tf.square(z), 1, true);
  const a = tf.abs(tf.add(sq, o));
  const eps2 = epsilon * epsilon;
  const r = tf.sqrt(tf.maximum(a, eps2));
  const outside = tf.div(tf.tanh(r), r);
  const inside = tf.step(tf.sub(eps2, a));
  const f = tf.add(tf.mul(inside, linearFactor(o)), tf.mul(tf.sub(1, inside), outside)) as tf.Tensor2D;
  return { h: tf.mul(z, f) as tf.Tensor2D, f };
}
