import type { Activation } from '../urn/config.js';

/**
 * φ(z) = max(z, 0); NaN passes through.
 *
 * ```ts
 * relu(-2); // 0
 * ```
 */
export const relu = (z: number): number => (z < 0 ? 0 : z);

/**
 * The scalar activation φ of a config.
 *
 * ```ts
 * activationFn('tanh')(0.5); // Math.tanh(0.5)
 * ```
 */
export function activationFn(a: Activation): (z: number) => number {
  return a === 'relu' ? relu : Math.tanh;
}

/**
 * Apply φ in place to `buf[from .. to)`.
 *
 * ```ts
 * activateRange('relu', state, 0, state.length);
 * ```
 */
export function activateRange(a: Activation, buf: Float32Array, from: number, to: number): void {
  if (a === 'relu') {
    for (let s = from; s < to; s++) if (buf[s] < 0) buf[s] = 0;
  } else {
    for (let s = from; s < to; s++) buf[s] = Math.tanh(buf[s]);
  }
}
