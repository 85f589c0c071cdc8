import type { Activation } from '../core/config.js';

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
