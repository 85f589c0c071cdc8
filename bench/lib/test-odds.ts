/**
 * The arithmetic of `bench test-odds`: an error rate measured on a large held-out sample, its
 * 95% interval, and the chance that a test set of n points scores 100%.
 */
import { ConfigError } from '../../src/errors.js';

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
 * A trial's chance of a clean 100%: its `pClean`, or 0 when any fresh point ties (a dead output
 * decides that sample by the order of the outputs, not by the network).
 *
 * ```ts
 * cleanChance({ pClean: 0.9, heldOut: { tiedSamples: 0 } }); // 0.9
 * ```
 */
export const cleanChance = (t: { pClean: number; heldOut: { tiedSamples: number } }): number => (t.heldOut.tiedSamples > 0 ? 0 : t.pClean);
