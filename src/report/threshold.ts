import { ConfigError, prefix } from '../errors.js';

const where = prefix('report threshold');

/** Which synapses count as edges in a figure: |W_ij| > value, value a number or a fraction of max|W|. */
export type EdgeThreshold = number | { relative: number };

/** Default edge threshold of the figures: 1 % of the largest |W_ij|. */
export const DEFAULT_THRESHOLD: EdgeThreshold = { relative: 0.01 };

/**
 * The numeric value of a threshold rule on one W.
 *
 * ```ts
 * thresholdValue(W, { relative: 0.01 }); // 0.01 · max|W|
 * ```
 */
export function thresholdValue(W: Float32Array, rule: EdgeThreshold): number {
  if (typeof rule === 'number') {
    if (!(rule >= 0) || !Number.isFinite(rule)) throw new ConfigError(where(`threshold must be a finite number ≥ 0, got ${rule}.`));
    return rule;
  }
  const r = rule?.relative;
  if (!(r >= 0) || !Number.isFinite(r)) throw new ConfigError(where(`relative threshold must be a finite number ≥ 0, got ${r}.`));
  let m = 0;
  for (let k = 0; k < W.length; k++) {
    const a = Math.abs(W[k]);
    if (a > m) m = a;
  }
  return r * m;
}
