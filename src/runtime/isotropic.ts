import type { Activation } from '../core/config.js';
import type { Layer } from '../core/sparse-model.js';
import { activateRange } from './activation.js';

/**
 * The isotropic tanh's scalar factor (Bird 2026): with ‖z;o‖ = √|o + Σz²|, σ(z) = f·z where
 * f = tanh(‖z;o‖)/‖z;o‖; inside ‖z;o‖ ≤ ε the linear form f = tanh(√|o|)/√|o|, or 1 when
 * |o| ≤ 0.01. `sq` is Σz² over the layer.
 *
 * ```ts
 * isotropicFactor(4, 0, 1e-3); // tanh(2) / 2
 * ```
 */
export function isotropicFactor(sq: number, o: number, epsilon: number): number {
  const r = Math.sqrt(Math.abs(o + sq));
  if (r > epsilon) return Math.tanh(r) / r;
  const a = Math.abs(o);
  return a > 0.01 ? Math.tanh(Math.sqrt(a)) / Math.sqrt(a) : 1;
}

/**
 * Finish one layer of the layered form on a unit-major buffer (`buf[(base + u)·m + s]`, units
 * of this layer at `base`, mb samples of a chunk of m): add ψ·(previous layer's factor) when
 * the layer has ψ, then apply its activation: the config's φ elementwise when it names none,
 * nothing for 'identity', the isotropic tanh over all its units for 'isotropic-tanh', whose
 * per-sample factors land in `factor` (for the next layer's ψ).
 *
 * ```ts
 * activateLayer(L, 'tanh', buf, start[t], L.neurons.length, m, mb, prev, cur);
 * ```
 */
export function activateLayer(
  L: Layer,
  fallback: Activation,
  buf: Float32Array,
  base: number,
  rows: number,
  m: number,
  mb: number,
  prevFactor: Float32Array | null,
  factor: Float32Array | null,
): void {
  if (L.psi && prevFactor) {
    for (let u = 0; u < rows; u++) {
      const p = L.psi[u];
      if (p === 0) continue;
      const o = (base + u) * m;
      for (let s = 0; s < mb; s++) buf[o + s] += p * prevFactor[s];
    }
  }
  const a = L.activation;
  if (a === undefined) return activateRange(fallback, buf, base * m, (base + rows) * m);
  if (a.kind === 'identity') return;
  const f = factor ?? new Float32Array(mb);
  const sq = new Float64Array(mb);
  for (let u = 0; u < rows; u++) {
    const o = (base + u) * m;
    for (let s = 0; s < mb; s++) sq[s] += buf[o + s] * buf[o + s];
  }
  for (let s = 0; s < mb; s++) f[s] = isotropicFactor(sq[s], a.o, a.epsilon);
  for (let u = 0; u < rows; u++) {
    const o = (base + u) * m;
    for (let s = 0; s < mb; s++) buf[o + s] *= f[s];
  }
}
