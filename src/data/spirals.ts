import { ConfigError, prefix } from '../errors.js';
import { createRng, permutation } from '../util/rng.js';
import type { Dataset, Split } from './dataset.js';
import { minMax } from './bessel.js';

export interface SpiralOptions {
  /** Points in all (N3: 2¹⁵); each class gets n / classes. */
  n: number;
  classes: number;
  /** Standard deviation of the angle noise (N3: 0.2). */
  noise: number;
  testFraction: number;
  seed: number;
}

export const SPIRAL_DEFAULTS: SpiralOptions = { n: 1000, classes: 5, noise: 0.2, testFraction: 0.2, seed: 1 };
const where = prefix('spirals');

/**
 * N3's multi-class spirals: class c has radii evenly on [0, 5] and angles evenly on
 * [4c, 4c + 4] plus N(0, noise²); points (r sin θ, r cos θ), each coordinate min-max scaled to
 * [-1, 1], then split at random.
 *
 * ```ts
 * const data = makeSpirals({ n: 1000, classes: 5, seed: 1 });
 * ```
 */
export function makeSpirals(opts: Partial<SpiralOptions> = {}): Dataset {
  const o = { ...SPIRAL_DEFAULTS, ...opts };
  if (!Number.isInteger(o.classes) || o.classes < 2) throw new ConfigError(where(`classes must be an integer ≥ 2, got ${o.classes}.`));
  const per = Math.floor(o.n / o.classes);
  if (per < 2) throw new ConfigError(where(`n (${o.n}) gives fewer than 2 points per class. Raise n.`));
  const rng = createRng(o.seed);
  const n = per * o.classes;
  const x = new Float64Array(n * 2);
  const y = new Int32Array(n);
  for (let c = 0; c < o.classes; c++) {
    for (let k = 0; k < per; k++) {
      const r = (5 * k) / (per - 1);
      const a = 4 * c + (4 * k) / (per - 1) + rng.normal() * o.noise;
      const s = c * per + k;
      x[2 * s] = r * Math.sin(a);
      x[2 * s + 1] = r * Math.cos(a);
      y[s] = c;
    }
  }
  const xs = new Float32Array(n * 2);
  for (let d = 0; d < 2; d++) minMax(Float64Array.from({ length: n }, (_, s) => x[2 * s + d])).forEach((v, s) => (xs[2 * s + d] = v));
  const p = permutation(n, rng);
  const nTest = Math.round(n * o.testFraction);
  const pick = (from: number, to: number): Split => {
    const out: Split = { n: to - from, x: new Float32Array((to - from) * 2), y: new Int32Array(to - from) };
    for (let r = from; r < to; r++) {
      out.x.set(xs.subarray(2 * p[r], 2 * p[r] + 2), 2 * (r - from));
      out.y[r - from] = y[p[r]];
    }
    return out;
  };
  return { name: `spirals-${o.classes}`, dIn: 2, nClasses: o.classes, test: pick(0, nTest), train: pick(nTest, n) };
}
