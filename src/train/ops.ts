import { tf } from './tf.js';

/**
 * sign(x): −1, 0 or 1 (0 at ±0). Plain `tf.sign`: wasm's wrong-near-0 `Sign` is replaced at
 * registration (`installWasmKernelFixes`), so this holds on every backend.
 *
 * ```ts
 * const g = tf.add(gW, tf.mul(sign(W), cW));
 * ```
 */
export function sign<T extends tf.Tensor>(x: T): T {
  return tf.sign(x);
}

/**
 * The last `count` columns of a B×S matrix. Plain `tf.slice`: wasm's slow `Slice` of a block is
 * replaced at registration (`installWasmKernelFixes`).
 *
 * ```ts
 * const logits = lastColumns(states[I], dOut);
 * ```
 */
export function lastColumns(x: tf.Tensor2D, count: number): tf.Tensor2D {
  const [rows, cols] = x.shape;
  return tf.slice(x, [0, cols - count], [rows, count]);
}
