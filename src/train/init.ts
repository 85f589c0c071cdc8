import type { UrnConfig } from '../core/config.js';
import { createRng } from '../util/rng.js';

/**
 * He-normal initial weights (std √(2/S), dense, times `scale`) and zero biases, from the
 * config's seed. Drawn on the CPU from the engine's own PRNG, so the same seed gives the same W
 * on every backend.
 *
 * ```ts
 * const { W, b } = initParams(resolveConfig({ S: 64, I: 4, dIn: 10, dOut: 2, seed: 3 }));
 * ```
 */
export function initParams(cfg: UrnConfig, scale = 1): { W: Float32Array; b: Float32Array } {
  const rng = createRng(cfg.seed);
  const std = scale * Math.sqrt(2 / cfg.S);
  const W = new Float32Array(cfg.S * cfg.S);
  for (let k = 0; k < W.length; k++) W[k] = rng.normal() * std;
  return { W, b: new Float32Array(cfg.S) };
}
