import { ConfigError, prefix } from '../../errors.js';
import { createRng } from '../../util/rng.js';
import type { IsoMlp, IsoMoments } from '../../core/isotropic-mlp.js';
import { checkLayer, diagonaliseLeft, neuronSingularValues } from './diagonalise.js';
import { resizeHidden } from './rotate.js';

const where = prefix('isotropic');

/** Options of `neurogenerate`. */
export interface GenesisOptions {
  /** Neurons to add. Default 1. */
  count: number;
  /** Std of the new outgoing columns (Bird's code: 0.01·N(0, 1)); 0 gives zero columns. */
  outScale: number;
  seed: number;
}

export const GENESIS_DEFAULTS: GenesisOptions = { count: 1, outScale: 0.01, seed: 0 };

/**
 * Neurogenesis: left-diagonalise weight layer `layer`, then add `count` scaffold neurons to
 * its hidden layer (zero incoming row, bias and ψ; small seeded outgoing column). A scaffold
 * neuron's pre-activation is exactly 0, so it adds nothing to ‖z;o‖ and outputs 0: the
 * function is unchanged (to the rounding of the rotation). Returns the new width.
 *
 * ```ts
 * neurogenerate(net, 1, moments, { count: 5 });
 * ```
 */
export function neurogenerate(net: IsoMlp, layer: number, moments: IsoMoments | null = null, options: Partial<GenesisOptions> = {}): number {
  const o = { ...GENESIS_DEFAULTS, ...options };
  checkLayer(net, layer);
  if (!Number.isInteger(o.count) || o.count < 0) throw new ConfigError(where(`count must be an integer ≥ 0, got ${o.count}.`));
  diagonaliseLeft(net, layer, moments);
  const rng = createRng(o.seed);
  resizeHidden(net, moments, layer, net.widths[layer + 1], o.count, () => (o.outScale === 0 ? 0 : o.outScale * rng.normal()));
  return net.widths[layer + 1];
}

/** Options of `neurodegenerate`. */
export interface DegenerateOptions {
  /** Neurons to remove, one at a time, each the one with the smallest singular value. Default 1. */
  count: number;
  /**
   * Compensate each removal: o ← o + b*² (unless o is 'zero') and ψ ← ψ + W*·b* (unless ψ is
   * 'none'), where b* is the removed neuron's bias and W* its outgoing column.
   */
  compensate: boolean;
}

export const DEGENERATE_DEFAULTS: DegenerateOptions = { count: 1, compensate: true };

/**
 * Neurodegeneration: remove the `count` neurons of hidden layer `layer` with the smallest
 * singular values (left-diagonalising before each), compensating with o and ψ. A neuron whose
 * singular value is 0 has the constant pre-activation b*, so the compensation is exact for it;
 * otherwise the change grows with its singular value. Returns the new width.
 *
 * ```ts
 * neurodegenerate(net, 1, moments, { count: 5, compensate: true });
 * ```
 */
export function neurodegenerate(net: IsoMlp, layer: number, moments: IsoMoments | null = null, options: Partial<DegenerateOptions> = {}): number {
  const o = { ...DEGENERATE_DEFAULTS, ...options };
  checkLayer(net, layer);
  const width = net.widths[layer + 1];
  if (!Number.isInteger(o.count) || o.count < 0 || o.count >= width) {
    throw new ConfigError(where(`count must be an integer in [0, ${width - 1}] for a layer of ${width} neurons, got ${o.count}.`));
  }
  for (let k = 0; k < o.count; k++) {
    diagonaliseLeft(net, layer, moments);
    const m = net.widths[layer + 1];
    const last = m - 1;
    const bStar = net.b[layer][last];
    const nOut = net.widths[layer + 2];
    const wStar = Float64Array.from({ length: nOut }, (_, r) => net.W[layer + 1][r * m + last]);
    resizeHidden(net, moments, layer, last, 0, () => 0);
    if (!o.compensate) continue;
    if (net.oMode !== 'zero') net.o[layer] += bStar * bStar;
    if (net.psiMode !== 'none') for (let r = 0; r < nOut; r++) net.psi[layer][r] += wStar[r] * bStar;
  }
  return net.widths[layer + 1];
}

/** Options of `autoAdapt`. */
export interface AdaptOptions {
  /** Scaffold neurons to keep: neurons whose singular value is ≤ threshold. Paper: 2. */
  scaffold: number;
  /** Singular value at or below which a neuron counts as scaffold. Paper: 0.1. */
  threshold: number;
  compensate: boolean;
  /** Seed of new scaffold neurons' outgoing columns. */
  seed: number;
}

export const ADAPT_DEFAULTS: AdaptOptions = { scaffold: 2, threshold: 0.1, compensate: true, seed: 0 };

/**
 * Auto-adaptation: add or remove neurons of hidden layer `layer` so that exactly `scaffold` of
 * them have singular value ≤ threshold (Miconi's reserve idea in Bird's form). Returns the
 * change in width (positive: grown).
 *
 * ```ts
 * const delta = autoAdapt(net, 0, moments, { scaffold: 2, threshold: 0.1 });
 * ```
 */
export function autoAdapt(net: IsoMlp, layer: number, moments: IsoMoments | null = null, options: Partial<AdaptOptions> = {}): number {
  const o = { ...ADAPT_DEFAULTS, ...options };
  if (!Number.isInteger(o.scaffold) || o.scaffold < 1) throw new ConfigError(where(`scaffold must be an integer ≥ 1, got ${o.scaffold}.`));
  if (!(o.threshold > 0)) throw new ConfigError(where(`threshold must be > 0, got ${o.threshold}.`));
  checkLayer(net, layer);
  const small = neuronSingularValues(net, layer).filter((s) => s <= o.threshold).length;
  const diff = o.scaffold - small;
  if (diff > 0) neurogenerate(net, layer, moments, { count: diff, seed: o.seed });
  else if (diff < 0) neurodegenerate(net, layer, moments, { count: -diff, compensate: o.compensate });
  return diff;
}
