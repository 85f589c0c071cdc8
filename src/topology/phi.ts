import type { Activation } from '../urn/config.js';

/** φ(z) = max(z, 0) in float64; NaN passes through. */
const relu = (z: number): number => (z < 0 ? 0 : z);

/**
 * The scalar activation φ of a config, in float64.
 *
 * ```ts
 * phiOf('relu')(-2); // 0
 * ```
 */
export function phiOf(activation: Activation): (z: number) => number {
  return activation === 'relu' ? relu : Math.tanh;
}
