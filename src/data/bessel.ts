import { ConfigError, prefix } from '../errors.js';
import { createRng, permutation } from '../util/rng.js';
import type { RegressionDataset, RegressionSplit } from './task.js';

export interface BesselOptions {
  /** Grid points on [-2π, 2π] (N3: 2¹⁵), split at random into train and test. */
  n: number;
  /** Fraction of the points held out for the test split (N3: 0.2). */
  testFraction: number;
  seed: number;
}

export const BESSEL_DEFAULTS: BesselOptions = { n: 1024, testFraction: 0.2, seed: 1 };
const where = prefix('bessel');

/**
 * The Bessel function J₀(x) by its power series Σ_k (−1)ᵏ (x/2)²ᵏ / (k!)², summed until the
 * terms vanish (accurate to ~1e-15 absolute for |x| ≤ 2π, the range used here).
 *
 * ```ts
 * besselJ0(0); // 1
 * ```
 */
export function besselJ0(x: number): number {
  const q = -(x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 60 && Math.abs(term) > 1e-17; k++) {
    term *= q / (k * k);
    sum += term;
  }
  return sum;
}

/**
 * Min-max scale to [-1, 1], as N3's MinMaxScaler(feature_range=(-1, 1)).
 *
 * ```ts
 * minMax(Float64Array.of(0, 1, 2)); // [-1, 0, 1]
 * ```
 */
export function minMax(a: Float64Array): Float32Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of a) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return Float32Array.from(a, (v) => (2 * (v - lo)) / (hi - lo) - 1);
}

/**
 * Split rows at random into train and test (N3: sklearn's train_test_split).
 *
 * ```ts
 * const { train, test } = splitRows(x, y, 1, 1, 0.2, 1);
 * ```
 */
export function splitRows(x: Float32Array, y: Float32Array, dIn: number, dOut: number, testFraction: number, seed: number): { train: RegressionSplit; test: RegressionSplit } {
  const n = x.length / dIn;
  const p = permutation(n, createRng(seed));
  const nTest = Math.round(n * testFraction);
  const pick = (from: number, to: number): RegressionSplit => {
    const xs = new Float32Array((to - from) * dIn);
    const ys = new Float32Array((to - from) * dOut);
    for (let r = from; r < to; r++) {
      xs.set(x.subarray(p[r] * dIn, p[r] * dIn + dIn), (r - from) * dIn);
      ys.set(y.subarray(p[r] * dOut, p[r] * dOut + dOut), (r - from) * dOut);
    }
    return { n: to - from, x: xs, y: ys };
  };
  return { test: pick(0, nTest), train: pick(nTest, n) };
}

/**
 * N3's Bessel regression with J₀: x on an even grid over [-2π, 2π], y = J₀(x), both min-max
 * scaled to [-1, 1], then split at random. (N3's released code fits J₀ + J₁ + J₂; the paper
 * and this engine use J₀.)
 *
 * ```ts
 * const data = makeBessel({ n: 1024, seed: 1 });
 * ```
 */
export function makeBessel(opts: Partial<BesselOptions> = {}): RegressionDataset {
  const o = { ...BESSEL_DEFAULTS, ...opts };
  if (!Number.isInteger(o.n) || o.n < 4) throw new ConfigError(where(`n must be an integer ≥ 4, got ${o.n}.`));
  if (!(o.testFraction > 0 && o.testFraction < 1)) throw new ConfigError(where(`testFraction must be in (0, 1), got ${o.testFraction}.`));
  const xs = Float64Array.from({ length: o.n }, (_, k) => -2 * Math.PI + (4 * Math.PI * k) / (o.n - 1));
  const ys = Float64Array.from(xs, besselJ0);
  return { kind: 'regression', name: 'bessel', dIn: 1, dOut: 1, ...splitRows(minMax(xs), minMax(ys), 1, 1, o.testFraction, o.seed) };
}
