import { ConfigError, prefix } from '../errors.js';
import { createRng, deriveSeed, permutation } from '../util/rng.js';
import type { Dataset, Split } from './dataset.js';

/**
 * Feature normalisation: `none` leaves features as they are; `unit` asserts they already lie in
 * [0, 1] (the image loaders divide by 255); `standardize` uses per-feature mean and std of train.
 */
export type Normalization = 'none' | 'unit' | 'standardize';
/** Every `Normalization`, for option parsing. */
export const NORMALIZATIONS: readonly Normalization[] = ['none', 'unit', 'standardize'];

/** Per-feature mean and standard deviation (population, ddof 0). */
export interface FeatureStats {
  mean: Float32Array;
  std: Float32Array;
}

const where = prefix('data');

/** Features per sample of a split. */
function width(s: Split): number {
  return s.n === 0 ? 0 : s.x.length / s.n;
}

/**
 * Per-feature mean and standard deviation of a split, in float64 two-pass sums.
 *
 * ```ts
 * const { mean, std } = featureStats(data.train);
 * ```
 */
export function featureStats(split: Split): FeatureStats {
  const d = width(split);
  const sum = new Float64Array(d);
  for (let s = 0; s < split.n; s++) for (let k = 0; k < d; k++) sum[k] += split.x[s * d + k];
  const mean = sum.map((v) => v / split.n);
  const sq = new Float64Array(d);
  for (let s = 0; s < split.n; s++) {
    for (let k = 0; k < d; k++) {
      const e = split.x[s * d + k] - mean[k];
      sq[k] += e * e;
    }
  }
  return { mean: Float32Array.from(mean), std: Float32Array.from(sq, (v) => Math.sqrt(v / split.n)) };
}

/**
 * Apply (x − mean) / std per feature; a feature with zero std is only centred.
 *
 * ```ts
 * const test = standardizeSplit(data.test, featureStats(data.train));
 * ```
 */
export function standardizeSplit(split: Split, stats: FeatureStats): Split {
  const d = stats.mean.length;
  if (split.x.length !== split.n * d) {
    throw new ConfigError(where(`standardize: split has ${width(split)} features but the stats have ${d}. Compute the stats on the same kind of data.`));
  }
  const scale = Float64Array.from(stats.std, (v) => (v > 0 ? 1 / v : 1));
  const x = new Float32Array(split.x.length);
  for (let s = 0; s < split.n; s++) {
    for (let k = 0; k < d; k++) x[s * d + k] = (split.x[s * d + k] - stats.mean[k]) * scale[k];
  }
  return { n: split.n, x, y: split.y };
}

function range(x: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * Normalise a dataset's features; `standardize` computes the statistics on train and applies
 * them to both splits.
 *
 * ```ts
 * const data = normalize(loadFashionMnist(), 'standardize');
 * ```
 */
export function normalize(ds: Dataset, mode: Normalization): Dataset {
  switch (mode) {
    case 'none':
      return ds;
    case 'unit':
      for (const name of ['train', 'test'] as const) {
        const [lo, hi] = range(ds[name].x);
        if (lo < 0 || hi > 1) {
          throw new ConfigError(where(`normalize 'unit': ${ds.name} ${name} features span [${lo}, ${hi}], not [0, 1]. Use 'standardize' or 'none'.`));
        }
      }
      return ds;
    case 'standardize': {
      const stats = featureStats(ds.train);
      return { ...ds, train: standardizeSplit(ds.train, stats), test: standardizeSplit(ds.test, stats) };
    }
    default:
      throw new ConfigError(where(`unknown normalisation '${String(mode)}'. Use one of ${NORMALIZATIONS.join(', ')}.`));
  }
}

/**
 * The rows of a split at the given indices, in that order.
 *
 * ```ts
 * const firstTen = selectRows(data.train, Int32Array.from({ length: 10 }, (_, i) => i));
 * ```
 */
export function selectRows(split: Split, indices: ArrayLike<number>): Split {
  const d = width(split);
  const n = indices.length;
  const x = new Float32Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = indices[i];
    x.set(split.x.subarray(s * d, (s + 1) * d), i * d);
    y[i] = split.y[s];
  }
  return { n, x, y };
}

/** `k` distinct indices of 0..n-1 drawn with `seed`, in ascending order. */
function pick(n: number, k: number, seed: number): Int32Array {
  return permutation(n, createRng(seed)).subarray(0, k).sort();
}

function count(name: string, v: number, max: number): void {
  if (!Number.isInteger(v) || v < 1 || v > max) {
    throw new ConfigError(where(`${name} must be an integer in [1, ${max}], got ${v}. Pass a smaller ${name}.`));
  }
}

export interface SubsetOptions {
  /** Samples to keep from train; all when absent. */
  train?: number;
  /** Samples to keep from test; all when absent. */
  test?: number;
  seed: number;
}

/** Defaults merged under the options of `subset`. */
export const SUBSET_DEFAULTS: SubsetOptions = { seed: 1 };

/**
 * A seeded random subset of each split, rows kept in their original order. Train and test draw
 * from independent streams, so the train subset does not depend on the test size.
 *
 * ```ts
 * const small = subset(data, { train: 1000, test: 200, seed: 7 });
 * ```
 */
export function subset(ds: Dataset, options: Partial<SubsetOptions> = {}): Dataset {
  const o = { ...SUBSET_DEFAULTS, ...options };
  const take = (name: 'train' | 'test', salt: number): Split => {
    const k = o[name];
    const s = ds[name];
    if (k === undefined) return s;
    count(`subset ${name}`, k, s.n);
    return selectRows(s, pick(s.n, k, deriveSeed(o.seed, salt)));
  };
  return { ...ds, train: take('train', 0), test: take('test', 1) };
}

export interface SplitOptions {
  /** Fraction of samples that go to test, used when `nTest` is absent. */
  testFraction: number;
  /** Exact number of test samples. */
  nTest?: number;
  seed: number;
}

/** Defaults merged under the options of `splitTrainTest`. */
export const SPLIT_DEFAULTS: SplitOptions = { testFraction: 0.2, seed: 1 };

/**
 * Split one set of samples into seeded, disjoint train and test splits (original order kept).
 *
 * ```ts
 * const { train, test } = splitTrainTest(loadIdxPair(images, labels), { testFraction: 0.1 });
 * ```
 */
export function splitTrainTest(split: Split, options: Partial<SplitOptions> = {}): { train: Split; test: Split } {
  const o = { ...SPLIT_DEFAULTS, ...options };
  if (split.n < 2) throw new ConfigError(where(`cannot split ${split.n} sample(s) into train and test. Pass more data.`));
  if (o.nTest === undefined && !(o.testFraction > 0 && o.testFraction < 1)) {
    throw new ConfigError(where(`testFraction must be in (0, 1), got ${o.testFraction}.`));
  }
  const nTest = o.nTest ?? Math.min(split.n - 1, Math.max(1, Math.round(split.n * o.testFraction)));
  count('nTest', nTest, split.n - 1);
  const perm = permutation(split.n, createRng(o.seed));
  return {
    train: selectRows(split, perm.slice(nTest).sort()),
    test: selectRows(split, perm.slice(0, nTest).sort()),
  };
}
