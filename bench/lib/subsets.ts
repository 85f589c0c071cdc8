/**
 * The share of the k-element subsets of a sample that pass a test: how often a k-seed experiment
 * drawn from a larger pool of seeds would have met a target (issue 15's targets are stated for 5
 * seeds). Every subset is visited, so the share is exact for the pool, with no sampling noise.
 */
import { ConfigError } from '../../src/errors.js';

/** How many of the k-subsets passed, of how many. */
export interface SubsetShare {
  k: number;
  n: number;
  subsets: number;
  passing: number;
  share: number;
}

/** C(n, k), exactly for the sizes enumerated here. */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) c = (c * (n - i + 1)) / i;
  return Math.round(c);
}

/** The most subsets `subsetShare` visits (C(40, 5) is 658,008). */
export const MAX_SUBSETS = 2_000_000;

/**
 * Call `visit` on every k-subset of `items`, in lexicographic order of their indices; returns how
 * many there were. Throws `ConfigError` when k is not in 1..n or there are over `MAX_SUBSETS`.
 *
 * ```ts
 * forEachSubset(['a', 'b', 'c'], 2, (s) => console.log(s.join(''))); // ab, ac, bc: 3
 * ```
 */
export function forEachSubset<T>(items: readonly T[], k: number, visit: (subset: T[]) => void): number {
  const n = items.length;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new ConfigError(`subsets of ${k} from ${n}: k must be an integer in 1..${n}; pass a --k in that range, or pool more trials (--add-to).`);
  const subsets = choose(n, k);
  if (subsets > MAX_SUBSETS) throw new ConfigError(`subsets of ${k} from ${n}: ${subsets} is over ${MAX_SUBSETS}. Pass a smaller --k.`);
  const idx = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    visit(idx.map((i) => items[i]));
    // The next combination: bump the last index that can still move, reset the ones after it.
    let j = k - 1;
    while (j >= 0 && idx[j] === n - k + j) j--;
    if (j < 0) return subsets;
    idx[j]++;
    for (let m = j + 1; m < k; m++) idx[m] = idx[m - 1] + 1;
  }
}

/**
 * Visit every k-subset of `items` (in lexicographic order of their indices) and count those for
 * which `pass` holds. Throws `ConfigError` when k is not in 1..n or there are over
 * `MAX_SUBSETS` subsets.
 *
 * ```ts
 * subsetShare([1, 2, 3, 4], 2, (s) => s[0] + s[1] > 4).passing; // 4 of the 6 pairs: {1,4} {2,3} {2,4} {3,4}
 * ```
 */
export function subsetShare<T>(items: readonly T[], k: number, pass: (subset: T[]) => boolean): SubsetShare {
  let passing = 0;
  const subsets = forEachSubset(items, k, (s) => void (pass(s) && passing++));
  return { k, n: items.length, subsets, passing, share: passing / subsets };
}

/**
 * The mean of `value` over every k-subset of `items`: with a chance of success per subset, how
 * likely a k-trial experiment drawn from the pool is to succeed.
 *
 * ```ts
 * subsetMean([0.5, 1, 1], 2, (s) => s[0] * s[1]); // (0.5 + 0.5 + 1) / 3
 * ```
 */
export function subsetMean<T>(items: readonly T[], k: number, value: (subset: T[]) => number): number {
  let sum = 0;
  const subsets = forEachSubset(items, k, (s) => void (sum += value(s)));
  return sum / subsets;
}
