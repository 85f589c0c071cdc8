import type { UrnConfig } from '../core/config.js';
import { createRng } from '../util/rng.js';

/** How the biases start: all at 0, or each from U(−1/√S, 1/√S) (PyTorch's `nn.Linear` default). */
export type BiasInit = 'zero' | 'uniform';
export const BIAS_INITS: readonly BiasInit[] = ['zero', 'uniform'];

/**
 * How W is drawn, both with std √(2/S): 'normal' (a plain normal, PyTorch's `kaiming_normal_`) or
 * 'truncated' (Keras's `he_normal`: a normal cut at two of its standard deviations and widened so
 * that the cut one keeps std √(2/S)).
 */
export type WeightInit = 'normal' | 'truncated';
export const WEIGHT_INITS: readonly WeightInit[] = ['normal', 'truncated'];

/** The standard deviation of N(0, 1) cut to [−2, 2] (Keras's `VarianceScaling` divides by it). */
export const TRUNCATED_STD = 0.87962566103423978;

/** What the init takes from the training options (`TrainOptions` has both). */
export interface InitOptions {
  /** Multiplier of the He-normal std √(2/S) (default 1). */
  initScale?: number;
  /** How W is drawn (default 'normal'). */
  weightInit?: WeightInit;
  /** How every bias starts (default 'zero'). */
  biasInit?: BiasInit;
  /** Added to the dOut output neurons' initial biases (default 0). */
  outputBias?: number;
}

/**
 * He-normal initial weights (std √(2/S), dense, times `initScale`; with `weightInit: 'truncated'`
 * as Keras's `he_normal` draws them: N(0, σ²) with σ = √(2/S)/TRUNCATED_STD, redrawn while
 * |w| > 2σ) and biases at 0, or with
 * `biasInit: 'uniform'` drawn from U(−1/√S, 1/√S) as PyTorch's `nn.Linear(S, S)` starts them;
 * `outputBias` is added to the dOut output neurons'. Drawn on the CPU from the engine's own PRNG
 * from the config's seed, W first, so the same seed gives the same W whatever the biases, and
 * the same parameters on every backend.
 *
 * ```ts
 * const { W, b } = initParams(resolveConfig({ S: 64, I: 4, dIn: 10, dOut: 2, seed: 3 }));
 * const lit = initParams(resolveConfig({ S: 64, I: 4, dIn: 10, dOut: 2, seed: 3 }), { outputBias: 0.1 });
 * const torchLike = initParams(resolveConfig({ S: 64, I: 4, dIn: 10, dOut: 2, seed: 3 }), { biasInit: 'uniform' });
 * const kerasLike = initParams(resolveConfig({ S: 64, I: 4, dIn: 10, dOut: 2, seed: 3 }), { weightInit: 'truncated' });
 * ```
 */
export function initParams(cfg: UrnConfig, { initScale = 1, weightInit = 'normal', biasInit = 'zero', outputBias = 0 }: InitOptions = {}): { W: Float32Array; b: Float32Array } {
  const rng = createRng(cfg.seed);
  const std = initScale * Math.sqrt(2 / cfg.S);
  const W = new Float32Array(cfg.S * cfg.S);
  const truncated = weightInit === 'truncated';
  const scale = truncated ? std / TRUNCATED_STD : std;
  for (let k = 0; k < W.length; k++) {
    let z = rng.normal();
    while (truncated && Math.abs(z) > 2) z = rng.normal();
    W[k] = z * scale;
  }
  const b = new Float32Array(cfg.S);
  if (biasInit === 'uniform') {
    const bound = 1 / Math.sqrt(cfg.S);
    for (let i = 0; i < b.length; i++) b[i] = (2 * rng.next() - 1) * bound;
  }
  for (let i = cfg.S - cfg.dOut; i < cfg.S; i++) b[i] += outputBias;
  return { W, b };
}
