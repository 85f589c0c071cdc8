/**
 * The arithmetic of `bench test-odds`: an error rate measured on a large held-out sample, its
 * 95% interval, the chance that a test set of n points scores 100%, and the chance that k
 * trials drawn from a pool all do.
 */
import { ConfigError } from '../../src/errors.js';
import { choose } from './subsets.js';

/** z of a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * Wilson's score interval for `errors` failures in `n` trials, at 95%. Unlike the normal
 * interval it stays inside [0, 1] and is not [0, 0] at zero errors.
 *
 * ```ts
 * wilson(0, 20000); // [0, 1.92e-4]
 * ```
 */
export function wilson(errors: number, n: number, z = Z95): [number, number] {
  if (!(n > 0) || errors < 0 || errors > n) throw new ConfigError(`wilson: need 0 <= errors <= n and n > 0, got ${errors} of ${n}.`);
  const p = errors / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * The chance that n independent test points all pass at error rate `rate`: (1 − rate)^n.
 *
 * ```ts
 * pClean(1e-3, 1000); // 0.368
 * ```
 */
export const pClean = (rate: number, n: number): number => Math.pow(1 - rate, n);

/**
 * The mean, over every k-subset of `p`, of the product of its entries: the chance that k trials
 * picked at random from the pool all succeed, when trial i succeeds with chance p[i] on its own.
 * Exact: the elementary symmetric polynomial e_k(p) over C(n, k).
 *
 * ```ts
 * meanSubsetProduct([1, 0.5, 0.5], 2); // (0.5 + 0.5 + 0.25) / 3
 * ```
 */
export function meanSubsetProduct(p: readonly number[], k: number): number {
  const n = p.length;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new ConfigError(`subsets of ${k} from ${n} trials: k must be an integer in 1..${n}; pass a --k in that range, or more trials.`);
  const e = new Float64Array(k + 1);
  e[0] = 1;
  for (const x of p) for (let j = k; j >= 1; j--) e[j] += e[j - 1] * x;
  return e[k] / choose(n, k);
}
