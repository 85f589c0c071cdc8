import type { UrnConfig } from '../core/config.js';
import { createRng } from '../util/rng.js';

/** What the init takes from the training options (`TrainOptions` has both). */
export interface InitOptions {
  /** Multiplier of the He-normal std √(2/S) (default 1). */
  initScale?: number;
  /** Initial bias of the dOut output neurons (default 0); every other bias starts at 0. */
  outputBias?: number;
}

/**
 * He-normal initial weights (std √(2/S), dense, times `initScale`) and zero biases, the output
 * neurons' at `outputBias`, from the config's seed. Drawn on the CPU from the engine's own PRNG,
 * so the same seed gives the same W on every backend.
 *
 * ```ts
 * const { W, b } = initParams(resolveConfig({ S: 64, I: 4, dIn: 10, dOut: 2, seed: 3 }));
 * const lit = initParams(resolveConfig({ S: 64, I: 4, dIn: 10, dOut: 2, seed: 3 }), { outputBias: 0.1 });
 * ```
 */
export function initParams(cfg: UrnConfig, { initScale = 1, outputBias = 0 }: InitOptions = {}): { W: Float32Array; b: Float32Array } {
  const rng = createRng(cfg.seed);
  const std = initScale * Math.sqrt(2 / cfg.S);
  const W = new Float32Array(cfg.S * cfg.S);
  for (let k = 0; k < W.length; k++) W[k] = rng.normal() * std;
  const b = new Float32Array(cfg.S);
  b.fill(outputBias, cfg.S - cfg.dOut);
  return { W, b };
}
