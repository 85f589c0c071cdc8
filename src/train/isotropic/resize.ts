import { ConfigError, prefix } from '../../errors.js';
import type { IsoMlp, IsoMoments } from '../../core/isotropic-mlp.js';
import { diagonaliseFull, diagonaliseLeft } from './diagonalise.js';
import { neurodegenerate, neurogenerate } from './adapt.js';

const where = prefix('isotropic resize');

/** How to diagonalise before resizing. */
export type Diagonalisation = 'full' | 'left' | 'none';

/** Options of `resizeLayer`. */
export interface ResizeOptions {
  /** Experiment 1 fully diagonalises first. Default 'full'. */
  diagonalise: Diagonalisation;
  compensate: boolean;
  /** Seed of new neurons' outgoing columns. */
  seed: number;
}

export const RESIZE_DEFAULTS: ResizeOptions = { diagonalise: 'full', compensate: true, seed: 0 };

/**
 * Experiment 1's resize: diagonalise weight layer `layer` (full by default), then add `delta`
 * scaffold neurons (delta > 0) or remove −delta neurons with the smallest singular values
 * (delta < 0) from its hidden layer. In place; returns the new width.
 *
 * ```ts
 * resizeLayer(net, 1, -25); // 100 → 75 neurons, o and ψ compensated
 * ```
 */
export function resizeLayer(net: IsoMlp, layer: number, delta: number, moments: IsoMoments | null = null, options: Partial<ResizeOptions> = {}): number {
  const o = { ...RESIZE_DEFAULTS, ...options };
  if (!Number.isInteger(delta)) throw new ConfigError(where(`delta must be an integer, got ${delta}.`));
  if (o.diagonalise === 'full') diagonaliseFull(net, layer, moments);
  else if (o.diagonalise === 'left') diagonaliseLeft(net, layer, moments);
  else if (o.diagonalise !== 'none') throw new ConfigError(where(`diagonalise must be full, left or none, got '${String(o.diagonalise)}'.`));
  if (delta > 0) return neurogenerate(net, layer, moments, { count: delta, seed: o.seed });
  if (delta < 0) return neurodegenerate(net, layer, moments, { count: -delta, compensate: o.compensate });
  return net.widths[layer + 1];
}
