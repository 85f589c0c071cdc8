import type { tf } from './tf.js';

/**
 * The one way the engine reads a tensor's values: asynchronously, on every backend
 * (tfjs-backend-webgpu cannot read synchronously in Node, so no code path uses `dataSync`).
 * Returns a fresh Float32Array the caller owns: the cpu backend hands out its own storage, and an
 * int32 or bool tensor holds another array type; both are copied (a typed-array copy, not a loop).
 *
 * ```ts
 * const W = await readFloats(model.W);
 * ```
 */
export async function readFloats(t: tf.Tensor): Promise<Float32Array> {
  return new Float32Array((await t.data()) as Float32Array | Int32Array | Uint8Array);
}

/**
 * The first value of a tensor (a loss, a count), read asynchronously.
 *
 * ```ts
 * const firstBias = await readScalar(model.b);
 * ```
 */
export async function readScalar(t: tf.Tensor): Promise<number> {
  return ((await t.data()) as Float32Array | Int32Array | Uint8Array)[0];
}
