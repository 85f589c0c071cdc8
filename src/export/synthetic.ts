import { ShapeError, prefix } from '../errors.js';
import { createRng } from '../util/rng.js';

const where = prefix('verify samples');

/** How to draw inputs around a dataset. */
export interface SyntheticOptions {
  /** Seed of the draw. Default 0. */
  seed?: number;
  /** Std of the jitter, as a fraction of each feature's std over the data. Default 0.05. */
  jitter?: number;
}

/**
 * Draw `count` inputs from around a dataset: the first ⌈count/2⌉ are random convex mixes
 * λ·a + (1−λ)·b of two data rows (λ uniform in [0, 1]), the rest are data rows plus Gaussian
 * jitter scaled per feature. Deterministic in the seed.
 *
 * ```ts
 * const extra = syntheticInputs(data.test.x, data.test.n, data.dIn, 1000, { seed: 1 });
 * ```
 */
export function syntheticInputs(x: Float32Array, n: number, d: number, count: number, options: SyntheticOptions = {}): Float32Array {
  if (!Number.isInteger(count) || count < 0) throw new ShapeError(where(`count must be an integer ≥ 0, got ${count}.`));
  if (x.length !== n * d) throw new ShapeError(where(`expected n×d = ${n}×${d} values, got ${x.length}.`));
  const out = new Float32Array(count * d);
  if (count === 0) return out;
  if (n === 0) throw new ShapeError(where(`cannot draw ${count} samples around an empty dataset. Pass data rows or synthetic: 0.`));
  const rng = createRng(options.seed ?? 0);
  const jitter = options.jitter ?? 0.05;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (let s = 0; s < n; s++) for (let k = 0; k < d; k++) mean[k] += x[s * d + k] / n;
  for (let s = 0; s < n; s++) for (let k = 0; k < d; k++) std[k] += (x[s * d + k] - mean[k]) ** 2 / n;
  for (let k = 0; k < d; k++) std[k] = Math.sqrt(std[k]);
  const mixes = Math.ceil(count / 2);
  for (let c = 0; c < count; c++) {
    const a = rng.int(n) * d;
    const o = c * d;
    if (c < mixes) {
      const bRow = rng.int(n) * d;
      const lam = rng.next();
      for (let k = 0; k < d; k++) out[o + k] = lam * x[a + k] + (1 - lam) * x[bRow + k];
    } else {
      for (let k = 0; k < d; k++) out[o + k] = x[a + k] + jitter * std[k] * rng.normal();
    }
  }
  return out;
}
